import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { Filter } from '../../filter/filter-types';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';
import { describeSegmentEvents } from './segments-events';
import { describeSegmentExplain } from './segments-explain';
import { describeSegmentMembers } from './segments-members';

/** People in the North and the South, with a company each, for segment tests. */
export async function seedRegions(s: CrmSession) {
  const north = await makeCompany(s, { name: 'Northwind', region: 'North' });
  const south = await makeCompany(s, { name: 'Southco', region: 'South' });
  const ann = await makePerson(s, { firstName: 'Ann', lastName: 'Adams', companyId: north.id, title: 'CTO' });
  const bob = await makePerson(s, { firstName: 'Bob', lastName: 'Brown', companyId: south.id, title: 'CEO' });
  const cid = await makePerson(s, { firstName: 'Cid', lastName: 'Clark', companyId: north.id, title: 'CEO' });
  return { north, south, ann, bob, cid };
}

/** The filter of "people whose company is in the North". */
export const inTheNorth: Filter<'person'> = { field: 'company.region', op: 'eq', value: 'North' };

/** Saving segments: checked filters, unique names, versions, archiving, and one tenant's segments only. */
function describeSavingSegments(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('saving segments', () => {
    it('saves a dynamic segment with its audit entry and outbox event', async ({ h }) => {
      const segment = await h.a.segments.create({
        name: ' North ',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      expect(segment).toMatchObject({
        name: 'North',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
        version: 1,
        description: null,
        refreshedAt: null,
        createdBy: 'user-a',
        archivedAt: null,
      });
      expect(await h.a.segments.get(segment.id)).toEqual(segment);
      const [row] = await h.rows('segments');
      expect(row).toMatchObject({ tenant_id: tenantA, id: segment.id, filter: inTheNorth, kind: 'dynamic' });
      const outbox = await h.rows('outbox');
      expect(outbox.map((event) => [event.type, event.record_id])).toEqual([['segment.created', segment.id]]);
      const [audit] = await h.rows('audit_log');
      expect(audit).toMatchObject({ entity: 'segment', action: 'create', record_id: segment.id });
    });

    it('refuses an invalid filter with INVALID_FILTER at the offending node, writing nothing', async ({
      h,
    }) => {
      const error = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.segments.create({
          name: 'Bad',
          entity: 'person',
          kind: 'dynamic',
          filter: { all: [inTheNorth, { field: 'nope', op: 'eq', value: 1 }] } as Filter,
        }),
      );
      expectIssueAt(error, ['filter', 'all', 1, 'field']);
    });

    it('refuses a filter on a static segment and a missing one elsewhere, at filter', async ({ h }) => {
      const withFilter = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.segments.create({ name: 'List', entity: 'person', kind: 'static', filter: inTheNorth }),
      );
      expectIssueAt(withFilter, ['filter']);
      const without = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.segments.create({ name: 'Live', entity: 'person', kind: 'snapshot' }),
      );
      expectIssueAt(without, ['filter']);
      const badInput = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.segments.create({ name: ' ', entity: 'planet' as never, kind: 'static' }),
      );
      expectIssueAt(badInput, ['name']);
      expectIssueAt(badInput, ['entity']);
    });

    it('refuses a second segment of an entity with the same name, with DUPLICATE at name', async ({ h }) => {
      await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      const error = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' }),
      );
      expectIssueAt(error, ['name']);
      await h.a.segments.create({ name: 'VIP', entity: 'company', kind: 'static' });
      await h.b.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
    });

    it('saves concurrent segments of one tenant, all of them', async ({ h }) => {
      const names = ['One', 'Two', 'Three', 'Four', 'Five'];
      await Promise.all(
        names.map((name) =>
          h.a.segments.create({ name, entity: 'person', kind: 'dynamic', filter: inTheNorth }),
        ),
      );
      expect((await h.a.segments.list()).map((segment) => segment.name).sort()).toEqual([...names].sort());
      const [revision] = await h.tenantRows('segment_revisions', tenantA);
      expect(revision?.version).toBe(5);
    });

    it('refuses the current actor in a saved filter: a segment belongs to the tenant', async ({ h }) => {
      const error = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.segments.create({
          name: 'Mine',
          entity: 'person',
          kind: 'dynamic',
          filter: { field: 'ownerId', op: 'isCurrentActor' },
        }),
      );
      expectIssueAt(error, ['filter', 'op']);
    });

    it('refuses segments that contain themselves, directly or through others', async ({ h }) => {
      const a = await h.a.segments.create({
        name: 'A',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      const b = await h.a.segments.create({
        name: 'B',
        entity: 'person',
        kind: 'dynamic',
        filter: { all: [{ segment: a.id }, { field: 'title', op: 'eq', value: 'CEO' }] },
      });
      const loop = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.segments.update(a.id, { filter: { any: [inTheNorth, { segment: b.id }] } }, { version: 1 }),
      );
      expectIssueAt(loop, ['filter', 'any', 1, 'segment']);
      const itself = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.segments.update(a.id, { filter: { not: { segment: a.id } } }, { version: 1 }),
      );
      expectIssueAt(itself, ['filter', 'not', 'segment']);
    });

    it('refuses a segment of another entity or tenant in a filter, at its node', async ({ h }) => {
      const companies = await h.a.segments.create({
        name: 'Northern companies',
        entity: 'company',
        kind: 'dynamic',
        filter: { field: 'region', op: 'eq', value: 'North' },
      });
      const other = await rapportError(
        h.a.people.list({ where: { all: [{ segment: companies.id }] } }),
        'INVALID_FILTER',
      );
      expectIssueAt(other, ['all', 0, 'segment']);
      const foreign = await rapportError(
        h.b.people.count({ where: { segment: companies.id } }),
        'INVALID_FILTER',
      );
      expectIssueAt(foreign, ['segment']);
      await rapportError(h.b.segments.get(companies.id), 'NOT_FOUND');
      await rapportError(h.b.segments.count(companies.id), 'NOT_FOUND');
    });

    it('updates with the version read, refusing a stale one and a change of entity', async ({ h }) => {
      const segment = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      const renamed = await h.a.segments.update(
        segment.id,
        { name: 'Northerners', description: 'People of northern companies' },
        { version: 1 },
      );
      expect(renamed).toMatchObject({ name: 'Northerners', version: 2, filter: inTheNorth });
      expect(await h.a.segments.update(segment.id, { name: 'Northerners' }, { version: 2 })).toEqual(renamed);
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.segments.update(segment.id, { name: 'Stale' }, { version: 1 }),
      );
      const immutable = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.segments.update(segment.id, { entity: 'company' } as never, { version: 2 }),
      );
      expectIssueAt(immutable, ['entity']);
      const audit = (await h.rows('audit_log')).filter((row) => row.record_id === segment.id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
    });

    it('archives and restores: out of list(), still usable in filters', async ({ h }) => {
      const { ann, cid } = await seedRegions(h.a);
      const segment = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      const list = await h.a.segments.create({ name: 'L', entity: 'person', kind: 'static' });
      const archived = await h.a.segments.archive(segment.id);
      expect(archived.archivedAt).toBe(h.clock.iso());
      expect((await h.a.segments.list()).map((s) => s.name)).toEqual(['L']);
      expect((await h.a.segments.list({ includeArchived: true })).map((s) => s.name)).toEqual(['L', 'N']);
      const page = await h.a.people.list({ where: { segment: segment.id }, orderBy: 'firstName' });
      expect(page.items.map((person) => person.id)).toEqual([ann.id, cid.id]);
      await h.a.segments.archive(list.id);
      await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.segments.add(list.id, [ann.id]));
      expect((await h.a.segments.restore(list.id)).archivedAt).toBeNull();
      expect(await h.a.segments.list({ entity: 'person', kind: 'static' })).toHaveLength(1);
    });

    it('refuses membership calls that do not fit the kind, as misuse', async ({ h }) => {
      const { ann } = await seedRegions(h.a);
      const segment = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      await rapportError(h.a.segments.add(segment.id, [ann.id]), 'MISUSE');
      await rapportError(h.a.segments.refresh(segment.id), 'MISUSE');
      await rapportError(h.a.segments.members(segment.id, { where: inTheNorth } as never), 'MISUSE');
      await rapportError(h.a.segments.get('missing'), 'NOT_FOUND');
    });
  });
}

/**
 * Saved segments end to end: saving, members of every kind through the store's queries, membership events
 * through the write path, and explanations.
 */
export function describeSegments(makeStorage: MakeStorage): void {
  describe('segments', () => {
    describeSavingSegments(makeStorage);
    describeSegmentMembers(makeStorage);
    describeSegmentEvents(makeStorage);
    describeSegmentExplain(makeStorage);
  });
}
