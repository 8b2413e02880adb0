import type { Condition, FieldRef, Row, StorageAdapter } from '@rapport/core';
import { isRapportError } from '@rapport/core';
import { readRaw } from './catalogue';
import type { Dataset } from './dataset';
import type { Query } from './query-arbitrary';

/** What an engine answered to a query: the ids `findMany` returned and what `count` said, or the error. */
export type Outcome =
  | { readonly ok: true; readonly ids: readonly string[]; readonly count: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Runs a query on one store. A RapportError becomes an outcome (engines must fail alike); anything else
 * is a bug of the adapter and is thrown.
 *
 * @example
 * ```ts
 * const outcome = await outcomeOf(adapter, { table: 'people', tenantId: 'tenant-a', where });
 * ```
 */
export async function outcomeOf(adapter: StorageAdapter, query: Query): Promise<Outcome> {
  const { table, tenantId, where, orderBy, limit } = query;
  try {
    const rows = await adapter.findMany({ table, tenantId, where, orderBy, limit });
    const count = await adapter.count({ table, tenantId, where });
    return { ok: true, ids: rows.map((row) => row.id as string), count };
  } catch (error) {
    if (isRapportError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/**
 * Whether an engine's outcome equals the reference's: the same error code, or the same count and the same
 * ids, in the same order when the query orders them.
 *
 * @example
 * ```ts
 * if (!isSameOutcome(query, memory, sqlite)) throw new Error(describeMismatch(...));
 * ```
 */
export function isSameOutcome(query: Query, reference: Outcome, outcome: Outcome): boolean {
  if (!reference.ok || !outcome.ok) return !reference.ok && !outcome.ok && reference.code === outcome.code;
  if (reference.count !== outcome.count) return false;
  const [expected, actual] =
    query.orderBy === undefined ? [sorted(reference.ids), sorted(outcome.ids)] : [reference.ids, outcome.ids];
  return expected.length === actual.length && expected.every((id, index) => id === actual[index]);
}

/** Every field a condition names, related conditions' own fields left out (they are of another table). */
function fieldsOf(condition: Condition | undefined, found: FieldRef[] = []): FieldRef[] {
  if (condition === undefined) return found;
  switch (condition.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) fieldsOf(member, found);
      return found;
    case 'not':
      return fieldsOf(condition.condition, found);
    case 'related':
      found.push({ operand: { kind: 'column', column: condition.relation.localColumn }, type: 'text' });
      return found;
    default:
      found.push(condition.field);
      return found;
  }
}

function describeRows(ids: readonly string[], rows: readonly Row[], fields: readonly FieldRef[]): string {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids
    .slice(0, 5)
    .map((id) => {
      const row = byId.get(id) ?? {};
      const values = fields.map(({ operand }) => {
        const name =
          operand.kind === 'column' ? operand.column : `${operand.column}.${operand.path.join('.')}`;
        return `${name}=${JSON.stringify(readRaw(operand, row))}`;
      });
      return `    ${id}: ${[...new Set(values)].join(', ')}`;
    })
    .join('\n');
}

function describeOutcome(outcome: Outcome): string {
  if (!outcome.ok) return `${outcome.code}: ${outcome.message}`;
  return `${outcome.ids.length} rows, count ${outcome.count}: ${JSON.stringify(outcome.ids)}`;
}

/**
 * A mismatch, spelled out for the report: the query, both answers, and for the rows only one engine
 * returned, the values of the fields the condition names.
 *
 * @example
 * ```ts
 * throw new Error(describeMismatch(dataset, query, 'sqlite', memory, sqlite));
 * ```
 */
export function describeMismatch(
  dataset: Dataset,
  query: Query,
  engine: string,
  reference: Outcome,
  outcome: Outcome,
): string {
  const lines = [
    `${engine} differs from memory on ${query.table} of ${query.tenantId}:`,
    `  where:   ${JSON.stringify(query.where)}`,
    `  orderBy: ${JSON.stringify(query.orderBy)}${query.limit === undefined ? '' : ` limit ${query.limit}`}`,
    `  memory:  ${describeOutcome(reference)}`,
    `  ${engine}: ${describeOutcome(outcome)}`,
  ];
  if (reference.ok && outcome.ok) {
    const rows = dataset.tenants[query.tenantId]?.[query.table] ?? [];
    const fields = fieldsOf(query.where);
    const onlyIn = (a: readonly string[], b: readonly string[]) => a.filter((id) => !b.includes(id));
    const missing = onlyIn(reference.ids, outcome.ids);
    const extra = onlyIn(outcome.ids, reference.ids);
    if (missing.length > 0) lines.push(`  only memory returned:\n${describeRows(missing, rows, fields)}`);
    if (extra.length > 0) lines.push(`  only ${engine} returned:\n${describeRows(extra, rows, fields)}`);
  }
  return lines.join('\n');
}
