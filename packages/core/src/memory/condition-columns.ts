import type { Condition, FieldRef, OrderTerm } from '../storage/condition';
import { invalidFilter } from '../storage/invalid-filter';
import { storageError } from './memory-errors';
import type { TableStore } from './table-store';

/**
 * Checks that every column a condition or ordering names exists in the table, as a SQL engine would
 * refuse to prepare the query otherwise, and that JSON paths go into JSON columns.
 *
 * @example
 * ```ts
 * checkQueryColumns(table, args.where, args.orderBy);
 * ```
 */
export function checkQueryColumns(
  table: TableStore,
  where?: Condition,
  orderBy?: readonly OrderTerm[],
): void {
  if (where !== undefined) forEachField(where, (field) => checkField(table, field));
  for (const term of orderBy ?? []) checkField(table, term.field);
}

function forEachField(condition: Condition, visit: (field: FieldRef) => void): void {
  switch (condition?.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) forEachField(member, visit);
      return;
    case 'not':
      forEachField(condition.condition, visit);
      return;
    case undefined:
      return;
    default:
      // Malformed conditions are reported by compileCondition with the precise reason.
      if (condition.field?.operand !== undefined) visit(condition.field);
  }
}

function checkField(table: TableStore, field: FieldRef): void {
  const operand = field?.operand;
  if (operand === undefined) return;
  const column = table.column(operand.column);
  if (column === undefined) {
    throw storageError(`Table '${table.name}' has no column '${operand.column}'.`, {
      table: table.name,
      column: operand.column,
    });
  }
  if (operand.kind === 'jsonPath' && column.type !== 'json') {
    throw invalidFilter(
      `Column '${operand.column}' of '${table.name}' is ${column.type}, not json: it has no JSON path.`,
      {
        table: table.name,
        column: operand.column,
      },
    );
  }
}
