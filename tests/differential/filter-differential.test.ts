import type { Filter } from '@rapport/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crmDataArbitrary, withSegmentIds } from './crm-dataset';
import type { SeededCrm } from './crm-engines';
import { calendarTenants, manualClock, seedCrms } from './crm-engines';
import { engineMakers, referenceEngine } from './engines';
import type { FilterCatalogue } from './filter-arbitrary';
import type { FilterCase, ListedEntity } from './filter-case';
import {
  agreesWithList,
  clockInstants,
  describeFilterMismatch,
  explainOutcomeOf,
  filterCaseArbitrary,
  filterOutcomeOf,
  isSameFilterOutcome,
} from './filter-case';
import { readFilterCatalogue } from './filter-catalogue';
import { checkProperty, sampleOne } from './seed';

// Fewer cases than the condition-level test: each goes through the whole records API (resolution, access
// scope, settings, custom field definitions) on every engine.
const cases = 1_500;

// Starting PGlite takes seconds on a busy machine, and closing it waits for the start.
vi.setConfig({ hookTimeout: 120_000 });

const engines = engineMakers();
const clock = manualClock(clockInstants[0]);
const data = sampleOne(crmDataArbitrary, 104_729);
const tally = { cases: 0, referenceErrors: 0, selective: 0, probesHeld: 0 };

/** The external ids of every seeded record of an entity, in creation order. */
const externalIds: Readonly<Record<ListedEntity, readonly string[]>> = {
  person: data.people.map((person) => person.externalId as string),
  company: data.companies.map((company) => company.externalId as string),
  order: data.orders.map((order) => order.externalId as string),
};

/**
 * Each engine's id of each record (by tenant, entity and external id) and of each segment (by tenant and
 * name): ids differ between engines.
 */
async function recordIds(crm: SeededCrm): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const { tenantId } of calendarTenants) {
    const session = crm.session(tenantId, 'm1');
    for (const segment of await session.segments.list())
      ids.set(`${tenantId}/segment/${segment.name}`, segment.id);
    const pages = { person: session.people, company: session.companies, order: session.orders } as const;
    for (const [entity, repository] of Object.entries(pages)) {
      const { items } = await (repository as typeof session.people).list({ limit: 1_000 });
      for (const item of items) ids.set(`${tenantId}/${entity}/${item.externalId}`, item.id);
    }
  }
  return ids;
}

describe('the filter language through the records API', () => {
  let crms: SeededCrm[] = [];
  let catalogue: FilterCatalogue;
  let ids: Map<string, string>[] = [];

  beforeAll(async () => {
    crms = await seedCrms(engines, data, clock);
    const [reference] = crms;
    if (reference?.name !== referenceEngine) throw new Error('The memory adapter must come first.');
    catalogue = await readFilterCatalogue(reference.session(calendarTenants[0]?.tenantId ?? '', 'm1'));
    ids = await Promise.all(crms.map(recordIds));
  }, 120_000);
  afterAll(() => Promise.all(crms.map(({ crm }) => crm.close())));

  it('every engine lists and counts the records of the memory adapter, and explains one alike, in every time zone', async () => {
    const [reference, ...others] = crms;
    if (reference === undefined) throw new Error('No engines.');
    const property = fc.asyncProperty(filterCaseArbitrary(catalogue), async (filterCase) => {
      tally.cases++;
      clock.set(filterCase.now);
      const sessionOf = (crm: SeededCrm) => crm.session(filterCase.tenant.tenantId, filterCase.actorId);
      // The case names segments by name; each engine runs it with its own segment ids.
      const caseOn = (position: number): FilterCase => ({
        ...filterCase,
        where: withSegmentIds(filterCase.where, (name) =>
          ids[position]?.get(`${filterCase.tenant.tenantId}/segment/${name}`),
        ) as Filter,
      });
      const expected = await filterOutcomeOf(sessionOf(reference), caseOn(0));
      if (!expected.ok) tally.referenceErrors++;
      else if (expected.count > 0 && expected.count < data.people.length) tally.selective++;
      const outcomes = await Promise.all(
        others.map((crm, position) => filterOutcomeOf(sessionOf(crm), caseOn(position + 1))),
      );
      others.forEach((crm, position) => {
        const outcome = outcomes[position] ?? expected;
        if (!isSameFilterOutcome(expected, outcome))
          throw new Error(describeFilterMismatch(filterCase, crm.name, expected, outcome));
      });
      // One record, evaluated in memory by `explain` on every engine, must hold exactly when listed.
      const universe = externalIds[filterCase.entity];
      const probe = universe[filterCase.probe % Math.max(universe.length, 1)];
      if (probe === undefined) return;
      const key = `${filterCase.tenant.tenantId}/${filterCase.entity}/${probe}`;
      const listed = [expected, ...outcomes];
      const explained = await Promise.all(
        crms.map((crm, position) =>
          explainOutcomeOf(sessionOf(crm), caseOn(position), ids[position]?.get(key) ?? ''),
        ),
      );
      crms.forEach((crm, position) => {
        const outcome = explained[position];
        const list = listed[position] ?? expected;
        if (outcome === undefined || !agreesWithList(outcome, list, probe))
          throw new Error(
            `${describeFilterMismatch(filterCase, crm.name, expected, list)}\n  explain(${probe}) on ${crm.name}: ${JSON.stringify(outcome)}`,
          );
      });
      if (explained[0]?.ok && explained[0].held) tally.probesHeld++;
    });
    await checkProperty(property, { numRuns: cases, salt: 11 });
  }, 300_000);

  it(`ran ${cases} filter cases, nearly all valid and many selective`, () => {
    expect(tally.cases).toBeGreaterThanOrEqual(cases);
    // Some filters are refused on purpose (a company segment named in a filter of people); few, though.
    expect(tally.referenceErrors).toBeLessThan(tally.cases * 0.05);
    expect(tally.selective).toBeGreaterThan(tally.cases * 0.25);
    // Probed records that held and that did not must both be common, or explain proves little.
    expect(tally.probesHeld).toBeGreaterThan(tally.cases * 0.15);
  });
});
