/**
 * `auth0-connections`: thin entry. Builds the process-facing IO, dispatches to a command, turns a usage error into
 * one line and exit code 2, and never lets a stack trace reach the user.
 */
import { createInterface } from 'node:readline';
import { applyCommand } from './applyCommand';
import { createCommand } from './createCommand';
import { diffCommand } from './diffCommand';
import { ExitCode, UsageError } from './exitCodes';
import { MAIN_HELP, VERSION } from './help';
import type { CliIO } from './io';
import { pullCommand } from './pullCommand';
import { validateCommand } from './validateCommand';
import { errorMessage } from '../common/errors';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIO) => Promise<number>> = {
  validate: validateCommand,
  create: createCommand,
  pull: pullCommand,
  diff: diffCommand,
  apply: applyCommand,
};

function processIO(controller: AbortController): CliIO {
  let abortOnInterrupt = false;
  process.on('SIGINT', () => {
    if (abortOnInterrupt && !controller.signal.aborted) {
      controller.abort();
      process.stderr.write('\nCancelling (press Ctrl+C again to quit at once)...\n');
      return;
    }
    process.exit(130);
  });
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    signal: controller.signal,
    catchInterrupts: () => {
      abortOnInterrupt = true;
    },
    ask: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        let answered = false;
        rl.question(question, (answer) => {
          answered = true;
          rl.close();
          resolve(answer);
        });
        // Ctrl+C or end of input at the prompt is a "no".
        rl.on('SIGINT', () => {
          process.stderr.write('\n');
          rl.close();
        });
        rl.on('close', () => {
          if (!answered) resolve('');
        });
      }),
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && COMMANDS[topic]) return COMMANDS[topic]!(['--help'], io);
    // Asked for, help is the result (stdout, exit 0); given instead of a command, it is a usage error (stderr, exit 2).
    if (command === undefined) {
      io.err(MAIN_HELP);
      return ExitCode.Usage;
    }
    io.out(MAIN_HELP);
    return ExitCode.Ok;
  }
  if (command === '--version' || command === '-V' || command === '-v') {
    io.out(VERSION + '\n');
    return ExitCode.Ok;
  }
  const handler = COMMANDS[command];
  if (handler === undefined) {
    throw new UsageError(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "auth0-connections --help".`);
  }
  return handler(rest, io);
}

async function main(): Promise<void> {
  const controller = new AbortController();
  // A closed pipe (`... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });

  const io = processIO(controller);
  let code: number;
  try {
    code = await run(process.argv.slice(2), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`auth0-connections: ${error.message}\n`);
      code = ExitCode.Usage;
    } else {
      const detail = errorMessage(error);
      io.err(`auth0-connections: internal error: ${detail}\nPlease report it with the command you ran.\n`);
      code = ExitCode.Usage;
    }
  }
  // Exit only once both streams are flushed: a piped report must not be cut short.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

void main();
