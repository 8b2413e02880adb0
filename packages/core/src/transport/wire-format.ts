import type { RapportErrorCode, RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';

/** The body of a call: `POST {basePath}/{api}/{method}` with `{ "args": [...] }`. */
export interface CallBody {
  readonly args: readonly unknown[];
}

/** The body of a call's answer: `{ "result": ... }` (absent when the call returns nothing). */
export interface ResultBody {
  readonly result?: unknown;
}

/** The body of a refused call: the error as `RapportError.toJSON()` gives it. */
export interface ErrorBody {
  readonly error: ReturnType<RapportError['toJSON']>;
}

/**
 * The wire form of a RapportError: its name, code, message, issues and details (never its stack or cause).
 *
 * @example
 * ```ts
 * errorBody(new RapportError('NOT_FOUND', 'No person abc')); // { error: { name: 'RapportError', code: 'NOT_FOUND', ... } }
 * ```
 */
export function errorBody(error: RapportError): ErrorBody {
  return { error: error.toJSON() };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isIssue(value: unknown): value is RapportIssue {
  if (!isRecord(value)) return false;
  const { code, path, message } = value;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    Array.isArray(path) &&
    path.every((part) => typeof part === 'string' || typeof part === 'number')
  );
}

/**
 * Rebuilds the RapportError a server sent, with its code, message, issues and details, so that
 * `isRapportError(error, 'VERSION_CONFLICT')` and `error.fieldErrors()` work as they do in process.
 * A body that is not Rapport's (a proxy's error page, say) becomes UNAVAILABLE with the HTTP status.
 *
 * @example
 * ```ts
 * const error = errorFromBody(await response.json().catch(() => null), response.status);
 * ```
 */
export function errorFromBody(body: unknown, status: number): RapportError {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || error.name !== 'RapportError' || typeof error.code !== 'string') {
    return new RapportError(
      'UNAVAILABLE',
      `The CRM server answered with HTTP ${status} and no Rapport error`,
      {
        details: { status },
      },
    );
  }
  const message = typeof error.message === 'string' ? error.message : error.code;
  const issues = Array.isArray(error.issues) ? error.issues.filter(isIssue) : [];
  const details = isRecord(error.details) ? error.details : {};
  // A newer server may send a code this client does not know yet; it is kept as sent.
  return new RapportError(error.code as RapportErrorCode, message, { issues, details: { ...details } });
}
