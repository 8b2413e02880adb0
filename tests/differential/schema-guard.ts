import type {
  ColumnDef,
  Condition,
  CountArgs,
  FieldRef,
  FindManyArgs,
  OrderTerm,
  StorageAdapter,
} from '@rapport/core';
import { tableDef } from './table-rows';

/** What a guarded store saw that names something outside the schema: one line per finding. */
export interface SchemaGuard {
  readonly adapter: StorageAdapter;
  /** Every read whose condition or ordering named a column or custom key outside the schema. */
  readonly escapes: string[];
}

/** Custom field keys a condition may name, by table: the tenant's definitions. */
export type DefinedKeys = Readonly<Record<string, ReadonlySet<string>>>;

function columnsOf(table: string): readonly ColumnDef[] | undefined {
  try {
    return tableDef(table).columns;
  } catch {
    return undefined;
  }
}

function checkField(table: string, field: FieldRef, defined: DefinedKeys, escapes: string[]): void {
  const { operand } = field;
  const columns = columnsOf(table);
  if (columns === undefined) {
    escapes.push(`the table ${JSON.stringify(table)}`);
    return;
  }
  const column = columns.find((candidate) => candidate.name === operand.column);
  if (column === undefined) {
    escapes.push(`${table}: column ${JSON.stringify(operand.column)}`);
    return;
  }
  if (operand.kind !== 'jsonPath') return;
  if (column.type !== 'json')
    escapes.push(`${table}.${column.name}: a JSON path into a ${column.type} column`);
  const [key] = operand.path;
  if (operand.column === 'custom' && (key === undefined || !defined[table]?.has(key)))
    escapes.push(`${table}.custom: the undefined key ${JSON.stringify(key)}`);
}

function checkCondition(
  table: string,
  condition: Condition | undefined,
  defined: DefinedKeys,
  escapes: string[],
): void {
  if (condition === undefined) return;
  switch (condition.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) checkCondition(table, member, defined, escapes);
      return;
    case 'not':
      checkCondition(table, condition.condition, defined, escapes);
      return;
    case 'related': {
      const { relation } = condition;
      checkField(
        table,
        { operand: { kind: 'column', column: relation.localColumn }, type: 'text' },
        defined,
        escapes,
      );
      checkField(
        relation.table,
        { operand: { kind: 'column', column: relation.foreignColumn }, type: 'text' },
        defined,
        escapes,
      );
      checkCondition(relation.table, condition.where, defined, escapes);
      if (condition.aggregate.fn !== 'exists' && condition.aggregate.fn !== 'count')
        checkField(relation.table, condition.aggregate.field, defined, escapes);
      return;
    }
    default:
      checkField(table, condition.field, defined, escapes);
  }
}

function checkRead(args: FindManyArgs | CountArgs, defined: DefinedKeys, escapes: string[]): void {
  if (columnsOf(args.table) === undefined) {
    escapes.push(`the table ${JSON.stringify(args.table)}`);
    return;
  }
  checkCondition(args.table, args.where, defined, escapes);
  const orderBy: readonly OrderTerm[] = 'orderBy' in args ? (args.orderBy ?? []) : [];
  for (const term of orderBy) checkField(args.table, term.field, defined, escapes);
}

/**
 * Wraps a store so that every `findMany` and `count` (inside transactions too) is checked before it runs:
 * the tables, columns and custom field keys its condition and ordering name must all be in Rapport's
 * schema and the tenant's definitions. Whatever a filter holds, nothing else may reach an engine.
 *
 * @example
 * ```ts
 * const guard = guardSchema(sqliteAdapter({ filename }), { people: new Set(['tier']) });
 * await createCrm({ storage: guard.adapter });
 * expect(guard.escapes).toEqual([]);
 * ```
 */
export function guardSchema(adapter: StorageAdapter, defined: DefinedKeys): SchemaGuard {
  const escapes: string[] = [];
  const guardReads = <T extends Pick<StorageAdapter, 'findMany' | 'count'>>(reader: T): T =>
    new Proxy(reader, {
      get(target, property, receiver) {
        if (property === 'findMany')
          return (args: FindManyArgs) => {
            checkRead(args, defined, escapes);
            return target.findMany(args);
          };
        if (property === 'count')
          return (args: CountArgs) => {
            checkRead(args, defined, escapes);
            return target.count(args);
          };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const guarded = new Proxy(guardReads(adapter), {
    get(target, property, receiver) {
      if (property === 'transaction')
        return (fn: Parameters<StorageAdapter['transaction']>[0]) =>
          adapter.transaction((tx) => fn(guardReads(tx)));
      return Reflect.get(target, property, receiver);
    },
  });
  return { adapter: guarded, escapes };
}
