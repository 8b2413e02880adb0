import type { CrmSession } from '@rapport/core';
import { segmentInputs } from './crm-dataset';
import type { FilterCatalogue, FilterEntity, FilterField, FilterFieldKind } from './filter-arbitrary';

type SampledEntity = FilterEntity | 'member';
type FieldSpec = readonly [name: string, kind: FilterFieldKind];

/** The fields filters name on each entity: built-in, custom, and a related record's (`company.region`). */
const fieldSpecs: Readonly<Record<FilterEntity, readonly FieldSpec[]>> = {
  person: [
    ['firstName', 'text'],
    ['lastName', 'text'],
    ['fullName', 'text'],
    ['email', 'text'],
    ['title', 'text'],
    ['region', 'text'],
    ['lifecycleStage', 'text'],
    ['source', 'text'],
    ['externalId', 'text'],
    ['version', 'number'],
    ['birthday', 'date'],
    ['createdAt', 'timestamp'],
    ['archivedAt', 'timestamp'],
    ['tags', 'textList'],
    ['ownerId', 'member'],
    ['createdBy', 'member'],
    ['custom.tier', 'text'],
    ['custom.constructor', 'text'],
    ['custom.score', 'number'],
    ['custom.ratio', 'number'],
    ['custom.vip', 'boolean'],
    ['custom.renewal', 'date'],
    ['custom.signedAt', 'timestamp'],
    ['custom.labels', 'textList'],
    ['custom.budget.amount', 'number'],
    ['custom.budget.currency', 'text'],
    ['company.name', 'text'],
    ['company.region', 'text'],
    ['company.tier', 'text'],
    ['company.custom.rating', 'number'],
    ['company.owner.team', 'text'],
    ['owner.team', 'text'],
    ['owner.region', 'text'],
    ['rfm.orderCount', 'number'],
    ['rfm.total', 'number'],
    ['rfm.lastOrderAt', 'timestamp'],
    ['rfm.segment', 'text'],
    ['valueTier', 'text'],
  ],
  company: [
    ['name', 'text'],
    ['industry', 'text'],
    ['region', 'text'],
    ['tier', 'text'],
    ['externalId', 'text'],
    ['tags', 'textList'],
    ['ownerId', 'member'],
    ['custom.rating', 'number'],
    ['owner.team', 'text'],
    ['rfm.total', 'number'],
    ['valueTier', 'text'],
  ],
  order: [
    ['type', 'text'],
    ['status', 'text'],
    ['currency', 'text'],
    ['externalId', 'text'],
    ['total', 'number'],
    ['orderedAt', 'timestamp'],
    ['tags', 'textList'],
    ['ownerId', 'member'],
    ['custom.channel', 'text'],
    ['person.region', 'text'],
    ['person.lastName', 'text'],
    ['person.company.region', 'text'],
    ['company.region', 'text'],
  ],
  activity: [
    ['type', 'text'],
    ['subject', 'text'],
    ['externalId', 'text'],
    ['durationMinutes', 'number'],
    ['occurredAt', 'timestamp'],
  ],
};

/** The one-to-many relations related conditions follow, by the name the filter language gives them. */
const relationSpecs: Readonly<Record<FilterEntity, readonly (readonly [string, FilterEntity])[]>> = {
  person: [
    ['orders', 'order'],
    ['activities', 'activity'],
  ],
  company: [
    ['people', 'person'],
    ['orders', 'order'],
  ],
  order: [],
  activity: [],
};

/** The many-to-one relations of field paths: `company.region` reads the region of the person's company. */
const toOne: Readonly<Record<SampledEntity, Readonly<Record<string, SampledEntity>>>> = {
  person: { company: 'company', owner: 'member' },
  company: { owner: 'member' },
  order: { person: 'person', company: 'company' },
  activity: { company: 'company', owner: 'member' },
  member: {},
};

type Records = Readonly<Record<SampledEntity, readonly Record<string, unknown>[]>>;

function valuesAt(records: Records, entity: SampledEntity, path: readonly string[]): unknown[] {
  const [head = '', ...rest] = path;
  const target = toOne[entity][head];
  if (target !== undefined && rest.length > 0) return valuesAt(records, target, rest);
  return records[entity].map((record) => {
    let value: unknown = record;
    for (const key of path) {
      value =
        typeof value === 'object' && value !== null && Object.hasOwn(value, key)
          ? (value as Record<string, unknown>)[key]
          : null;
    }
    return value;
  });
}

function samplesOf(records: Records, entity: FilterEntity, name: string): (string | number | boolean)[] {
  const samples = new Set<string | number | boolean>();
  for (const value of valuesAt(records, entity, name.split('.'))) {
    if (Array.isArray(value)) for (const element of value) samples.add(element as string);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      samples.add(value);
  }
  return [...samples];
}

/**
 * The catalogue of the filter-level tests, with samples of the values a tenant's records hold, read
 * through the session (of the reference engine).
 *
 * @example
 * ```ts
 * const catalogue = await readFilterCatalogue(memorySession);
 * ```
 */
export async function readFilterCatalogue(session: CrmSession): Promise<FilterCatalogue> {
  const all = { limit: 1_000, archived: 'include' } as const;
  const plain = (page: { items: object[] }) => page.items as Record<string, unknown>[];
  const records: Records = {
    person: plain(await session.people.list(all)),
    company: plain(await session.companies.list(all)),
    order: plain(await session.orders.list(all)),
    activity: plain(await session.activities.list(all)),
    member: plain(await session.members.list(all)),
  };
  const entry = (entity: FilterEntity) => ({
    fields: fieldSpecs[entity].map(
      ([name, kind]): FilterField => ({ name, kind, samples: samplesOf(records, entity, name) }),
    ),
    relations: relationSpecs[entity].map(([name, target]) => ({ name, entity: target })),
    // A segment of another entity is named now and then too: every engine must refuse it alike.
    segments: segmentInputs
      .filter((segment) => segment.entity === entity || segment.entity === 'company')
      .map((segment) => segment.name),
  });
  return {
    person: entry('person'),
    company: entry('company'),
    order: entry('order'),
    activity: entry('activity'),
  };
}
