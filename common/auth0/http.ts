/**
 * One HTTP exchange with a timeout and cancellation, reduced to what the callers need to decide: a response (status,
 * headers, body text or why it could not be read), a timeout, a cancellation, or a network failure (and whether it
 * happened before anything could be sent). Redirects are never followed.
 */

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
      response = await options.fetch(request.url, init);
    } catch (error) {
      const code = errorCode(error);
      const detail = errorDetail(error);
      // undici refuses some ports (e.g. 1, 25) before connecting, without an error code.
      const beforeSending = (code !== undefined && BEFORE_SENDING.has(code)) || /\bbad port\b/.test(detail);
      return stopped() ?? { type: 'network', code, detail, beforeSending };
    }
    try {
      const text = await response.text();
      return { type: 'response', status: response.status, headers: response.headers, text };
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
