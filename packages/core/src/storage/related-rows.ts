import { RapportError } from '../errors/rapport-error';
import type { Relation } from './condition';
import { invalidFilter } from './invalid-filter';
import type { Row } from './schema';

/**
 * Where the evaluator finds related rows: the rows of `relation.table` that link to `outerRow`, within the
 * outer row's tenant. The memory adapter supplies one over its own tables; core supplies one over rows it
 * fetched to evaluate a single record. {@link createRelatedRows} builds one from a way to list a table.
 *
 * @example
 * ```ts
 * const relatedRows: RelatedRows = createRelatedRows((table, tenantId) => rowsOf(table, tenantId));
 * compileCondition(where, relatedRows)(person);
 * ```
 */
export type RelatedRows = (relation: Relation, outerRow: Row) => readonly Row[];

/**
 * Lists the rows of one table and tenant, for {@link createRelatedRows}. Rows of another tenant may be
 * included: they are left out.
 */
export type ListRows = (table: string, tenantId: string) => Iterable<Row>;

/**
 * A {@link RelatedRows} source over `listRows`: on the first request for a relation and tenant it lists
 * the related table once and indexes it by the link, so a related condition over N outer rows costs one
 * pass over the related rows plus N lookups, not N passes. Make one per query: it keeps what it listed.
 *
 * @example
 * ```ts
 * const relatedRows = createRelatedRows((table) => fetched[table] ?? []);
 * const matches = compileCondition(segment, relatedRows);
 * ```
 */
export function createRelatedRows(listRows: ListRows): RelatedRows {
  const indexes = new Map<string, (outerRow: Row) => readonly Row[]>();
  return (relation, outerRow) => {
    const tenantId = outerRow.tenant_id;
    if (typeof tenantId !== 'string') {
      throw new RapportError('MISUSE', 'A related condition needs the outer row with its tenant_id column.', {
        details: { relation },
      });
    }
    const key = JSON.stringify([
      tenantId,
      relation.table,
      relation.link,
      relation.foreignColumn,
      relation.localColumn,
    ]);
    let linked = indexes.get(key);
    if (linked === undefined) {
      const rows = [...listRows(relation.table, tenantId)].filter((row) => row.tenant_id === tenantId);
      linked = indexRelatedRows(relation, rows);
      indexes.set(key, linked);
    }
    return linked(outerRow);
  };
}

/**
 * Indexes the rows of a related table by the link of `relation`, and returns the lookup of the rows that
 * link to an outer row. The rows must all belong to the outer rows' tenant. A `column` link matches equal
 * non-null values; a `list` link matches a related row whose list (a JSON array) holds the outer value as a
 * string element, once however often it holds it. A null outer value links to nothing.
 *
 * @example
 * ```ts
 * const ordersOf = indexRelatedRows({ table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' }, orders);
 * ordersOf(person); // the person's orders
 * ```
 */
export function indexRelatedRows(relation: Relation, rows: Iterable<Row>): (outerRow: Row) => readonly Row[] {
  checkRelation(relation);
  const { foreignColumn, localColumn } = relation;
  const byValue = new Map<unknown, Row[]>();
  const add = (value: unknown, row: Row) => {
    const bucket = byValue.get(value);
    if (bucket === undefined) byValue.set(value, [row]);
    else bucket.push(row);
  };
  for (const row of rows) {
    const value = row[foreignColumn];
    if (relation.link === 'column') {
      if (isLinkValue(value)) add(value, row);
    } else if (Array.isArray(value)) {
      for (const element of new Set(value)) if (typeof element === 'string') add(element, row);
    }
  }
  const none: readonly Row[] = [];
  return (outerRow) => {
    const value = outerRow[localColumn];
    return isLinkValue(value) ? (byValue.get(value) ?? none) : none;
  };
}

/**
 * Checks the shape of a relation, as every adapter refuses a malformed one with INVALID_FILTER.
 *
 * @example
 * ```ts
 * checkRelation(condition.relation);
 * ```
 */
export function checkRelation(relation: Relation): void {
  const isWellFormed =
    typeof relation === 'object' &&
    relation !== null &&
    typeof relation.table === 'string' &&
    typeof relation.foreignColumn === 'string' &&
    typeof relation.localColumn === 'string';
  if (!isWellFormed) {
    throw invalidFilter('A relation names a table, a foreignColumn and a localColumn.', { relation });
  }
  if (relation.link !== 'column' && relation.link !== 'list') {
    throw invalidFilter(`Unknown relation link '${String(relation.link)}'; use 'column' or 'list'.`, {
      relation,
    });
  }
}

// Link columns hold ids: strings, or numbers and booleans compared by value. Objects never link.
function isLinkValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
