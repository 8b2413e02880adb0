import { describe, expect } from 'vitest';
import type { Filter } from '../../filter/filter-types';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, rapportError } from './harness';
import { inTheNorth, seedRegions } from './segments';

/** `explain`: why a filter holds or not for one record, node by node, with the values it compared. */
export function describeSegmentExplain(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('explain', () => {
    it('mirrors the filter with what held and the actual values', async ({ h }) => {
      const { ann, north } = await seedRegions(h.a);
      await h.a.orders.create({
        personId: ann.id,
        currency: 'USD',
        lines: [{ quantity: 3, unitPrice: 250 }],
      });
      await h.a.orders.create({
        personId: ann.id,
        currency: 'USD',
        lines: [{ quantity: 1, unitPrice: 100 }],
      });
      const filter: Filter<'person'> = {
        all: [
          inTheNorth,
          { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 1_000 },
          { not: { field: 'title', op: 'eq', value: 'CEO' } },
          {
            any: [
              { field: 'tags', op: 'hasAny', value: ['vip'] },
              { field: 'birthday', op: 'isEmpty' },
            ],
          },
        ],
      };
      const why = await h.a.filters.explain('person', filter, ann.id);
      expect(why).toEqual({
        kind: 'all',
        path: [],
        held: false,
        children: [
          {
            kind: 'comparison',
            path: ['all', 0],
            held: true,
            field: 'company.region',
            op: 'eq',
            value: 'North',
            actual: 'North',
          },
          {
            kind: 'related',
            path: ['all', 1],
            held: false,
            related: 'orders',
            aggregate: 'sum',
            matched: 2,
            actual: 850,
          },
          {
            kind: 'not',
            path: ['all', 2],
            held: true,
            child: {
              kind: 'comparison',
              path: ['all', 2, 'not'],
              held: false,
              field: 'title',
              op: 'eq',
              value: 'CEO',
              actual: 'CTO',
            },
          },
          {
            kind: 'any',
            path: ['all', 3],
            held: true,
            children: [
              {
                kind: 'comparison',
                path: ['all', 3, 'any', 0],
                held: false,
                field: 'tags',
                op: 'hasAny',
                value: ['vip'],
                actual: [],
              },
              {
                kind: 'comparison',
                path: ['all', 3, 'any', 1],
                held: true,
                field: 'birthday',
                op: 'isEmpty',
                actual: null,
              },
            ],
          },
        ],
      });
      const members = await h.a.people.list({ where: filter });
      expect(members.items.some((person) => person.id === ann.id)).toBe(why.held);
      const draft = await h.a.filters.explain('person', inTheNorth, { ...ann, companyId: null });
      expect(draft).toMatchObject({ held: false, actual: null });
      expect(north.region).toBe('North');
    });

    it('explains a segment through its own filter', async ({ h }) => {
      const { bob } = await seedRegions(h.a);
      const north = await h.a.segments.create({
        name: 'N',
        entity: 'person',
        kind: 'dynamic',
        filter: inTheNorth,
      });
      const vip = await h.a.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
      await h.a.segments.add(vip.id, [bob.id]);
      expect(await h.a.segments.explain(north.id, bob.id)).toEqual({
        kind: 'segment',
        path: [],
        held: false,
        segmentId: north.id,
        segmentKind: 'dynamic',
        filter: { ...inTheNorth, kind: 'comparison', path: [], held: false, actual: 'South' },
      });
      const why = await h.a.filters.explain(
        'person',
        { any: [{ segment: north.id }, { segment: vip.id }] },
        bob.id,
      );
      expect(why.held).toBe(true);
      expect(why.kind === 'any' && why.children[1]).toEqual({
        kind: 'segment',
        path: ['any', 1],
        held: true,
        segmentId: vip.id,
        segmentKind: 'static',
      });
    });

    it('refuses an invalid filter at its node and a record the caller cannot see', async ({ h }) => {
      const { ann } = await seedRegions(h.a);
      const error = await rapportError(
        h.a.filters.explain('person', { not: { field: 'nope', op: 'eq', value: 1 } } as Filter, ann.id),
        'INVALID_FILTER',
      );
      expectIssueAt(error, ['not', 'field']);
      await rapportError(h.b.filters.explain('person', inTheNorth, ann.id), 'NOT_FOUND');
      await rapportError(h.a.filters.explain('planet' as never, inTheNorth, ann.id), 'MISUSE');
    });
  });
}
