import type { FilterContext } from '../filter/filter-context';
import { resolveFilter } from '../filter/resolve-filter';
import { fieldPathValue } from '../segments/field-path-value';
import { prefetchRelated } from '../segments/related-prefetch';
import { relatedRowsFrom } from '../segments/related-source';
import { relationTree } from '../segments/relation-tree';
import type { StorageReader } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { AssignableEntity, MatchCriterion } from './assignment-rule';
import type { RecordCriterion } from './eligibility';

function asTexts(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== '').map(String);
  return [String(value)];
}

/**
 * The record's values for a rule's criteria, read as the filter language reads fields (`region`,
 * `custom.language`, `company.industry`, following the record's company when the path says so), through
 * `reader`, so a record written earlier in the same transaction is seen as it is now.
 *
 * @example
 * ```ts
 * await recordCriteria(tx, tenantId, 'deal', dealRow, [{ attribute: 'region', field: 'company.region' }], context);
 * // [{ attribute: 'region', field: 'company.region', values: ['North'] }]
 * ```
 */
export async function recordCriteria(
  reader: StorageReader,
  tenantId: string,
  entity: AssignableEntity,
  row: Row,
  criteria: readonly MatchCriterion[],
  context: FilterContext,
): Promise<RecordCriterion[]> {
  if (criteria.length === 0) return [];
  const fields = criteria.map((criterion) => criterion.field as string);
  // The conditions name exactly the relations the fields follow, so only those rows are fetched.
  const conditions = fields.map((field) => resolveFilter({ field, op: 'isNotEmpty' }, context));
  const rows = await prefetchRelated({ reader, tenantId, tree: relationTree(conditions), outerRows: [row] });
  const relatedRows = relatedRowsFrom(rows);
  return criteria.map((criterion) => ({
    attribute: criterion.attribute,
    field: criterion.field as string,
    values: asTexts(fieldPathValue(entity, criterion.field as string, row, context, relatedRows)),
  }));
}
