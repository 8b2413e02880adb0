import { describe, expectTypeOf, it } from 'vitest';
import type { CrmSession } from '../crm';
import type { Filter } from '../filter/filter-types';
import type { CustomerValue } from './read-customer-value';
import type { RfmSegment } from './rfm-segments';

declare const crm: CrmSession;

describe('customer value in the types', () => {
  it('offers the customer value fields in filters of people and companies, typed by value', () => {
    expectTypeOf<{ field: 'rfm.segment'; op: 'eq'; value: string }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'rfm.recency'; op: 'gte'; value: number }>().toExtend<Filter<'company'>>();
    expectTypeOf<{ field: 'rfm.lastOrderAt'; op: 'inLast'; value: 90; unit: 'days' }>().toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'valueTier'; op: 'in'; value: string[] }>().toExtend<Filter<'company'>>();
    expectTypeOf<{ field: 'person.rfm.segment'; op: 'eq'; value: string }>().toExtend<Filter<'order'>>();
    expectTypeOf<{ field: 'rfm.recency'; op: 'gte'; value: string }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'rfm.segment'; op: 'eq'; value: string }>().not.toExtend<Filter<'deal'>>();
  });

  it('reads a customer value with its named group typed', async () => {
    const value = await crm.customerValue.get('id');
    expectTypeOf(value).toEqualTypeOf<CustomerValue>();
    expectTypeOf(value.segment).toEqualTypeOf<RfmSegment | null>();
  });
});
