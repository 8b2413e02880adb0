import { describe, expect } from 'vitest';
import { compileOrder } from '../../storage/compare-rows';
import type { Condition, OrderTerm } from '../../storage/condition';
import { asc, col, compare, desc, idField, json } from './condition-builders';
import { conditionDataset } from './condition-dataset';
import { ids } from './suite-assertions';
import type { SuiteContext } from './suite-context';

interface OrderCase {
  readonly name: string;
  readonly orderBy: readonly OrderTerm[];
  readonly expected: readonly string[];
}

const name = col('name', 'text');
const count = col('count', 'number');
const score = col('score', 'number');
const active = col('active', 'boolean');
const nullCounts = ['r03', 'r07', 'r09', 'r10', 'r11', 'r12', 'r13'];

const orderCases: readonly OrderCase[] = [
  {
    name: 'asc on text sorts by code point with nulls last',
    orderBy: [asc(name)],
    expected: ['r04', 'r08', 'r12', 'r06', 'r10', 'r09', 'r13', 'r05', 'r01', 'r02', 'r07', 'r11', 'r03'],
  },
  {
    name: 'desc on text sorts by code point with nulls still last',
    orderBy: [desc(name)],
    expected: ['r11', 'r07', 'r02', 'r01', 'r05', 'r13', 'r09', 'r10', 'r06', 'r12', 'r08', 'r04', 'r03'],
  },
  {
    name: 'asc on integers sorts numerically with nulls last',
    orderBy: [asc(count), asc(idField)],
    expected: ['r02', 'r04', 'r05', 'r08', 'r01', 'r06', ...nullCounts],
  },
  {
    name: 'desc on integers keeps nulls last',
    orderBy: [desc(count), asc(idField)],
    expected: ['r06', 'r01', 'r08', 'r05', 'r04', 'r02', ...nullCounts],
  },
  {
    name: 'asc on reals sorts fractions and negatives numerically',
    orderBy: [asc(score), asc(idField)],
    expected: ['r02', 'r04', 'r06', 'r01', 'r05', 'r03', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
  {
    name: 'later terms break ties of earlier ones, false sorting before true',
    orderBy: [asc(active), desc(score), asc(idField)],
    expected: ['r05', 'r02', 'r01', 'r04', 'r06', 'r03', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
  {
    name: 'a descending tie-breaker reverses the tied rows',
    orderBy: [desc(active), desc(idField)],
    expected: ['r04', 'r01', 'r05', 'r02', 'r13', 'r12', 'r11', 'r10', 'r09', 'r08', 'r07', 'r06', 'r03'],
  },
  {
    name: 'desc on a JSON number sorts numerically with missing keys last',
    orderBy: [desc(json('data', ['level'], 'number')), asc(idField)],
    expected: ['r02', 'r01', 'r05', 'r03', 'r04', 'r06', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
  {
    name: 'a JSON value of another type than the field sorts as null',
    orderBy: [asc(json('data', ['rank'], 'number')), asc(idField)],
    expected: ['r06', 'r01', 'r02', 'r03', 'r04', 'r05', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
  {
    name: 'asc on timestamps sorts chronologically',
    orderBy: [asc(col('happened_at', 'timestamp')), asc(idField)],
    expected: ['r04', 'r01', 'r02', 'r03', 'r05', 'r06', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
  {
    name: 'desc on dates sorts the latest day first',
    orderBy: [desc(col('born_on', 'date')), asc(idField)],
    expected: ['r04', 'r01', 'r02', 'r03', 'r05', 'r06', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12', 'r13'],
  },
];

interface LimitCase {
  readonly name: string;
  readonly where?: Condition;
  readonly limit: number;
  readonly expected: readonly string[];
}

const limitCases: readonly LimitCase[] = [
  { name: 'limit returns the first rows of the ordering', limit: 3, expected: ['r02', 'r04', 'r05'] },
  { name: 'limit 0 returns no rows', limit: 0, expected: [] },
  {
    name: 'a limit above the number of rows returns every row',
    limit: 100,
    expected: ['r02', 'r04', 'r05', 'r08', 'r01', 'r06', ...nullCounts],
  },
  {
    name: 'limit applies to the rows that match where',
    where: compare(count, 'gt', 0),
    limit: 2,
    expected: ['r05', 'r08'],
  },
];

/**
 * Ordering and limits over the fixed dataset. Each ordering is checked twice against the ids written by
 * hand: as the adapter returns it, and as core's `compileOrder` sorts the same rows.
 *
 * @example
 * ```ts
 * defineOrderTests(context);
 * ```
 */
export function defineOrderTests(context: SuiteContext): void {
  describe('ordering and limits', () => {
    const tenantId = context.newTenant('order');
    const otherTenantId = context.newTenant('order-other');
    const adapter = context.sharedAdapter(async (shared) => {
      await shared.transaction(async (tx) => {
        // Inserted in reverse so that an adapter returning insertion order cannot pass by accident.
        await tx.insert({ table: 'things', rows: conditionDataset(tenantId).reverse() });
        await tx.insert({ table: 'things', rows: conditionDataset(otherTenantId) });
      });
    });

    for (const { name: testName, orderBy, expected } of orderCases) {
      context.test(testName, async () => {
        const rows = await adapter().findMany({ table: 'things', tenantId, orderBy });
        expect(ids(rows), 'findMany').toEqual(expected);
        expect(ids([...rows].reverse().sort(compileOrder(orderBy))), 'compileOrder').toEqual(expected);
      });
    }

    for (const { name: testName, where, limit, expected } of limitCases) {
      context.test(testName, async () => {
        const rows = await adapter().findMany({
          table: 'things',
          tenantId,
          where,
          orderBy: [asc(count), asc(idField)],
          limit,
        });
        expect(ids(rows)).toEqual(expected);
      });
    }
  });
}
