/**
 * Entry point of the language server for Node (`node dist/server.js --stdio`): build the connection, hand off.
 * Any LSP editor can run it; VS Code runs it through the extension's client.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { prepareProcessMemory } from '../../../languages/index';
import { LifecycleGate } from '../lifecycleGate';
import { startServer } from '../server';
import { exitOnCorruptFraming } from './framingGuard';

// Before the first large allocation: the young generation must not grow (see languages/processMemory.ts).
prepareProcessMemory();

// Requests before initialize or after shutdown get the protocol's errors (see lifecycleGate.ts).
const lifecycle = new LifecycleGate();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: lifecycle.strategy });
lifecycle.listen(connection);
// A stray exception must be logged, never kill the editor's language support.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
startServer(connection);
// Over stdio, a corrupt message stream ends the process with a clear message instead of leaving it deaf.
if (process.argv.includes('--stdio')) exitOnCorruptFraming(process.stdin);
