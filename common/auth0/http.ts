/**
 * One HTTP exchange with a timeout and cancellation, reduced to what the callers need to decide: a response (status,
 * headers, body text or why it could not be read), a timeout, a cancellation, or a network failure (and whether it
 * happened before anything could be sent). Redirects are never followed; an answer is read up to a cap and no
 * further; a request to `localhost` goes to the loopback address it was checked to resolve to (tenant.ts).
 */
import { connectTarget, type LookupAll } from './tenant';

/** The subset of `fetch` used here; injectable for tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Waits `ms`; should reject or resolve early when `signal` aborts. Injectable so tests need not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export type HttpResult =
  | {
      type: 'response';
      status: number;
      headers: Headers;
      /** The body, or undefined when it could not be read (then `readError` says why). */
      text: string | undefined;
      readError?: string;
      /** Set when the answer was longer than the cap: `text` is its first `cutAtBytes` bytes (see cutNote). */
      cutAtBytes?: number;
    }
  | { type: 'timeout'; afterMs: number }
  | { type: 'cancelled' }
  | {
      type: 'network';
      /** e.g. ECONNREFUSED, ECONNRESET, ENOTFOUND. */
      code: string | undefined;
      detail: string;
      /** True when the failure is known to have happened before the request could be sent (refused, DNS, TLS). */
      beforeSending: boolean;
    };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpOptions {
  fetch: FetchLike;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** How `localhost` is resolved (default: the system's resolver, hosts file first); injectable for tests. */
  lookup?: LookupAll;
}

/**
 * The most of an answer that is read: Auth0's answers are small (an error or a token is a few KB), and the largest,
 * a created connection, echoes the body sent, so the cap is 1 MB more than the body. Past it the rest is not read,
 * so a server answering 100 MB costs 1 MB, not hundreds.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export function answerCap(request: HttpRequest): number {
  return MAX_ANSWER_BYTES + (request.body === undefined ? 0 : Buffer.byteLength(request.body));
}

/** `the answer was cut at 1 MB` for an answer read only up to the cap, else undefined. */
export function cutNote(result: { cutAtBytes?: number | undefined }): string | undefined {
  if (result.cutAtBytes === undefined) return undefined;
  return `the answer was cut at ${Math.round((result.cutAtBytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Error codes that mean no byte of the request reached a server. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TIMEOUT = Symbol('timeout');
const CANCELLED = Symbol('cancelled');

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorDetail(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.message && !parts.includes(current.message)) {
      parts.push(current.message);
    }
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}

/** Sends one request; never throws (programming errors in `fetch` itself are reported as network failures). */
export async function sendHttp(request: HttpRequest, options: HttpOptions): Promise<HttpResult> {
  if (options.signal?.aborted) {
    return { type: 'cancelled' };
  }
  const controller = new AbortController();
  const onCancel = () => controller.abort(CANCELLED);
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => controller.abort(TIMEOUT), options.timeoutMs);
  const stopped = (): HttpResult | undefined => {
    if (controller.signal.reason === TIMEOUT) {
      return { type: 'timeout', afterMs: options.timeoutMs };
    }
    if (controller.signal.reason === CANCELLED) {
      return { type: 'cancelled' };
    }
    return undefined;
  };
  try {
    const target = await connectTarget(request.url, options.lookup, controller.signal);
    const early = stopped();
    if (early) return early;
    if (!target.ok) return { type: 'network', code: undefined, detail: target.message, beforeSending: true };
    let response: Response;
    try {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        redirect: 'manual',
        signal: controller.signal,
      };
      if (request.body !== undefined) {
        init.body = request.body;
      }
      response = await fetchFirstListening(target.urls, init, options.fetch);
    } catch (error) {
      const code = errorCode(error);
      const detail = errorDetail(error);
      // undici refuses some ports (e.g. 1, 25) before connecting, without an error code.
      const beforeSending = (code !== undefined && BEFORE_SENDING.has(code)) || /\bbad port\b/.test(detail);
      return stopped() ?? { type: 'network', code, detail, beforeSending };
    }
    try {
      const { text, cutAtBytes } = await readCapped(response, answerCap(request));
      return { type: 'response', status: response.status, headers: response.headers, text, ...(cutAtBytes !== undefined ? { cutAtBytes } : {}) };
    } catch (error) {
      const why = stopped();
      const readError =
        why?.type === 'timeout'
          ? `no complete answer within ${options.timeoutMs} ms`
          : why?.type === 'cancelled'
            ? 'cancelled while reading the answer'
            : `the connection failed while reading the answer (${errorCode(error) ?? errorDetail(error)})`;
      return { type: 'response', status: response.status, headers: response.headers, text: undefined, readError };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

/**
 * `fetch` to the first of `urls` that accepts the connection (the addresses `localhost` resolved to, in order; one
 * URL otherwise). Moving on is safe only when the connection was refused, so nothing was sent.
 */
async function fetchFirstListening(urls: readonly string[], init: RequestInit, fetchFn: FetchLike): Promise<Response> {
  for (let index = 0; ; index++) {
    try {
      return await fetchFn(urls[index]!, init);
    } catch (error) {
      if (index + 1 >= urls.length || errorCode(error) !== 'ECONNREFUSED') throw error;
    }
  }
}

/** The answer's text as `response.text()` gives it, but no more than `cap` bytes: the rest is not read. */
async function readCapped(response: Response, cap: number): Promise<{ text: string; cutAtBytes?: number }> {
  const reader = response.body?.getReader();
  if (reader === undefined) return { text: '' };
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode() };
    if (bytes + value.byteLength > cap) {
      // A character split by the cut is dropped, not shown as a replacement character.
      text += decoder.decode(value.subarray(0, cap - bytes), { stream: true });
      await reader.cancel().catch(() => undefined);
      return { text, cutAtBytes: cap };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** `JSON.parse` that returns undefined instead of throwing. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
