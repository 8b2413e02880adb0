import type { EntityDef } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { columnIn } from '../records/conditions';
import { rowMapping } from '../records/row-mapping';
import type { WriteHook, WriteHookArgs, WrittenRecord } from '../records/write-hooks';
import { loadCompiledSegments } from './compiled-segments';
import { evaluateMembership } from './evaluate-membership';
import type { MembershipChange, RowChange } from './membership-changes';
import { segmentMembersTableName } from './membership-condition';
import { publishMembershipEvents, writeMembershipEvents } from './membership-events';
import type { RowsPatch } from './related-prefetch';
import { rowsById } from './rows-by-id';

const idBatch = 500;

/** The entities a record of `entity` points at, with the fields that hold their ids. */
function linkedEntities(entity: EntityDef): Map<EntityName, string[]> {
  const linked = new Map<EntityName, string[]>();
  for (const [name, field] of Object.entries(entity.allFields)) {
    if (field.references === undefined) continue;
    linked.set(field.references, [...(linked.get(field.references) ?? []), name]);
  }
  return linked;
}

function linkedIds(writes: readonly WrittenRecord[], fields: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const write of writes) {
    for (const side of [write.before, write.after]) {
      for (const field of fields) {
        const value = side?.[field];
        if (typeof value === 'string') ids.add(value);
        if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.add(id);
      }
    }
  }
  return ids;
}

async function changesOf(
  args: WriteHookArgs,
  entity: EntityDef,
  writes: readonly WrittenRecord[],
): Promise<MembershipChange[]> {
  const { tx, runtime, context } = args;
  const { tenantId } = context;
  const linked = linkedEntities(entity);
  const segments = await loadCompiledSegments(runtime, tx, tenantId, [entity.name, ...linked.keys()]);
  if (segments.length === 0) return [];
  const { toRow } = rowMapping(entity);
  const rows: RowChange[] = writes.map((write) => ({
    before: write.before === undefined ? null : toRow(tenantId, write.before),
    after: write.after === undefined ? null : toRow(tenantId, write.after),
  }));
  const written = new Set(rows.map((row) => (row.after ?? row.before)?.id as string));
  const patch: RowsPatch = {
    table: entity.table,
    isAfterOnly: (row) => written.has(row.id as string),
    beforeOnly: rows.flatMap((row) => (row.before === null ? [] : [row.before])),
  };
  const freshIds = new Set(rows.filter((row) => row.before === null).map((row) => row.after?.id as string));
  const own = segments.filter((compiled) => compiled.segment.entity === entity.name);
  const found = await evaluateMembership({ reader: tx, tenantId, segments: own, rows, patch, freshIds });
  for (const [target, fields] of linked) {
    const reading = segments.filter(
      (compiled) => compiled.segment.entity === target && compiled.tables.has(entity.table),
    );
    const ids = [...linkedIds(writes, fields)].filter((id) => target !== entity.name || !written.has(id));
    if (reading.length === 0 || ids.length === 0) continue;
    const targetRows = await rowsById(tx, tenantId, entityDef(target).table, ids);
    const unchanged = targetRows.map((row) => ({ before: row, after: row }));
    found.push(
      ...(await evaluateMembership({ reader: tx, tenantId, segments: reading, rows: unchanged, patch })),
    );
  }
  return found;
}

/** A deleted record leaves its static and snapshot lists: its `segment_members` rows go with it. */
async function unlistDeleted(args: WriteHookArgs): Promise<void> {
  const deleted = args.writes
    .filter((write) => write.after === undefined)
    .map((write) => write.before?.id as string);
  for (let start = 0; start < deleted.length; start += idBatch) {
    const where = columnIn('record_id', deleted.slice(start, start + idBatch));
    await args.tx.delete({ table: segmentMembersTableName, tenantId: args.context.tenantId, where });
  }
}

/**
 * The write path's segment step, run inside every write's transaction once its rows are written: which of
 * the tenant's active segments each written record entered or left (evaluated in memory, before and after,
 * see `evaluateMembership`), and the same for the records it points at whose segments read its table (an
 * order re-evaluates its person and company for segments over their orders). Writes one outbox event per
 * change and publishes them after commit. A deleted record also leaves its static and snapshot lists. With
 * no segment of these entities, a write pays one read.
 *
 * Not covered: records that point at the written one through their own reference (a company's change
 * does not re-evaluate its people's segments on `company.region`), records two links away, values other
 * write hooks derive in the same transaction (customer value), and time passing (a birthday window moving
 * at midnight).
 *
 * @example
 * ```ts
 * const runtime: CrmRuntime = { ...rest, writeHooks: [segmentMembershipWriteHook] };
 * ```
 */
export const segmentMembershipWriteHook: WriteHook = async (args) => {
  const byEntity = new Map<EntityName, WrittenRecord[]>();
  for (const write of args.writes) {
    const writes = byEntity.get(write.entity);
    if (writes === undefined) byEntity.set(write.entity, [write]);
    else writes.push(write);
  }
  const found: MembershipChange[] = [];
  for (const [entity, writes] of byEntity) found.push(...(await changesOf(args, entityDef(entity), writes)));
  await unlistDeleted(args);
  const events = await writeMembershipEvents(args.tx, args.context, args.at, found);
  return events.length === 0 ? undefined : () => publishMembershipEvents(args.runtime, events);
};
