import type { EntityDef } from '../entities/define-entity';
import { tableOfEntity } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { RapportError } from '../errors/rapport-error';
import type { Row } from '../storage/schema';
import { checkList, checkOptions } from './check-options';
import { allOf, columnIn } from './conditions';
import { cursorCondition, encodeCursor } from './cursor';
import type { ListOptions, Page } from './list-options';
import { listCondition, resolveOrder } from './list-query';
import { loadListResolution } from './list-resolution';
import { isRowInScope } from './row-in-scope';
import { rowMapping } from './row-mapping';
import type { WriteScope } from './write-scope';

/** Options of `get` and `getMany`. */
export interface GetOptions<TField extends string = string, TInclude extends string = string> {
  readonly select?: readonly TField[];
  readonly include?: readonly TInclude[];
}

const defaultLimit = 50;
const maxLimit = 1_000;
const idBatch = 500;

function checkSelect(entity: EntityDef, select: readonly string[] | undefined): void {
  for (const [index, name] of checkList(select, 'select').entries()) {
    if (!Object.hasOwn(entity.allFields, name)) {
      throw new RapportError('VALIDATION_FAILED', `Unknown field "${name}" in select`, {
        issues: [{ code: 'unknown_field', path: ['select', index], message: `Unknown field "${name}"` }],
      });
    }
  }
}

function project(
  record: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (select === undefined) return record;
  const projected: Record<string, unknown> = { id: record.id, version: record.version };
  for (const name of select) projected[name] = record[name];
  return projected;
}

/** Reads rows of any entity by id, in batches, limited by the access scope. */
async function rowsByIds(
  scope: WriteScope,
  target: EntityName,
  ids: readonly string[],
): Promise<Map<string, Row>> {
  const { runtime, context } = scope;
  const found = new Map<string, Row>();
  const where = runtime.access.readScope({ context, entity: target });
  for (let start = 0; start < ids.length; start += idBatch) {
    const batch = ids.slice(start, start + idBatch);
    const rows = await runtime.storage.findMany({
      table: tableOfEntity(target),
      tenantId: context.tenantId,
      where: allOf(columnIn('id', batch), where),
    });
    for (const row of rows) found.set(row.id as string, row);
  }
  return found;
}

/** Attaches the requested related records, one query per include (not one per record). */
async function attachIncludes(
  scope: WriteScope,
  records: Record<string, unknown>[],
  include: readonly string[] | undefined,
): Promise<void> {
  for (const [index, name] of checkList(include, 'include').entries()) {
    const relation = Object.hasOwn(scope.entity.includes, name) ? scope.entity.includes[name] : undefined;
    if (relation === undefined) {
      throw new RapportError('VALIDATION_FAILED', `${scope.entity.name} has no include "${name}"`, {
        issues: [
          {
            code: 'unknown_include',
            path: ['include', index],
            message: `Use one of: ${Object.keys(scope.entity.includes).join(', ')}`,
          },
        ],
      });
    }
    const ids = new Set<string>();
    for (const record of records) {
      const value = record[relation.field];
      if (typeof value === 'string') ids.add(value);
      if (Array.isArray(value)) for (const id of value) ids.add(id as string);
    }
    const rows = await rowsByIds(scope, relation.entity, [...ids]);
    const toRecord = rowMapping(entityDef(relation.entity)).toRecord;
    const related = (id: string) => (rows.has(id) ? toRecord(rows.get(id) as Row) : null);
    for (const record of records) {
      const value = record[relation.field];
      record[name] = Array.isArray(value)
        ? value.map((id) => related(id as string)).filter((item) => item !== null)
        : typeof value === 'string'
          ? related(value)
          : null;
    }
  }
}

function isValidId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 255;
}

/**
 * Reads one record by a valid id; undefined when it does not exist or the caller may not see it. The
 * point read is the hottest path: one primary-key lookup, no condition to compile.
 */
function readById(scope: WriteScope, id: string): Promise<Record<string, unknown> | undefined> {
  const { runtime, context, entity } = scope;
  return runtime.storage
    .findById({ table: entity.table, tenantId: context.tenantId, id })
    .then((row) => (row === undefined ? undefined : recordInScope(scope, row)));
}

/** The record of `row`, or undefined when the caller may not see it; without a read scope, at once. */
function recordInScope(
  scope: WriteScope,
  row: Row,
): Record<string, unknown> | Promise<Record<string, unknown> | undefined> {
  const { runtime, context, entity } = scope;
  const toRecord = rowMapping(entity).toRecord;
  const where = runtime.access.readScope({ context, entity: entity.name });
  if (where === undefined) return toRecord(row);
  return isRowInScope(runtime.storage, entity.table, context.tenantId, row, where).then((isInScope) =>
    isInScope ? toRecord(row) : undefined,
  );
}

