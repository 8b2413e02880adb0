import { describe, expectTypeOf, it } from 'vitest';
import type { Filter } from '../filter/filter-types';
import type { Explanation } from './explanation';
import type { FiltersApi } from './filters-api';

declare const filters: FiltersApi;
declare const northern: Filter<'person'>;
declare const stored: Filter;

describe('filters.explain types', () => {
  it('checks a filter written in place against the entity', () => {
    expectTypeOf(
      filters.explain('person', { field: 'company.region', op: 'eq', value: 'North' }, 'p1'),
    ).toEqualTypeOf<Promise<Explanation>>();
    filters.explain(
      'person',
      { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 50_000 },
      'p1',
    );
    // @ts-expect-error people have no field "regoin"
    filters.explain('person', { field: 'regoin', op: 'eq', value: 'North' }, 'p1');
    // @ts-expect-error a boolean takes no ordering
    filters.explain('product', { field: 'active', op: 'gt', value: 0 }, 'p1');
    // @ts-expect-error no operator "near"
    filters.explain('person', { field: 'region', op: 'near', value: 'North' }, 'p1');
  });

  it('takes a typed filter of the entity and a loose filter as they are', () => {
    filters.explain('person', northern, 'p1');
    filters.explain('company', stored, 'c1');
    filters.explain('person', { any: [{ segment: 's1' }, northern] }, { id: 'p1' });
  });
});
