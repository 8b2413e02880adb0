import { RapportError } from '../errors/rapport-error';

/**
 * The error for a condition or ordering that cannot be evaluated: a developer built an IR the contract
 * does not allow, so it fails when compiled, before any row is read.
 *
 * @example
 * ```ts
 * throw invalidFilter("'lt' does not apply to booleans; use 'eq' or 'ne'.", { op: 'lt' });
 * ```
 */
export function invalidFilter(
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): RapportError {
  return new RapportError('INVALID_FILTER', message, { details });
}
