import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { relationsOf } from '../filter/entity-relations';
import { createFieldResolver } from '../filter/field-resolver';
import type { FilterContext } from '../filter/filter-context';
import { compileFieldReader } from '../storage/read-operand';
import type { RelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';

/**
 * The value a comparison's field has for a record, as conditions read it: a built-in or custom field of
 * the record, or, following many-to-one relations (`company.region`, `company.owner.team`), the field of
 * the related record, skipping archived ones; null when there is no such record or the value is empty.
 * The field path must already be valid for `entity` (resolve the filter first).
 *
 * @example
 * ```ts
 * fieldPathValue('person', 'company.region', personRow, context, relatedRows); // 'North'
 * ```
 */
export function fieldPathValue(
  entity: EntityName,
  fieldPath: string,
  row: Row,
  context: FilterContext,
  relatedRows: RelatedRows,
): unknown {
  let rows: readonly Row[] = [row];
  let current = entity;
  let rest = fieldPath;
  for (;;) {
    const dot = rest.indexOf('.');
    const head = dot > 0 ? rest.slice(0, dot) : undefined;
    const toOne = head === undefined || head === 'custom' ? undefined : relationsOf(current).toOne.get(head);
    if (toOne === undefined) {
      const resolved = createFieldResolver(entityDef(current), context.customFields?.[current] ?? [])(rest);
      const [first] = rows;
      return resolved.ok && first !== undefined ? compileFieldReader(resolved.ref)(first) : null;
    }
    rows = rows
      .flatMap((outer) => relatedRows(toOne.relation, outer))
      .filter((related) => related.archived_at == null);
    current = toOne.target;
    rest = rest.slice((dot as number) + 1);
  }
}
