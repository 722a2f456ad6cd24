/** How an HTTP answer is quoted in messages: `503 Service Unavailable: <Auth0's message>`, never more than a bounded part of it. */
import type { Auth0ErrorBody } from './auth0Errors';
import { cutNote } from './http';
import { cutText } from './redact';

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

/** What is shown of an answer that is not Auth0's JSON (plain text from a proxy or gateway). */
const MAX_SNIPPET_CHARS = 160;

/**
 * `503 Service Unavailable: message` for messages: Auth0's own words when it gave them (already cut by
 * readAuth0Error), else the start of a plain-text answer (not an HTML page); words that only repeat the status
 * text are not quoted again, and an answer read only in part says so.
 */
export function quoteAnswer(answer: { status: number; text: string | undefined; cutAtBytes?: number | undefined }, auth0: Auth0ErrorBody | undefined): string {
  const statusText = auth0?.error ?? STATUS_TEXT[answer.status] ?? '';
  const cut = cutNote(answer);
  const head = `${answer.status} ${statusText}`.trim() + (cut === undefined ? '' : ` (${cut})`);
  const snippet = answer.text?.replace(/\s+/g, ' ').trim();
  const words = auth0?.message ?? (snippet && !snippet.startsWith('<') ? cutText(snippet, MAX_SNIPPET_CHARS) : undefined);
  if (!words || sameWords(words, statusText) || sameWords(words, `${answer.status} ${statusText}`)) return head;
  return `${head}: ${words}`;
}

/** True when two phrases differ only in case, spacing and punctuation (`Gateway Timeout` / `gateway time-out.`). */
function sameWords(a: string, b: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain(a) === plain(b);
}

/** Auth0's words as a sentence of ours: a full stop added when they end without one. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
