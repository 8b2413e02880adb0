import type { DriverFailure } from '@rapport/sql';

/**
 * Reads a Postgres error (from `pg` or PGlite, which both carry the server's fields): SQLSTATE `23505` is
 * a unique violation, named by its constraint or unique index (`people_pkey`, `people_email`), from which
 * the shared layer finds the columns; `23503` is a foreign-key violation.
 *
 * @example
 * ```ts
 * classifyPostgresError(error); // { kind: 'unique', constraint: 'people_email' }
 * ```
 */
export function classifyPostgresError(error: unknown): DriverFailure {
  const fields = error as { code?: unknown; constraint?: unknown } | null;
  if (typeof fields !== 'object' || fields === null) return { kind: 'other' };
  const constraint = typeof fields.constraint === 'string' ? fields.constraint : undefined;
  if (fields.code === '23505')
    return constraint === undefined ? { kind: 'unique' } : { kind: 'unique', constraint };
  if (fields.code === '23503')
    return constraint === undefined ? { kind: 'foreignKey' } : { kind: 'foreignKey', constraint };
  return { kind: 'other' };
}
