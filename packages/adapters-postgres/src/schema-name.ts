import { RapportError } from '@rapport/core';

// Plain identifiers only: the name goes into a connection option and a SET statement, never bound.
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/**
 * The `search_path` value for an adapter's schema, quoted; the server's default when there is none.
 * Throws MISUSE for a name that is not a plain identifier.
 *
 * @example
 * ```ts
 * searchPathOf('rapport_test_1'); // '"rapport_test_1"'
 * searchPathOf(undefined); // '"$user", public'
 * ```
 */
export function searchPathOf(schema: string | undefined): string {
  if (schema === undefined) return '"$user", public';
  if (!PLAIN_IDENTIFIER.test(schema)) {
    throw new RapportError(
      'MISUSE',
      `The schema name '${schema}' is not a plain identifier (letters, digits, _ and $, at most 63 characters).`,
      { details: { schema } },
    );
  }
  return `"${schema}"`;
}
