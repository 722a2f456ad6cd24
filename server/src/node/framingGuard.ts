/**
 * Watches the bytes the client writes to the server's stdin for a stream that can no longer be read.
 *
 * Why: vscode-jsonrpc's StreamMessageReader waits for `\r\n\r\n` and then for Content-Length bytes, whatever they are.
 * With LF-only separators it waits forever; with a Content-Length of 1e12 it buffers everything that follows; with a
 * missing, non-numeric, too small or too large one it reports an error nobody listens to and reads on out of step.
 * Each time the process stayed alive but deaf for good, even to `shutdown`. Nothing after a framing fault can be
 * trusted (the next message boundary is unknown), so a stdio server whose stream is corrupt exits with a clear
 * message on stderr (the client shows it and restarts the server, as VS Code's client does up to five times).
 *
 * How: the guard reads the same chunks as the reader (a second 'data' listener; it keeps no copy of a body) and
 * checks what a well-framed stream must hold: header lines of printable ASCII ending in CRLF, a Content-Length that
 * is a number no larger than MAX_CONTENT_LENGTH, a body that starts and ends like the JSON object it must be, and a
 * message that, once started, keeps arriving (STALL_MS).
 */

/** Above anything an editor sends: VS Code does not even sync documents over 50 MB to extensions. */
export const MAX_CONTENT_LENGTH = 256 * 1024 * 1024;
/** A message that stops arriving half-way for this long will not be finished. */
export const STALL_MS = 10_000;
const MAX_HEADER_LINE = 1024;
const CR = 13;
const LF = 10;

export interface FramingGuardOptions {
  onCorrupt(reason: string): void;
  maxContentLength?: number;
  stallMs?: number;
}

export class FramingGuard {
  readonly #options: Required<FramingGuardOptions>;
  #line = '';
  #afterCR = false;
  #contentLength: number | undefined;
  #headerLines = 0;
  /** Bytes of the body still to come, or -1 while reading headers. */
  #bodyLeft = -1;
  #bodyLength = 0;
  #firstBodyByte = -1;
  #lastBodyByte = -1;
  #bytesSeen = 0;
  #stallTimer: NodeJS.Timeout | undefined;
  #failed = false;

  constructor(options: FramingGuardOptions) {
    this.#options = { maxContentLength: MAX_CONTENT_LENGTH, stallMs: STALL_MS, ...options };
  }

