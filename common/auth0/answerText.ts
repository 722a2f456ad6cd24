/** How an HTTP answer is quoted in messages: `503 Service Unavailable: <Auth0's message>`. */
import type { Auth0ErrorBody } from './auth0Errors';

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `503 Service Unavailable: message` for messages; Auth0's own words when it gave them. */
export function quoteAnswer(status: number, auth0: Auth0ErrorBody | undefined, text: string | undefined): string {
  const head = `${status} ${auth0?.error ?? STATUS_TEXT[status] ?? ''}`.trim();
  if (auth0?.message && auth0.message !== auth0.error) return `${head}: ${auth0.message}`;
  if (auth0?.message) return head;
  const snippet = text?.replace(/\s+/g, ' ').trim().slice(0, 160);
  return snippet && !snippet.startsWith('<') ? `${head}: ${snippet}` : head;
}

/** Auth0's words as a sentence of ours: a full stop added when they end without one. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