/** A record as a read with `options` returns it: only the selected fields (and includes) when it selects. */
function selected(record: Record<string, unknown>, options: GetOptions): Record<string, unknown> {
  return options.select === undefined
    ? record
    : project(record, [...(options.select ?? []), ...(options.include ?? [])]);
}

/** Reads one record by id; NOT_FOUND when it does not exist or the caller may not see it. */
export async function getRecord(
  scope: WriteScope,
  id: unknown,
  given?: GetOptions,
): Promise<Record<string, unknown>> {
  // getRecords of one id, without its arrays and, when nothing is included, without another promise.
  const options = checkOptions(given, 'get') ?? {};
  checkSelect(scope.entity, options.select);
  const found = isValidId(id) ? await readById(scope, id) : undefined;
  // Includes are checked even when nothing was found, as getRecords does.
  if (options.include !== undefined)
    await attachIncludes(scope, found === undefined ? [] : [found], options.include);
  if (found === undefined) {
    throw new RapportError('NOT_FOUND', `No ${scope.entity.name} with id ${String(id)}`, {
      details: { entity: scope.entity.name, id },
    });
  }
  return selected(found, options);
}

/** Reads records by id, in the order of `ids`; ids that match nothing are left out. */
export async function getRecords(
  scope: WriteScope,
  ids: readonly unknown[],
  given?: GetOptions,
): Promise<Record<string, unknown>[]> {
  const { entity } = scope;
  const options = checkOptions(given, 'get') ?? {};
  checkSelect(entity, options.select);
  const validIds = checkList(ids, 'ids').filter(isValidId);
  let records: Record<string, unknown>[];
  if (validIds.length === 1) {
    const record = await readById(scope, validIds[0] as string);
    records = record === undefined ? [] : [record];
  } else {
    const rows = await rowsByIds(scope, entity.name, validIds);
    const { toRecord } = rowMapping(entity);
    records = validIds.filter((id) => rows.has(id)).map((id) => toRecord(rows.get(id) as Row));
  }
  await attachIncludes(scope, records, options.include);
  return options.select === undefined ? records : records.map((record) => selected(record, options));
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new RapportError('VALIDATION_FAILED', `limit is a whole number from 1 to ${maxLimit}`, {
      issues: [{ code: 'too_big', path: ['limit'], message: `Use 1 to ${maxLimit}` }],
    });
  }
  return limit;
}

/** Lists records: filter, sort, keyset page, optional total, select and include. */
export async function listRecords(
  scope: WriteScope,
  given?: ListOptions,
): Promise<Page<Record<string, unknown>>> {
  const { runtime, context, entity } = scope;
  const options = checkOptions(given, 'list') ?? {};
  const limit = checkLimit(options.limit);
  checkSelect(entity, options.select);
  const { resolve, filterContext } = await loadListResolution(scope, options.where, options.orderBy);
  const order = resolveOrder(options.orderBy, resolve);
  const scopeCondition = runtime.access.readScope({ context, entity: entity.name });
  const where = listCondition(options.where, options.archived ?? 'exclude', scopeCondition, filterContext);
  const cursor = options.cursor ? cursorCondition(options.cursor, order) : undefined;
  const rows = await runtime.storage.findMany({
    table: entity.table,
    tenantId: context.tenantId,
    where: allOf(where, cursor),
    orderBy: order,
    limit: limit + 1,
  });
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  const records = pageRows.map(rowMapping(entity).toRecord);
  await attachIncludes(scope, records, options.include);
  const total = options.withTotal
    ? await runtime.storage.count({
        table: entity.table,
        tenantId: context.tenantId,
        ...(where ? { where } : {}),
      })
    : undefined;
  return {
    items:
      options.select === undefined
        ? records
        : records.map((record) => project(record, [...(options.select ?? []), ...(options.include ?? [])])),
    nextCursor: hasMore && last !== undefined ? encodeCursor(order, last) : null,
    ...(total === undefined ? {} : { total }),
  };
}

/** Counts records matching a filter (archived ones excluded unless asked for). */
export async function countRecords(
  scope: WriteScope,
  given?: Pick<ListOptions, 'where' | 'archived'>,
): Promise<number> {
  const { runtime, context, entity } = scope;
  const options = checkOptions(given, 'count') ?? {};
  const { filterContext } = await loadListResolution(scope, options.where, undefined);
  const where = listCondition(
    options.where,
    options.archived ?? 'exclude',
    runtime.access.readScope({ context, entity: entity.name }),
    filterContext,
  );
  return runtime.storage.count({
    table: entity.table,
    tenantId: context.tenantId,
    ...(where ? { where } : {}),
  });
}
