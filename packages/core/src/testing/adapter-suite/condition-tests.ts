import { describe, expect } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import { evaluateCondition } from '../../storage/evaluate-condition';
import type { ConditionCase } from './condition-case';
import { conditionDataset } from './condition-dataset';
import { jsonConditionCases, opaqueJsonConditionCases } from './json-condition-cases';
import { listConditionCases } from './list-condition-cases';
import { logicConditionCases } from './logic-condition-cases';
import { scalarConditionCases } from './scalar-condition-cases';
import { sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { textConditionCases } from './text-condition-cases';

/**
 * Every condition kind and operator, against the fixed dataset. Each case checks three answers against the
 * ids written by hand: the adapter's `findMany`, its `count`, and core's in-memory `evaluateCondition` over
 * the rows the adapter returns, so adapter and evaluator are held to the same semantics. A second tenant
 * holds the same rows under the same ids: any leak across tenants shows as a duplicate id or a count too high.
 *
 * @example
 * ```ts
 * defineConditionTests(context);
 * ```
 */
export function defineConditionTests(context: SuiteContext): void {
  describe('conditions', () => {
    const tenantId = context.newTenant('conditions');
    const otherTenantId = context.newTenant('conditions-other');
    const adapter = context.sharedAdapter(async (shared) => {
      await shared.transaction(async (tx) => {
        await tx.insert({ table: 'things', rows: conditionDataset(tenantId) });
        await tx.insert({ table: 'things', rows: conditionDataset(otherTenantId) });
      });
    });

    const groups: [string, readonly ConditionCase[]][] = [
      ['on text', textConditionCases],
      ['on numbers, booleans, timestamps and dates', scalarConditionCases],
      ['on JSON paths', jsonConditionCases],
      ['on JSON paths of an opaque column', opaqueJsonConditionCases],
      ['on text lists', listConditionCases],
      ['combined with and, or, not', logicConditionCases],
    ];
    for (const [label, cases] of groups) {
      describe(label, () => {
        for (const testCase of cases)
          context.test(testCase.name, () => checkCase(adapter(), tenantId, testCase));
      });
    }
  });
}

async function checkCase(
  adapter: StorageAdapter,
  tenantId: string,
  { where, expected }: ConditionCase,
): Promise<void> {
  const found = await adapter.findMany({ table: 'things', tenantId, where });
  expect(sortedIds(found), 'findMany').toEqual(expected);
  expect(await adapter.count({ table: 'things', tenantId, where }), 'count').toBe(expected.length);
  const everyRow = await adapter.findMany({ table: 'things', tenantId });
  const evaluated = everyRow.filter((row) => evaluateCondition(where, row));
  expect(sortedIds(evaluated), 'evaluateCondition').toEqual(expected);
}
