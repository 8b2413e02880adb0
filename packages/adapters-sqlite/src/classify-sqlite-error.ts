import type { DriverFailure } from '@rapport/sql';

const UNIQUE_CODES: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

/**
 * Reads a better-sqlite3 error: a unique or primary-key violation names its columns in the message
 * (`UNIQUE constraint failed: people.tenant_id, people.email`, or `index 'name'` for an expression index);
 * a foreign-key violation names nothing.
 *
 * @example
 * ```ts
 * classifySqliteError(error); // { kind: 'unique', columns: ['tenant_id', 'email'] }
 * ```
 */
export function classifySqliteError(error: unknown): DriverFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(error instanceof Error)) return { kind: 'other' };
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreignKey' };
  if (!UNIQUE_CODES.has(code)) return { kind: 'other' };
  const [, target = ''] = error.message.split('constraint failed: ');
  const index = /^index '(.+)'$/.exec(target);
  if (index !== null) return { kind: 'unique', constraint: index[1] as string };
  const columns = target
    .split(', ')
    .map((qualified) => qualified.slice(qualified.indexOf('.') + 1))
    .filter((column) => column.length > 0);
  return columns.length === 0 ? { kind: 'unique' } : { kind: 'unique', columns };
}
