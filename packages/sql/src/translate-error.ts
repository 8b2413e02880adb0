import type { TableDef } from '@rapport/core';
import { isRapportError, RapportError } from '@rapport/core';
import type { SqlDialect } from './sql-dialect';

/** What the store was doing when the driver failed; it decides what a foreign-key failure means. */
export type StorageOperation = 'read' | 'insert' | 'update' | 'delete' | 'transaction';

/** Where a driver error happened. */
export interface ErrorContext {
  readonly operation: StorageOperation;
  /** The table the statement wrote or read, when there is one. */
  readonly table?: TableDef;
  /**
   * What a foreign-key failure means, when the operation alone does not say: an update fails one either
   * by pointing nowhere (`INVALID_REFERENCE`) or by changing a key other rows point at (`REFERENCED`).
   */
  readonly foreignKey?: 'INVALID_REFERENCE' | 'REFERENCED';
}

/**
 * Turns a driver error into a RapportError: a unique or primary-key violation into `DUPLICATE` with
 * `details.table` and `details.columns`, a foreign-key violation into `INVALID_REFERENCE` on insert (and
 * update, unless `context.foreignKey` says otherwise) and `REFERENCED` on delete, anything else into `STORAGE_ERROR` with the driver error as `cause`.
 * A RapportError passes through unchanged.
 *
 * @example
 * ```ts
 * try { connection.execute(statement); } catch (error) { throw translateError(error, dialect, { operation: 'insert', table }); }
 * ```
 */
export function translateError(error: unknown, dialect: SqlDialect, context: ErrorContext): RapportError {
  if (isRapportError(error)) return error;
  const failure = dialect.classifyError(error);
  const { table, operation } = context;
  const tableName = table?.name;
  switch (failure.kind) {
    case 'unique': {
      const columns = failure.columns ?? constraintColumns(table, failure.constraint);
      const named = columns === undefined ? '' : ` (${columns.join(', ')})`;
      return new RapportError(
        'DUPLICATE',
        `A row of ${tableName ?? 'the table'} already has these values${named}.`,
        {
          details: { table: tableName, columns: columns ?? [] },
          cause: error,
        },
      );
    }
    case 'foreignKey':
      if (
        (context.foreignKey ?? (operation === 'delete' ? 'REFERENCED' : 'INVALID_REFERENCE')) === 'REFERENCED'
      ) {
        return new RapportError(
          'REFERENCED',
          `A row of ${tableName ?? 'the table'} is still referenced and cannot be deleted.`,
          {
            details: referenceDetails(tableName, failure.constraint),
            cause: error,
          },
        );
      }
      return new RapportError(
        'INVALID_REFERENCE',
        `A row of ${tableName ?? 'the table'} references a row that does not exist.`,
        {
          details: referenceDetails(tableName, failure.constraint),
          cause: error,
        },
      );
    case 'other':
      return new RapportError(
        'STORAGE_ERROR',
        `The storage engine failed during ${operation}: ${messageOf(error)}`,
        {
          details: tableName === undefined ? {} : { table: tableName },
          cause: error,
        },
      );
  }
}

function referenceDetails(
  table: string | undefined,
  constraint: string | undefined,
): Record<string, unknown> {
  return constraint === undefined ? { table } : { table, constraint };
}

// Postgres names the violated constraint, not its columns; the table definition knows them.
function constraintColumns(
  table: TableDef | undefined,
  constraint: string | undefined,
): readonly string[] | undefined {
  if (table === undefined || constraint === undefined) return undefined;
  if (constraint === `${table.name}_pkey`) return table.primaryKey;
  return table.indexes.find((index) => index.name === constraint)?.columns;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
