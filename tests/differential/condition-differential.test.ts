import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCatalogue } from './catalogue';
import { datasetArbitrary } from './dataset';
import { engineMakers, referenceEngine } from './engines';
import type { LoadedEngine } from './loaded-engines';
import { closeEngines, loadEngines } from './loaded-engines';
import { describeMismatch, isSameOutcome, outcomeOf } from './outcome';
import { queryArbitrary } from './query-arbitrary';
import { checkProperty, sampleOne } from './seed';

// Four datasets of 2,600 conditions each: over the 10,000 cases per run that the issue asks for, at about
// 3 ms of CPU per case with PGlite. One store per engine per dataset, loaded once.
const datasetCount = 4;
const casesPerDataset = 2_600;
const requiredCases = 10_000;

// Starting PGlite takes seconds on a busy machine, and closing it waits for the start.
vi.setConfig({ hookTimeout: 120_000 });

const engines = engineMakers();
const tally = { cases: 0, referenceErrors: 0, selective: 0 };

describe.each(Array.from({ length: datasetCount }, (_, index) => index))('dataset %i', (index) => {
  const dataset = sampleOne(datasetArbitrary, index * 7_919);
  const catalogue = buildCatalogue(dataset);
  let loaded: LoadedEngine[] = [];

  beforeAll(async () => {
    loaded = await loadEngines(engines, dataset);
  }, 60_000);
  afterAll(() => closeEngines(loaded));

  it('every engine returns the rows, order and count of the memory adapter', async () => {
    const [reference, ...others] = loaded;
    if (reference?.name !== referenceEngine) throw new Error('The memory adapter must come first.');
    const property = fc.asyncProperty(queryArbitrary(catalogue), async (query) => {
      tally.cases++;
      const expected = await outcomeOf(reference.adapter, query);
      if (!expected.ok) tally.referenceErrors++;
      else if (
        expected.count > 0 &&
        expected.count < (dataset.tenants[query.tenantId]?.[query.table].length ?? 0)
      )
        tally.selective++;
      const outcomes = await Promise.all(others.map((engine) => outcomeOf(engine.adapter, query)));
      others.forEach((engine, position) => {
        const outcome = outcomes[position] ?? expected;
        if (!isSameOutcome(query, expected, outcome))
          throw new Error(describeMismatch(dataset, query, engine.name, expected, outcome));
      });
    });
    await checkProperty(property, { numRuns: casesPerDataset, salt: index });
  }, 300_000);
});

describe('the differential run', () => {
  it(`ran at least ${requiredCases} condition cases, nearly all valid and most selective`, () => {
    expect(tally.cases).toBeGreaterThanOrEqual(requiredCases);
    // Generated conditions are valid IR: a reference error means a generator bug, not a finding.
    expect(tally.referenceErrors).toBeLessThan(tally.cases * 0.01);
    // Conditions that match every row or none tell engines apart poorly; most must select some rows.
    expect(tally.selective).toBeGreaterThan(tally.cases * 0.3);
  });
});
