import { RapportError } from '@rapport/core';

// Identifiers are quoted in every statement anyway; refusing odd names keeps Kysely's string parsing of
// `table.column` and `x as y` from ever misreading one, and keeps names portable across engines.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Throws MIGRATION_FAILED unless `name` is a plain SQL identifier (letters, digits, `_`, at most 63).
 *
 * @example
 * ```ts
 * assertIdentifier('people', 'table'); // ok
 * assertIdentifier('people; drop', 'table'); // throws
 * ```
 */
export function assertIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new RapportError(
      'MIGRATION_FAILED',
      `Invalid ${what} name ${JSON.stringify(name)}: use letters, digits and _ (at most 63).`,
      {
        details: { [what]: name },
      },
    );
  }
}
