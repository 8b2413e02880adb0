/**
 * The automation workload: seeded rules of 3 to 5 conditions over person-like facts (a person after an
 * update, the person before it and the fields that changed), the same on every run. The rules are Rapport
 * `RuleInput`s; the json-rules-engine and hand-written sides translate these same rules into their own form.
 */
import type { RuleCondition, RuleInput } from '../packages/core/src/automation/rule';
import { seededRandom } from './people-generator';

/** The bench's clock: fixed, so that "created in the last 90 days" selects the same facts each run. */
export const automationNow = new Date('2026-06-15T12:00:00.000Z');
/** The tenant's time zone: UTC, so that a calendar day starts at `T00:00:00.000Z`. */
export const automationTimeZone = 'UTC';

/**
 * A person as a rule sees it after an update, in the form of Rapport's `RuleFact`: the row as stored
 * (column names, `custom` as an object, tags decoded) and the fields the update changed, with their values
 * before and after, keyed as the audit log keys them.
 */
export interface PersonFact {
  readonly row: PersonRow;
  readonly changes: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
}

/** The columns of a person row the rules read. */
export type PersonRow = {
  readonly id: string;
  readonly region: string | null;
  readonly lifecycle_stage: string;
  readonly source: string | null;
  readonly lead_score: number | null;
  /** `YYYY-MM-DD`. */
  readonly birthday: string | null;
  /** An ISO-8601 instant in UTC. */
  readonly created_at: string;
  readonly tags: readonly string[];
  readonly custom: { readonly totalSpent: number; readonly orderCount: number };
};

/** The person row column of each field the rules name (custom fields live in `custom`). */
export const personColumns: Readonly<Record<string, keyof PersonRow>> = {
  region: 'region',
  lifecycleStage: 'lifecycle_stage',
  source: 'source',
  leadScore: 'lead_score',
  birthday: 'birthday',
  createdAt: 'created_at',
  tags: 'tags',
};

const regions = ['North', 'South', 'East', 'West', 'Central'];
const stages = ['lead', 'prospect', 'customer', 'churned'];
const sources = ['web', 'referral', 'import', 'event'];
const tags = ['vip', 'newsletter', 'b2b', 'churn-risk', 'wholesale', 'event-2026'];
const day = 86_400_000;

function picker(random: () => number) {
  return <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
}

/** Two different values of `values`. */
function pickTwo<T>(values: readonly T[], random: () => number): [T, T] {
  const first = Math.floor(random() * values.length);
  const second = (first + 1 + Math.floor(random() * (values.length - 1))) % values.length;
  return [values[first] as T, values[second] as T];
}

/** The kinds of condition a CRM's rules use; each rule takes 3 to 5 different kinds. */
const conditionKinds: readonly ((random: () => number) => RuleCondition)[] = [
  (random) =>
    random() < 0.5
      ? { field: 'region', op: 'eq', value: picker(random)(regions) }
      : { field: 'region', op: 'in', value: pickTwo(regions, random) },
  (random) =>
    random() < 0.5
      ? { field: 'lifecycleStage', op: 'in', value: pickTwo(stages, random) }
      : { field: 'lifecycleStage', op: 'ne', value: picker(random)(stages) },
  (random) => ({ field: 'custom.totalSpent', op: 'gt', value: Math.floor(random() * 2_000) }),
  (random) => ({ field: 'custom.orderCount', op: 'gte', value: 1 + Math.floor(random() * 6) }),
  (random) =>
    random() < 0.5
      ? { field: 'leadScore', op: 'gte', value: Math.floor(random() * 80) }
      : { field: 'leadScore', op: 'lt', value: 20 + Math.floor(random() * 80) },
  (random) =>
    random() < 0.6
      ? { field: 'tags', op: 'hasAny', value: pickTwo(tags, random) }
      : { field: 'tags', op: 'hasNone', value: [picker(random)(tags)] },
  (random) =>
    random() < 0.5
      ? { field: 'birthday', op: 'lt', value: `${1965 + Math.floor(random() * 35)}-01-01` }
      : { field: 'birthday', op: 'anniversaryInNext', value: 30 + Math.floor(random() * 120) },
  (random) => ({ field: 'createdAt', op: 'inLast', value: 30 + Math.floor(random() * 700), unit: 'days' }),
  (random) => {
    const choice = random();
    if (choice < 0.4) return { field: 'lifecycleStage', op: 'changed' };
    if (choice < 0.7) return { field: 'lifecycleStage', op: 'changedTo', value: picker(random)(stages) };
    return { field: 'region', op: 'changedFrom', value: picker(random)(regions) };
  },
  (random) => ({
    any: [
      { field: 'source', op: 'eq', value: picker(random)(sources) },
      { field: 'custom.orderCount', op: 'gte', value: 4 + Math.floor(random() * 4) },
    ],
  }),
];

