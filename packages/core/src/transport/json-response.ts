import type { RapportErrorCode } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import { errorBody } from './wire-format';

// Answers are per user and tenant: no cache may keep them, and no browser may sniff them into HTML.
const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * A JSON response with the headers every answer of the handler carries.
 *
 * @example
 * ```ts
 * jsonResponse(200, { result: record });
 * ```
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...jsonHeaders, ...headers } });
}

/**
 * A refusal of the request itself (no route, wrong method or media type, a body too large or malformed),
 * with a RapportError-shaped body so a remote client rebuilds it like any other error.
 *
 * @example
 * ```ts
 * refusal(415, 'MISUSE', 'Calls take content-type: application/json');
 * ```
 */
export function refusal(
  status: number,
  code: RapportErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, errorBody(new RapportError(code, message)), headers);
}
