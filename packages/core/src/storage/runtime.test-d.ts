import { describe, expectTypeOf, it } from 'vitest';
import { describeStorageAdapterSuite } from '../testing/index';
import type { StorageAdapter } from './adapter';
import type { Condition, OrderTerm } from './condition';
import type { RelatedRows } from './runtime';
import {
  compileCondition,
  compileOrder,
  createRelatedRows,
  evaluateCondition,
  memoryAdapter,
} from './runtime';
import type { Row } from './schema';

describe('storage runtime types', () => {
  it('memoryAdapter returns a StorageAdapter and takes optional options', () => {
    expectTypeOf(memoryAdapter()).toEqualTypeOf<StorageAdapter>();
    expectTypeOf(memoryAdapter).parameter(0).toEqualTypeOf<{ readonly name?: string } | undefined>();
  });

  it('compileCondition returns a row predicate and evaluateCondition a boolean', () => {
    expectTypeOf(compileCondition).parameter(0).toEqualTypeOf<Condition>();
    expectTypeOf(compileCondition).returns.toEqualTypeOf<(row: Row) => boolean>();
    expectTypeOf(evaluateCondition).returns.toEqualTypeOf<boolean>();
  });

  it('compileCondition and evaluateCondition take an optional source of related rows', () => {
    expectTypeOf(compileCondition).parameter(1).toEqualTypeOf<RelatedRows | undefined>();
    expectTypeOf(evaluateCondition).parameter(2).toEqualTypeOf<RelatedRows | undefined>();
    expectTypeOf(
      createRelatedRows((_table: string, _tenantId: string) => [] as Row[]),
    ).toEqualTypeOf<RelatedRows>();
  });

  it('compileOrder takes order terms and returns a comparator for Array.prototype.sort', () => {
    expectTypeOf(compileOrder).parameter(0).toEqualTypeOf<readonly OrderTerm[]>();
    expectTypeOf(compileOrder([])).toEqualTypeOf<(a: Row, b: Row) => number>();
  });

  it('describeStorageAdapterSuite accepts sync and async factories', () => {
    expectTypeOf(describeStorageAdapterSuite)
      .parameter(1)
      .toEqualTypeOf<() => Promise<StorageAdapter> | StorageAdapter>();
  });
});
