import { RapportError } from '../errors/rapport-error';
import type { ForeignKeyLink } from './foreign-key-link';

/**
 * A STORAGE_ERROR: what a SQL engine reports for an unknown table or column, a NULL in a NOT NULL column,
 * or a value its column cannot hold.
 *
 * @example
 * ```ts
 * throw storageError("Unknown table 'tags'.", { table: 'tags' });
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
 * throw misuse('The adapter is closed. Create a new adapter instead of reusing a closed one.');
 * ```
 */
export function misuse(message: string): RapportError {
  return new RapportError('MISUSE', message);
}

/**
 * A DUPLICATE error for a primary-key or unique-index violation, naming the index's columns.
 *
 * @example
 * ```ts
 * throw duplicate('tags', ['tenant_id', 'name']);
 * ```
 */
export function duplicate(table: string, columns: readonly string[]): RapportError {
  return new RapportError(
    'DUPLICATE',
    `A row of '${table}' already has these values of (${columns.join(', ')}).`,
    {
      details: { table, columns: [...columns] },
    },
  );
}

/**
 * An INVALID_REFERENCE error: a foreign key of a written row points at no row.
 *
 * @example
 * ```ts
 * throw invalidReference(link);
 * ```
 */
export function invalidReference(link: ForeignKeyLink): RapportError {
  const { def, childTable } = link;
  return new RapportError(
    'INVALID_REFERENCE',
    `(${def.columns.join(', ')}) of '${childTable}' points at no row of '${def.references.table}'.`,
    {
      details: {
        table: childTable,
        columns: [...def.columns],
        references: def.references,
        foreignKey: def.name,
      },
    },
  );
}

/**
 * A REFERENCED error: a row cannot be deleted (or its key changed) while another row points at it.
 *
 * @example
 * ```ts
 * throw referenced('companies', link);
 * ```
 */
export function referenced(table: string, link: ForeignKeyLink): RapportError {
  const { def, childTable } = link;
  return new RapportError(
    'REFERENCED',
    `A row of '${table}' is still referenced by (${def.columns.join(', ')}) of '${childTable}'; remove those references first.`,
    {
      details: {
        table,
        columns: [...def.references.columns],
        referencedBy: { table: childTable, columns: [...def.columns] },
        foreignKey: def.name,
      },
    },
  );
}

/**
 * A MIGRATION_FAILED error naming the migration; its steps have been rolled back.
 *
 * @example
 * ```ts
 * throw migrationFailed(migration, 'Table "tags" already exists.');
 * ```
 */
export function migrationFailed(
  migration: { version: number; name: string },
  reason: string,
  cause?: unknown,
): RapportError {
  return new RapportError(
    'MIGRATION_FAILED',
    `Migration ${migration.version} (${migration.name}) failed: ${reason}`,
    {
      details: { version: migration.version, name: migration.name },
      cause,
    },
  );
}
