/**
 * The server over raw stdio, for what a well-behaved LSP client can never send: corrupt framing (a wrong, missing or
 * huge Content-Length, LF-only separators, NUL or random bytes) and messages out of the protocol's order. Bytes go to
 * the child's stdin as given; what the server answers is read back with the protocol's own reader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamMessageReader, type Message } from 'vscode-languageserver-protocol/node';
import { MessageWaiters } from '../fixtures/messageWaiters';
import { SERVER_PATH } from './lspClient';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class RawStdioServer {
  readonly process: ChildProcess;
  readonly messages: Message[] = [];
  readonly #stderr: string[] = [];
  readonly #waiters = new MessageWaiters(() => this.stderr);
  #exit: ExitStatus | undefined;

  constructor() {
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr.push(chunk.toString());
      this.#waiters.wake();
    });
    // A write to a server that has just exited fails with EPIPE: that is what some of these tests expect.
    this.process.stdin?.on('error', () => undefined);
    this.process.once('exit', (code, signal) => {
      this.#exit = { code, signal };
      this.#waiters.wake();
    });
    new StreamMessageReader(this.process.stdout!).listen((message) => {
      this.messages.push(message);
      this.#waiters.wake();
    });
  }

  get stderr(): string {
    return this.#stderr.join('');
  }

  /** Writes bytes exactly as given. */
  write(bytes: string | Buffer): void {
    this.process.stdin?.write(bytes);
  }

  /** Writes one correctly framed message. */
  send(message: object): void {
    this.write(frame(JSON.stringify(message)));
  }

  /** The response to request `id`, once it arrives. */
  response(id: number, timeoutMs = 10_000): Promise<Message & { result?: unknown; error?: { code: number; message: string } }> {
    return this.#waiters.waitFor(
      () => this.messages.find((m) => (m as { id?: unknown }).id === id && !('method' in m)),
      timeoutMs,
      `the response to request ${id}`,
    );
  }

  /** Resolves with how the process ended, or fails if it is still running after `timeoutMs`. */
  exited(timeoutMs: number): Promise<ExitStatus> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!this.#exit) return false;
        clearTimeout(timer);
        resolve(this.#exit);
        return true;
      };
      const timer = setTimeout(() => {
        if (!check()) reject(new Error(`The server is still running ${timeoutMs} ms later. Stderr: ${this.stderr}`));
      }, timeoutMs);
      if (!check()) this.process.once('exit', () => setImmediate(check));
    });
  }

  /** Ends the process if a test left it running. */
  kill(): void {
    if (!this.#exit) this.process.kill('SIGKILL');
  }
}

/** `Content-Length: N\r\n\r\n` + body, N counted in bytes. */
export function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

export function initializeRequest(id: number): object {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
}
