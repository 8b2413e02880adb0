import type { Relation } from '../storage/condition';
import type { RelatedRows } from '../storage/related-rows';
import { indexRelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import type { RowsByTable } from './related-prefetch';

type Linked = (outerRow: Row) => readonly Row[];

const keyOf = (relation: Relation) =>
  `${relation.table}\u0000${relation.link}\u0000${relation.foreignColumn}\u0000${relation.localColumn}`;

/**
 * A source of related rows over rows fetched for one tenant (see `prefetchRelated`), indexed by link on
 * first use. Saved segments share the registry's relation objects, so a lookup finds its index by the
 * relation object itself: evaluating a thousand segments costs no key building per related condition.
 *
 * @example
 * ```ts
 * const relatedRows = relatedRowsFrom(await prefetchRelated(args));
 * evaluateCondition(condition, row, relatedRows);
 * ```
 */
export function relatedRowsFrom(rows: RowsByTable): RelatedRows {
  const byRelation = new Map<Relation, Linked>();
  const byKey = new Map<string, Linked>();
  return (relation, outerRow) => {
    let linked = byRelation.get(relation);
    if (linked === undefined) {
      const key = keyOf(relation);
      linked = byKey.get(key) ?? indexRelatedRows(relation, rows.get(relation.table) ?? []);
      byKey.set(key, linked);
      byRelation.set(relation, linked);
    }
    return linked(outerRow);
  };
}
