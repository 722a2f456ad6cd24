/**
 * Entry point of the language server for Node (`node dist/server.js --stdio`): build the connection, hand off.
 * Any LSP editor can run it; VS Code runs it through the extension's client.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { prepareProcessMemory } from '../../../languages/index';
import { startServer } from '../server';

// Before the first large allocation: the young generation must not grow (see languages/processMemory.ts).
prepareProcessMemory();

const connection = createConnection(ProposedFeatures.all);
// A stray exception must be logged, never kill the editor's language support.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
startServer(connection);
