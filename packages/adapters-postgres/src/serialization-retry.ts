// Serialization failure and deadlock: the server rolled the transaction back, and running it again may succeed.
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['40001', '40P01']);

/** How many times a transaction runs in all before a serialization failure reaches the caller. */
export const MAX_TRANSACTION_ATTEMPTS = 3;

/**
 * True when `error`, or an error it wraps as `cause` (the store wraps driver errors in RapportErrors), is
 * a serialization failure or a deadlock, after which the whole transaction may simply run again.
 *
 * @example
 * ```ts
 * isRetryableTransactionError({ code: '40001' }); // true
 * ```
 */
export function isRetryableTransactionError(error: unknown): boolean {
  let current: unknown = error;
  // A short walk: wrappers nest one or two deep, and a cycle must not loop forever.
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
