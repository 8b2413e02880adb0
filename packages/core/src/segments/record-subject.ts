import { RapportError } from '../errors/rapport-error';
import type { FilterContext } from '../filter/filter-context';
import { rowMapping } from '../records/row-mapping';
import type { WriteScope } from '../records/write-scope';
import type { Condition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { RelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import { isPlainObject } from '../util/is-plain-object';
import { prefetchRelated } from './related-prefetch';
import { relatedRowsFrom } from './related-source';
import { relationTree } from './relation-tree';
import type { Segment } from './segment';
import { filtersOf, loadListSegments, loadTenantFilterData, withSegments } from './segment-context';

/** A record given by id, or as values (a record read earlier, or a draft not saved yet). */
export type RecordOrId = string | Readonly<Record<string, unknown>>;

/** The context a filter is resolved in for one caller, as lists resolve it, and the segments it names. */
export interface CallerFilterSetup {
  readonly context: FilterContext;
  readonly segments: ReadonlyMap<string, Segment>;
}

/**
 * Loads what resolving `filter` for the caller needs, as a list does: the definitions and settings its
 * filter (and the segments it names) read, the caller as current actor, the caller's read scope.
 *
 * @example
 * ```ts
 * const { context } = await loadCallerFilterSetup(scope, { segment: vipId });
 * ```
 */
export async function loadCallerFilterSetup(scope: WriteScope, filter: unknown): Promise<CallerFilterSetup> {
  const { runtime, context, entity } = scope;
  const segments = (await loadListSegments(runtime.storage, context.tenantId, filter)) ?? new Map();
  const data = await loadTenantFilterData(runtime.storage, context.tenantId, [
    filter,
    ...filtersOf(segments),
  ]);
  const { settings } = data;
  const filterContext = withSegments(
    {
      entity: entity.name,
      customFields: data.definitions,
      now: runtime.now(),
      ...(settings === undefined
        ? {}
        : { timeZone: settings.timeZone, fiscalYearStartMonth: settings.fiscalYearStartMonth }),
      actorId: context.actor.id,
      readScope: (target) => runtime.access.readScope({ context, entity: target }),
    },
    segments,
  );
  return { context: filterContext, segments };
}

/**
 * The stored row of a record given by id (NOT_FOUND when it does not exist or the caller may not read
 * it), or the row of the values given, as the record would be stored.
 *
 * @example
 * ```ts
 * const row = await recordRow(scope, ann.id);
 * const draftRow = await recordRow(scope, { ...ann, region: 'North' });
 * ```
 */
export async function recordRow(scope: WriteScope, recordOrId: RecordOrId): Promise<Row> {
  const { runtime, context, entity } = scope;
  if (isPlainObject(recordOrId))
    return rowMapping(entity).toRow(context.tenantId, recordOrId as Record<string, unknown>);
  if (typeof recordOrId !== 'string' || recordOrId.length === 0 || recordOrId.length > 255)
    throw new RapportError('MISUSE', `Give a ${entity.name} id, or the ${entity.name}'s values as an object`);
  const row = await runtime.storage.findById({
    table: entity.table,
    tenantId: context.tenantId,
    id: recordOrId,
  });
  const readScope = runtime.access.readScope({ context, entity: entity.name });
  if (row === undefined || (readScope !== undefined && !evaluateCondition(readScope, row))) {
    throw new RapportError('NOT_FOUND', `No ${entity.name} with id ${recordOrId}`, {
      details: { entity: entity.name, id: recordOrId },
    });
  }
  return row;
}

/**
 * The related rows `condition` reads for one record, fetched now (only the relations it uses, only for
 * that record), as a source for `evaluateCondition`.
 *
 * @example
 * ```ts
 * const relatedRows = await relatedRowsOf(scope, condition, row);
 * evaluateCondition(condition, row, relatedRows);
 * ```
 */
export async function relatedRowsOf(scope: WriteScope, condition: Condition, row: Row): Promise<RelatedRows> {
  const rows = await prefetchRelated({
    reader: scope.runtime.storage,
    tenantId: scope.context.tenantId,
    tree: relationTree([condition]),
    outerRows: [row],
  });
  return relatedRowsFrom(rows);
}
