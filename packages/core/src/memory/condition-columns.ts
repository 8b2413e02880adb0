import type { Condition, FieldRef, OrderTerm, Relation } from '../storage/condition';
import { invalidFilter } from '../storage/invalid-filter';
import { checkRelation } from '../storage/related-rows';
import type { ColumnDef } from '../storage/schema';
import { storageError } from './memory-errors';
import type { MemoryStore } from './memory-store';
import type { TableStore } from './table-store';

/**
 * Checks that every column a condition or ordering names exists in its table, as a SQL engine would
 * refuse to prepare the query otherwise, and that JSON paths go into JSON columns. Related conditions are
 * checked against their related table (which must exist), and their link columns must be comparable.
 *
 * @example
 * ```ts
 * checkQueryColumns(store, table, args.where, args.orderBy);
 * ```
 */
export function checkQueryColumns(
  store: MemoryStore,
  table: TableStore,
  where?: Condition,
  orderBy?: readonly OrderTerm[],
): void {
  if (where !== undefined) checkCondition(store, table, where);
  for (const term of orderBy ?? []) checkField(table, term.field);
}

function checkCondition(store: MemoryStore, table: TableStore, condition: Condition): void {
  switch (condition?.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) checkCondition(store, table, member);
      return;
    case 'not':
      checkCondition(store, table, condition.condition);
      return;
    case 'related': {
      checkRelation(condition.relation);
      const related = store.requireTable(condition.relation.table);
      checkLink(table, related, condition.relation);
      if (condition.where !== undefined) checkCondition(store, related, condition.where);
      const aggregate = condition.aggregate as { field?: FieldRef } | undefined;
      if (aggregate?.field !== undefined) checkField(related, aggregate.field);
      return;
    }
    case undefined:
      return;
    default:
      // Malformed conditions are reported by compileCondition with the precise reason.
      if (condition.field?.operand !== undefined) checkField(table, condition.field);
  }
}

function checkField(table: TableStore, field: FieldRef): void {
  const operand = field?.operand;
  if (operand === undefined) return;
  const column = requireColumn(table, operand.column);
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

/**
 * A `column` link compares two columns of the same kind (text with text, number with number), never
 * JSON; a `list` link looks for a text column's value in a JSON column. The SQL compiler checks the same.
 */
function checkLink(outer: TableStore, related: TableStore, relation: Relation): void {
  const local = requireColumn(outer, relation.localColumn);
  const foreign = requireColumn(related, relation.foreignColumn);
  const fits =
    relation.link === 'column'
      ? linkKind(local) !== undefined && linkKind(local) === linkKind(foreign)
      : foreign.type === 'json' && linkKind(local) === 'text';
  if (!fits) {
    throw invalidFilter(
      `A ${relation.link} link cannot join ${related.name}.${foreign.name} (${foreign.type}) to ${outer.name}.${local.name} (${local.type}).`,
      { relation },
    );
  }
}

function linkKind(column: ColumnDef): 'text' | 'number' | 'boolean' | undefined {
  switch (column.type) {
    case 'text':
    case 'timestamp':
    case 'date':
      return 'text';
    case 'integer':
    case 'real':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

function requireColumn(table: TableStore, name: string): ColumnDef {
  const column = table.column(name);
  if (column === undefined) {
    throw storageError(`Table '${table.name}' has no column '${name}'.`, { table: table.name, column: name });
  }
  return column;
}
