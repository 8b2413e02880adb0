import mitt from 'mitt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowAll } from '../access/access-policy';
import type { Crm } from '../crm';
import { createCrm } from '../crm';
import { entityDef } from '../entities/registry';
import type { CrmEvents } from '../events/crm-events';
import type { Filter } from '../filter/filter-types';
import { memoryAdapter } from '../memory/memory-adapter';
import { rowMapping } from '../records/row-mapping';
import type { CrmRuntime } from '../records/runtime';
import type { StorageAdapter } from '../storage/adapter';
import { createRelatedRows } from '../storage/related-rows';
import { loadCompiledSegments } from './compiled-segments';
import type { CompiledSegment } from './membership-changes';
import { membershipChanges } from './membership-changes';
import type { Segment } from './segment';
import { bumpSegmentRevision } from './segment-revision';
import { segmentToRow } from './segment-rows';

const tenantId = 't1';
let clock = new Date('2025-01-15T09:30:00.000Z');

function segment(index: number, filter: Filter, kind: Segment['kind'] = 'dynamic'): Segment {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    id: `segment-${String(index).padStart(4, '0')}`,
    version: 1,
    entity: 'person',
    kind,
    name: `Segment ${String(index).padStart(4, '0')}`,
    description: null,
    filter: kind === 'static' ? null : filter,
    refreshedAt: null,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
    archivedAt: null,
  };
}

async function save(storage: StorageAdapter, segments: readonly Segment[]) {
  await storage.transaction(async (tx) => {
    await tx.insert({ table: 'segments', rows: segments.map((item) => segmentToRow(tenantId, item)) });
    await bumpSegmentRevision(tx, tenantId);
  });
}

const conditionsById = (compiled: readonly CompiledSegment[]) =>
  new Map(compiled.map((item) => [item.segment.id, item.condition]));

describe('loadCompiledSegments', () => {
  let crm: Crm;
  let runtime: CrmRuntime;
  beforeEach(async () => {
    clock = new Date('2025-01-15T09:30:00.000Z');
    const storage = memoryAdapter();
    crm = await createCrm({ storage, now: () => clock });
    runtime = { storage, access: allowAll, events: mitt<CrmEvents>(), now: () => clock };
  });
  afterEach(() => crm.close());

  it('evaluates one changed record against a thousand segments, each compiled once', async () => {
    const titles = Array.from({ length: 1_000 }, (_, index) =>
      segment(index, { field: 'title', op: 'eq', value: `T${index}` }),
    );
    await save(runtime.storage, titles);
    const compiled = await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']);
    expect(compiled).toHaveLength(1_000);
    const { toRow } = rowMapping(entityDef('person'));
    const person = await crm
      .as({ tenantId, actor: { id: 'u1' } })
      .people.create({ firstName: 'Ann', title: 'T7' });
    const before = toRow(tenantId, { ...person });
    const after = toRow(tenantId, { ...person, title: 'T993' });
    const views = { before: createRelatedRows(() => []), after: createRelatedRows(() => []) };
    const changes = membershipChanges(compiled, [{ before, after }], views);
    expect(changes.map((change) => [change.segment.name, change.entered])).toEqual([
      ['Segment 0007', false],
      ['Segment 0993', true],
    ]);
    const again = conditionsById(await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']));
    for (const item of compiled) expect(again.get(item.segment.id)).toBe(item.condition);
  });

  it('compiles again after a new version, a change of custom fields, or a new day', async () => {
    const s = crm.as({ tenantId, actor: { id: 'u1' } });
    await s.customFields.define({ entity: 'person', key: 'tier', label: 'Tier', type: 'text' });
    await save(runtime.storage, [
      segment(1, { field: 'title', op: 'eq', value: 'CEO' }),
      segment(2, { field: 'custom.tier', op: 'eq', value: 'gold' }),
      segment(3, { field: 'createdAt', op: 'inPeriod', value: 'today' }),
      segment(4, { segment: 'segment-0001' }),
      segment(5, { field: 'title', op: 'eq', value: 'CTO' }),
    ]);
    const load = async () =>
      conditionsById(await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']));
    const first = await load();
    await runtime.storage.transaction(async (tx) => {
      await tx.update({ table: 'segments', tenantId, id: 'segment-0001', values: { version: 2 } });
      await bumpSegmentRevision(tx, tenantId);
    });
    await s.customFields.define({ entity: 'person', key: 'region', label: 'Region', type: 'text' });
    clock = new Date('2025-01-16T09:30:00.000Z');
    const second = await load();
    const same = [...first.keys()].filter((id) => first.get(id) === second.get(id));
    // 1: new version; 4: names 1; 2: custom fields; 3: relative time on a new day.
    expect(same).toEqual(['segment-0005']);
  });

  it("reads a tenant's segments again only when its segment revision moved", async () => {
    expect(await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person'])).toEqual([]);
    await save(runtime.storage, [segment(1, { field: 'title', op: 'eq', value: 'CEO' })]);
    const [first] = await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']);
    const renamed = { ...segment(1, { field: 'title', op: 'eq', value: 'CTO' }), version: 2 };
    const write = (tx: Parameters<Parameters<StorageAdapter['transaction']>[0]>[0]) =>
      tx.update({ table: 'segments', tenantId, id: renamed.id, values: segmentToRow(tenantId, renamed) });
    await runtime.storage.transaction(write);
    const [unseen] = await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']);
    expect(unseen).toBe(first);
    await runtime.storage.transaction((tx) => bumpSegmentRevision(tx, tenantId));
    const [seen] = await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']);
    expect(seen?.segment.filter).toEqual({ field: 'title', op: 'eq', value: 'CTO' });
  });

  it('leaves out archived segments and segments whose filter no longer resolves', async () => {
    const archived = {
      ...segment(1, { field: 'title', op: 'eq', value: 'CEO' }),
      archivedAt: '2025-01-02T00:00:00.000Z',
    };
    await save(runtime.storage, [
      archived,
      segment(2, { field: 'custom.gone', op: 'eq', value: 'x' }),
      segment(3, { field: 'title', op: 'eq', value: 'CTO' }),
      segment(4, {} as Filter, 'static'),
    ]);
    const compiled = await loadCompiledSegments(runtime, runtime.storage, tenantId, ['person']);
    expect(compiled.map((item) => item.segment.id)).toEqual(['segment-0003', 'segment-0004']);
    expect([...(compiled[1]?.tables ?? [])]).toEqual(['segment_members']);
    expect(await loadCompiledSegments(runtime, runtime.storage, tenantId, ['company'])).toEqual([]);
  });
});
