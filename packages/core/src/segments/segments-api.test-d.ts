import { describe, expectTypeOf, it } from 'vitest';
import type { Filter } from '../filter/filter-types';
import type { Segment } from './segment';
import type { SegmentsApi } from './segments-api';

declare const segments: SegmentsApi;

describe('segments.create types', () => {
  it('checks a filter written in place against the entity', () => {
    expectTypeOf(
      segments.create({
        name: 'North',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'company.region', op: 'eq', value: 'North' },
      }),
    ).toEqualTypeOf<Promise<Segment>>();
    segments.create({
      name: 'Bad',
      entity: 'person',
      kind: 'dynamic',
      // @ts-expect-error people have no field "nope"
      filter: { field: 'nope', op: 'eq', value: 'North' },
    });
  });

  it('takes a loose filter read from storage or a request as it is', () => {
    const loose = JSON.parse('{"field":"nope","op":"eq","value":1}') as Filter;
    segments.create({ name: 'From a request', entity: 'company', kind: 'snapshot', filter: loose });
  });

  it('takes a static segment without a filter', () => {
    segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
  });
});
