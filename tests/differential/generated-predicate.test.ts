import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../packages/core/src/storage/condition';
import { compileClosures } from '../../packages/core/src/storage/evaluate-condition';
import { generatePredicate } from '../../packages/core/src/storage/generate-predicate';
import { createRelatedRows } from '../../packages/core/src/storage/related-rows';
import type { Row } from '../../packages/core/src/storage/schema';
import { buildCatalogue } from './catalogue';
import type { Dataset } from './dataset';
import { datasetArbitrary } from './dataset';
import { hostileFieldNames } from './injection-arbitrary';
import { queryArbitrary } from './query-arbitrary';
import { checkProperty, sampleOne } from './seed';
import type { DatasetTable } from './table-rows';

/** Where each condition is true, row by row, or the error it throws. */
function verdicts(test: (row: Row) => boolean, rows: readonly Row[]): (boolean | string)[] {
  return rows.map((row) => {
    try {
      return test(row);
    } catch (error) {
      return String(error);
    }
  });
}

function relatedSource(dataset: Dataset) {
  return createRelatedRows((table, tenantId) => dataset.tenants[tenantId]?.[table as DatasetTable] ?? []);
}

describe('generated predicates', () => {
  const dataset = sampleOne(datasetArbitrary, 104_729);
  const catalogue = buildCatalogue(dataset);

  it('agree with the closures on every row, for every generated condition', async () => {
    const property = fc.asyncProperty(queryArbitrary(catalogue), async (query) => {
      const rows = dataset.tenants[query.tenantId]?.[query.table] ?? [];
      const related = relatedSource(dataset);
      const reference = compileClosures(query.where);
      const generated = generatePredicate(query.where, compileClosures);
      if (generated === undefined) throw new Error('functions made from source are available in Node');
      expect(verdicts((row) => generated(row, related), rows)).toEqual(
        verdicts((row) => reference(row, related), rows),
      );
    });
    await checkProperty(property, { numRuns: 1_500, salt: 3 });
  });

  it('read hostile column and key names as data, never as code', () => {
    for (const name of hostileFieldNames) {
      const column: Condition = {
        kind: 'compare',
        field: { operand: { kind: 'column', column: name }, type: 'text' },
        op: 'eq',
        value: name,
        caseInsensitive: false,
      };
      const key: Condition = {
        kind: 'in',
        field: { operand: { kind: 'jsonPath', column: 'custom', path: [name, name] }, type: 'text' },
        values: [name, `${name}'"\`\u2028`],
        negate: false,
        caseInsensitive: false,
      };
      for (const condition of [column, key]) {
        const generated = generatePredicate(condition, compileClosures);
        const reference = compileClosures(condition);
        const rows: Row[] = [
          { [name]: name, custom: { [name]: { [name]: name } } },
          { [name]: `${name}x`, custom: { [name]: name } },
          { custom: null },
        ];
        expect(rows.map((row) => generated?.(row, undefined))).toEqual(
          rows.map((row) => reference(row, undefined)),
        );
      }
    }
  });
});
