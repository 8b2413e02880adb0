import type { Row } from '@rapport/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crmDataArbitrary, customFieldInputs } from './crm-dataset';
import type { SeededCrm } from './crm-engines';
import { calendarTenants, manualClock, seedCrms } from './crm-engines';
import { engineMakers, referenceEngine } from './engines';
import type { FilterOutcome, ListedEntity } from './filter-case';
import { describeFilterOutcome, isSameFilterOutcome, listOutcomeOf } from './filter-case';
import { hostileFilterArbitrary, hostileOrderArbitrary } from './injection-arbitrary';
import type { SchemaGuard } from './schema-guard';
import { guardSchema } from './schema-guard';
import { checkProperty, sampleOne } from './seed';

// Starting PGlite takes seconds on a busy machine, and closing it waits for the start.
vi.setConfig({ hookTimeout: 120_000 });

const cases = 1_500;
const tenant = calendarTenants[0] ?? { tenantId: 'utc', timeZone: 'UTC', fiscalYearStartMonth: 1 };
const engines = engineMakers();
const clock = manualClock('2025-01-15T09:30:00.000Z');
const data = sampleOne(crmDataArbitrary, 7_777);
const tally = { cases: 0, refused: 0, answered: 0 };

/** The custom keys the tenant defines, by table: the only keys a condition may name inside `custom`. */
const definedKeys = {
  people: new Set(customFieldInputs.filter((input) => input.entity === 'person').map((input) => input.key)),
  companies: new Set(
    customFieldInputs.filter((input) => input.entity === 'company').map((input) => input.key),
  ),
  orders: new Set(customFieldInputs.filter((input) => input.entity === 'order').map((input) => input.key)),
};

async function snapshot(crm: SeededCrm): Promise<Record<string, Row[]>> {
  const { raw } = crm.crm.storage;
  const tables: Record<string, Row[]> = {};
  for (const table of await raw.tables()) tables[table] = await raw.rows(table);
  return tables;
}

/** Refused with INVALID_FILTER, or answered: anything else means the filter got past resolution. */
function isAcceptable(outcome: FilterOutcome): boolean {
  return outcome.ok || outcome.code === 'INVALID_FILTER';
}

describe('hostile filters', () => {
  const guards = new Map<string, SchemaGuard>();
  let crms: SeededCrm[] = [];
  let before: Record<string, Row[]>[] = [];

  beforeAll(async () => {
    const wrap = (storage: Parameters<typeof guardSchema>[0], engine: string) => {
      const guard = guardSchema(storage, definedKeys);
      guards.set(engine, guard);
      return guard.adapter;
    };
    crms = await seedCrms(engines, data, clock, { tenants: [tenant], wrap });
    if (crms[0]?.name !== referenceEngine) throw new Error('The memory adapter must come first.');
    before = await Promise.all(crms.map(snapshot));
  }, 120_000);
  afterAll(() => Promise.all(crms.map(({ crm }) => crm.close())));

  it('are refused with INVALID_FILTER or answered as values, alike on every engine, naming nothing outside the schema', async () => {
    const [reference, ...others] = crms;
    if (reference === undefined) throw new Error('No engines.');
    const entity = fc.constantFrom<ListedEntity>('person', 'person', 'company', 'order');
    const order = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: hostileOrderArbitrary, weight: 1 },
    );
    const property = fc.asyncProperty(
      entity,
      hostileFilterArbitrary,
      order,
      async (listed, where, orderBy) => {
        tally.cases++;
        const request = { where, orderBy };
        const outcomes = await Promise.all(
          crms.map((crm) => listOutcomeOf(crm.session(tenant.tenantId, 'm1'), listed, request)),
        );
        const [expected = outcomes[0], ...rest] = outcomes;
        if (expected === undefined) throw new Error('No outcome.');
        if (expected.ok) tally.answered++;
        else tally.refused++;
        crms.forEach((crm, position) => {
          const outcome = outcomes[position] ?? expected;
          if (!isAcceptable(outcome))
            throw new Error(`${crm.name} neither refused nor answered: ${describeFilterOutcome(outcome)}`);
          const escapes = guards.get(crm.name)?.escapes ?? [];
          if (escapes.length > 0)
            throw new Error(`${crm.name} was asked to read outside the schema: ${escapes.join('; ')}`);
        });
        others.forEach((crm, position) => {
          const outcome = rest[position] ?? expected;
          if (!isSameFilterOutcome(expected, outcome))
            throw new Error(
              `${crm.name} differs from memory: memory ${describeFilterOutcome(expected)}; ${crm.name} ${describeFilterOutcome(outcome)}`,
            );
        });
      },
    );
    await checkProperty(property, { numRuns: cases, salt: 23 });
    expect(tally.cases).toBeGreaterThanOrEqual(cases);
    // Both roads must be taken often: hostile filters refused, hostile values answered.
    expect(tally.refused).toBeGreaterThan(cases * 0.2);
    expect(tally.answered).toBeGreaterThan(cases * 0.1);
  }, 300_000);

  it('leave every table of every engine as it was', async () => {
    const after = await Promise.all(crms.map(snapshot));
    crms.forEach((crm, position) => {
      expect(Object.keys(after[position] ?? {}), crm.name).toEqual(Object.keys(before[position] ?? {}));
      expect(after[position], crm.name).toEqual(before[position]);
    });
  });
});
