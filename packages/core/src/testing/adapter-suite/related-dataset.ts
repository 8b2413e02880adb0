import type { Relation } from '../../storage/condition';
import type { Row } from '../../storage/schema';
import type { ThingValues } from './suite-schema';
import { parentRow, thingRow } from './suite-schema';

/** Things of a parent: `things.parent_id = parents.id`. */
export const thingsOfParent: Relation = {
  table: 'things',
  link: 'column',
  foreignColumn: 'parent_id',
  localColumn: 'id',
};

/** Things whose `tags` list holds the parent's id: `things.tags` holds `parents.id`. */
export const thingsTagging: Relation = {
  table: 'things',
  link: 'list',
  foreignColumn: 'tags',
  localColumn: 'id',
};

/** Things whose `tags` list holds this thing's parent id: a list link from a nullable column. */
export const thingsTaggingParent: Relation = {
  table: 'things',
  link: 'list',
  foreignColumn: 'tags',
  localColumn: 'parent_id',
};

/** Children of a parent, in the same table: `parents.parent_id = parents.id`. */
export const childrenOf: Relation = {
  table: 'parents',
  link: 'column',
  foreignColumn: 'parent_id',
  localColumn: 'id',
};

/** The parent of a thing (to-one): `parents.id = things.parent_id`. */
export const parentOfThing: Relation = {
  table: 'parents',
  link: 'column',
  foreignColumn: 'id',
  localColumn: 'parent_id',
};

/**
 * The fixed rows of the related condition cases. Parents p1 → (p2, p3), p2 → p4, and p5 alone. Each thing
 * exists to tell a correct engine from a plausible wrong one:
 * - by `parent_id`: p1 has t1, t2, t3; p2 has t4, t5; p3 has t6; p4 and p5 have none.
 * - `count`: p1's are 10, 5 and null; p2's -3 and null; p3's only null (sum 0, avg/min/max null).
 * - `data.amount`: a JSON text '7' (t2) and a missing key must not add to a sum; `data.due` is a custom
 *   date, a JSON number on t2 (reads null), 02-29 on t3.
 * - `tags` (the list link): t2 holds 'p2' twice (counts once), t3 'P4' (case differs: no link), t4 the
 *   number 5 and a JSON null beside 'p4', t5 null, t6 the JSON string "p3" (not a list: no link), t7 'p1'
 *   with no parent (a null outer value, which links to nothing, not even to a JSON null).
 * - `born_on`: 02-28 and 02-29 (leap day) birthdays, 12-31, 03-01.
 */
const things: Record<string, ThingValues> = {
  t1: {
    parent_id: 'p1',
    name: 'alpha',
    count: 10,
    score: 1.5,
    born_on: '1990-02-28',
    happened_at: '2024-01-15T10:00:00.000Z',
    data: { amount: 100, due: '2024-05-01' },
    tags: ['p2', 'p3'],
  },
  t2: {
    parent_id: 'p1',
    name: 'beta',
    count: 5,
    born_on: '1992-02-29',
    happened_at: '2024-03-01T00:00:00.000Z',
    data: { amount: '7', due: 20240501 },
    tags: ['p2', 'p2'],
  },
  t3: { parent_id: 'p1', name: 'gamma', score: 2.5, data: { amount: 50, due: '2024-02-29' }, tags: ['P4'] },
  t4: {
    parent_id: 'p2',
    name: 'delta',
    count: -3,
    born_on: '2000-12-31',
    happened_at: '2023-06-30T12:00:00.000Z',
    data: { due: '2023-05-01' },
    tags: ['p4', 5, null],
  },
  t5: { parent_id: 'p2', name: 'epsilon', data: null, tags: null },
  t6: { parent_id: 'p3', name: 'zeta', born_on: '1985-03-01', data: { amount: 0 }, tags: 'p3' },
  t7: { name: 'eta', count: 100, tags: ['p1'] },
};

/** Every thing id of the related dataset, sorted. */
export const relatedThingIds: readonly string[] = Object.keys(things).sort();

/** Every parent id of the related dataset, sorted. */
export const relatedParentIds: readonly string[] = ['p1', 'p2', 'p3', 'p4', 'p5'];

/**
 * The related dataset of one tenant: parents first, then things.
 *
 * @example
 * ```ts
 * const { parents, things } = relatedDataset(tenantId);
 * ```
 */
export function relatedDataset(tenantId: string): { parents: Row[]; things: Row[] } {
  return {
    parents: [
      parentRow(tenantId, 'p1', 'Ann'),
      parentRow(tenantId, 'p2', 'Bob', 'p1'),
      parentRow(tenantId, 'p3', 'Cy', 'p1'),
      parentRow(tenantId, 'p4', 'Dee', 'p2'),
      parentRow(tenantId, 'p5', 'Eve'),
    ],
    things: relatedThingIds.map((id) => thingRow(tenantId, id, things[id])),
  };
}

/**
 * Another tenant's rows under the same parent ids, whose things link to the parents that have none in the
 * main dataset (p4 and p5) with large counts: any leak across tenants changes an answer.
 *
 * @example
 * ```ts
 * const { parents, things } = otherTenantRelatedDataset(otherTenantId);
 * ```
 */
export function otherTenantRelatedDataset(tenantId: string): { parents: Row[]; things: Row[] } {
  return {
    parents: relatedDataset(tenantId).parents,
    things: [
      thingRow(tenantId, 'o1', { parent_id: 'p4', count: 1000, born_on: '1970-01-01', tags: ['p5', 'p4'] }),
      thingRow(tenantId, 'o2', { parent_id: 'p5', count: 1000, data: { amount: 1000 } }),
      thingRow(tenantId, 'o3', { parent_id: 'p1', count: 1000, tags: ['p1', 'p2'] }),
    ],
  };
}
