import { RapportError } from '@rapport/core';

/**
 * A STORAGE_ERROR the store raises itself, for what an engine would refuse: an unknown table or column, a
 * value its column cannot hold. Same codes and details as core's memory adapter.
 *
 * @example
 * ```ts
 * throw storageError("Table 'tags' has no column 'colour'.", { table: 'tags', column: 'colour' });
 * ```
 */
export function storageError(message: string, details: Readonly<Record<string, unknown>> = {}): RapportError {
  return new RapportError('STORAGE_ERROR', message, { details });
}

/**
 * A MISUSE error: the call can never succeed as written; the message says what to do instead.
 *
 * @example
 * ```ts
 * throw misuse('delete needs a where.');
 * ```
 */
export function misuse(message: string, details: Readonly<Record<string, unknown>> = {}): RapportError {
  return new RapportError('MISUSE', message, { details });
}