/**
 * `count` rules, each started by an update of a person and holding when all of its 3 to 5 conditions hold,
 * drawn without repetition from the kinds above (fields, numbers, dates, tags, a change, an `any` group).
 *
 * @example
 * ```ts
 * const rules = generateRules(50, 7); // the same 50 rules on every run
 * ```
 */
export function generateRules(count: number, seed: number): RuleInput[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const size = 3 + Math.floor(random() * 3);
    const kinds = conditionKinds
      .map((kind) => ({ kind, order: random() }))
      .sort((a, b) => a.order - b.order)
      .slice(0, size);
    return {
      name: `Rule ${index}`,
      trigger: { kind: 'recordUpdated', entity: 'person' },
      condition: { all: kinds.map(({ kind }) => kind(random)) },
      actions: [{ kind: 'addTags', tags: [`rule-${index}`] }],
    } satisfies RuleInput;
  });
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A person's row, with nulls where a CRM's data has gaps. */
function personRow(index: number, random: () => number): PersonRow {
  const pick = picker(random);
  const personTags = tags.filter(() => random() < 0.2);
  const born = Date.UTC(1950, 0, 1) + Math.floor(random() * 55 * 365) * day;
  return {
    id: `person-${index}`,
    region: random() < 0.9 ? pick(regions) : null,
    lifecycle_stage: pick(stages),
    source: random() < 0.8 ? pick(sources) : null,
    lead_score: random() < 0.8 ? Math.floor(random() * 100) : null,
    birthday: random() < 0.85 ? isoDate(born) : null,
    // Created between 3 years and 1 day ago, at a time of day that is never midnight.
    created_at: new Date(
      automationNow.getTime() - (1 + Math.floor(random() * 1_095)) * day - 3_600_000,
    ).toISOString(),
    tags: personTags,
    custom: { totalSpent: Math.floor(random() * 2_500), orderCount: Math.floor(random() * 9) },
  };
}

/**
 * `count` facts: a person after an update that changed the lifecycle stage, the region, both or neither
 * (another field alone), with the values before and after of each changed field.
 */
export function generateFacts(count: number, seed: number): PersonFact[] {
  const random = seededRandom(seed);
  const pick = picker(random);
  return Array.from({ length: count }, (_, index) => {
    const row = personRow(index, random);
    const change = random();
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (change < 0.35 || change >= 0.85) {
      const before = pick(stages.filter((stage) => stage !== row.lifecycle_stage));
      changes.lifecycleStage = { before, after: row.lifecycle_stage };
    }
    if (change >= 0.6) {
      const before = pick(regions.filter((region) => region !== row.region));
      changes.region = { before, after: row.region };
    }
    changes.firstName = { before: 'Ann', after: 'Anne' };
    return { row, changes };
  });
}

/**
 * What fired, kept as a count and two order-free hashes of the (fact, rule) pairs: every side adds the same
 * pairs, in whatever order its engine reports them, and must end with the same checksum.
 */
export class FiredTally {
  private count = 0;
  private sum = 0;
  private xor = 0;

  add(fact: number, rule: number): void {
    const key = fact * 64 + rule;
    this.count++;
    this.sum = (this.sum + Math.imul(key ^ (key >>> 16), 0x45d9f3b)) >>> 0;
    this.xor = (this.xor ^ Math.imul(key + 0x9e3779b9, 0x2c1b3c6d)) >>> 0;
  }

  get fired(): number {
    return this.count;
  }

  get checksum(): string {
    return `${this.count}:${this.sum.toString(16)}:${this.xor.toString(16)}`;
  }
}