  push(chunk: Buffer): void {
    if (this.#failed) return;
    this.#bytesSeen += chunk.length;
    let offset = 0;
    while (offset < chunk.length && !this.#failed) {
      offset = this.#bodyLeft >= 0 ? this.#readBody(chunk, offset) : this.#readHeaderByte(chunk[offset]!, offset);
    }
    this.#watchStall();
  }

  dispose(): void {
    clearTimeout(this.#stallTimer);
  }

  #readHeaderByte(byte: number, offset: number): number {
    if (this.#afterCR) {
      this.#afterCR = false;
      if (byte !== LF) return this.#fail('a header line has a CR without the LF that must follow it');
      this.#endHeaderLine();
    } else if (byte === CR) {
      this.#afterCR = true;
    } else if (byte === LF) {
      return this.#fail('a header line ends with LF alone; the protocol separates headers with CRLF');
    } else if (byte < 0x20 || byte > 0x7e) {
      return this.#fail(`the headers hold byte 0x${byte.toString(16).padStart(2, '0')}, which no header may contain`);
    } else if (this.#line.length >= MAX_HEADER_LINE) {
      return this.#fail(`a header line is longer than ${MAX_HEADER_LINE} characters`);
    } else {
      this.#line += String.fromCharCode(byte);
    }
    return offset + 1;
  }

  #endHeaderLine(): void {
    const line = this.#line;
    this.#line = '';
    if (line === '') return this.#startBody();
    this.#headerLines++;
    const header = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!header) return void this.#fail(`"${line}" is not a header`);
    if (header[1]!.toLowerCase() !== 'content-length') return;
    if (!/^\d+$/.test(header[2]!)) return void this.#fail(`Content-Length "${header[2]}" is not a number`);
    const length = Number(header[2]);
    if (length > this.#options.maxContentLength) {
      return void this.#fail(`Content-Length ${header[2]} is larger than the ${this.#options.maxContentLength} bytes any message may have`);
    }
    this.#contentLength = length;
  }

  #startBody(): void {
    if (this.#headerLines === 0) return void this.#fail('an empty line stands where headers were expected');
    if (this.#contentLength === undefined) return void this.#fail('a message has no Content-Length header');
    this.#bodyLeft = this.#bodyLength = this.#contentLength;
    this.#firstBodyByte = this.#lastBodyByte = -1;
    if (this.#bodyLeft === 0) this.#endBody();
  }

  #readBody(chunk: Buffer, offset: number): number {
    const end = Math.min(chunk.length, offset + this.#bodyLeft);
    for (let i = offset; i < end && this.#firstBodyByte < 0; i++) if (!isJsonSpace(chunk[i]!)) this.#firstBodyByte = chunk[i]!;
    for (let i = end - 1; i >= offset; i--) {
      if (!isJsonSpace(chunk[i]!)) {
        this.#lastBodyByte = chunk[i]!;
        break;
      }
    }
    this.#bodyLeft -= end - offset;
    if (this.#bodyLeft === 0) this.#endBody();
    return end;
  }

  #endBody(): void {
    const opens = this.#firstBodyByte === 0x7b || this.#firstBodyByte === 0x5b; // { or [
    const closes = this.#lastBodyByte === 0x7d || this.#lastBodyByte === 0x5d; // } or ]
    if (!opens || !closes) {
      return void this.#fail(`the ${this.#bodyLength} bytes that Content-Length announced are not one JSON message (the length is wrong)`);
    }
    this.#bodyLeft = -1;
    this.#contentLength = undefined;
    this.#headerLines = 0;
  }

  /** Between messages nothing is awaited; inside one, the rest must keep coming. */
  #watchStall(): void {
    clearTimeout(this.#stallTimer);
    const inside = this.#bodyLeft >= 0 || this.#line !== '' || this.#headerLines > 0 || this.#afterCR;
    if (!inside || this.#failed) return;
    const seen = this.#bytesSeen;
    this.#stallTimer = setTimeout(() => {
      // A busy event loop may fire this late with the rest already waiting in the pipe: give the poll phase one turn
      // to deliver it before calling the message stalled.
      setImmediate(() => {
        if (this.#bytesSeen === seen && !this.#failed) {
          const got = this.#bodyLeft >= 0 ? `after ${this.#bodyLength - this.#bodyLeft} of its ${this.#bodyLength} bytes` : 'in its headers';
          this.#fail(`a message stopped arriving ${got} for ${this.#options.stallMs / 1000} s (a Content-Length larger than the message?)`);
        }
      });
    }, this.#options.stallMs);
    this.#stallTimer.unref();
  }

  #fail(reason: string): number {
    if (!this.#failed) {
      this.#failed = true;
      clearTimeout(this.#stallTimer);
      this.#options.onCorrupt(reason);
    }
    return Number.MAX_SAFE_INTEGER;
  }
}

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === LF || byte === CR;
}

/** Guards a stdio server's input: on a corrupt stream, say why on stderr and exit (status 1: no orderly shutdown). */
export function exitOnCorruptFraming(input: NodeJS.ReadableStream): void {
  const guard = new FramingGuard({
    onCorrupt: (reason) => {
      process.stderr.write(
        `auth0-connections language server: the message stream from the client is corrupt (${reason}). ` +
          'Nothing after it can be read, so the server exits; the client can restart it.\n',
      );
      process.exit(1);
    },
  });
  input.on('data', (chunk: Buffer | string) => guard.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
}
