import { describe, expectTypeOf, it } from 'vitest';
import type { CrmSession } from '../crm';
import type { Comparison, Filter, RelatedFilter } from './filter-types';

declare const crm: CrmSession;
declare const stored: Filter;

describe('Filter<E>', () => {
  it('takes the fields of the entity, custom fields and fields of related records', () => {
    expectTypeOf<{ field: 'region'; op: 'eq'; value: string }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'custom.tier'; op: 'eq'; value: string }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'company.region'; op: 'eq'; value: string }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'company.custom.tier'; op: 'isEmpty' }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'owner.team'; op: 'in'; value: string[] }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'regoin'; op: 'eq'; value: string }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'company.regoin'; op: 'eq'; value: string }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'amount'; op: 'gt'; value: number }>().not.toExtend<Filter<'person'>>();
  });

  it('has custom fields only where the entity has them', () => {
    expectTypeOf<{ field: 'custom.level'; op: 'isEmpty' }>().not.toExtend<Filter<'member'>>();
    expectTypeOf<{ field: 'custom.level'; op: 'isEmpty' }>().toExtend<Filter<'deal'>>();
  });

  it('allows per field the operators and values of its type', () => {
    expectTypeOf<{ field: 'region'; op: 'contains'; value: string; mode: 'insensitive' }>().toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'birthday'; op: 'contains'; value: string }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'birthday'; op: 'anniversaryInNext'; value: number }>().toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'createdAt'; op: 'anniversaryInNext'; value: number }>().not.toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'createdAt'; op: 'inLast'; value: 30; unit: 'days' }>().toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'createdAt'; op: 'inLast'; value: 30; unit: 'decades' }>().not.toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'createdAt'; op: 'inPeriod'; value: 'thisFiscalYear' }>().toExtend<
      Filter<'person'>
    >();
    expectTypeOf<{ field: 'region'; op: 'inPeriod'; value: 'thisYear' }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'amount'; op: 'gt'; value: number }>().toExtend<Filter<'deal'>>();
    expectTypeOf<{ field: 'amount'; op: 'gt'; value: string }>().not.toExtend<Filter<'deal'>>();
    // @ts-expect-error: a case mode is for text
    const caseOnNumber: Filter<'deal'> = { field: 'amount', op: 'eq', value: 1, mode: 'insensitive' };
    expectTypeOf(caseOnNumber).toExtend<Filter>();
    expectTypeOf<{ field: 'active'; op: 'eq'; value: boolean }>().toExtend<Filter<'product'>>();
    expectTypeOf<{ field: 'active'; op: 'gt'; value: number }>().not.toExtend<Filter<'product'>>();
    expectTypeOf<{ field: 'tags'; op: 'hasNone'; value: string[] }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'tags'; op: 'eq'; value: string }>().not.toExtend<Filter<'person'>>();
  });

  it('offers isCurrentActor on fields holding a member id', () => {
    expectTypeOf<{ field: 'ownerId'; op: 'isCurrentActor' }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'createdBy'; op: 'isCurrentActor' }>().toExtend<Filter<'person'>>();
    expectTypeOf<{ field: 'assigneeId'; op: 'isCurrentActor' }>().toExtend<Filter<'task'>>();
    expectTypeOf<{ field: 'companyId'; op: 'isCurrentActor' }>().not.toExtend<Filter<'person'>>();
  });

  it('names related records by collection, with a filter of their entity', () => {
    expectTypeOf<{
      related: 'orders';
      aggregate: 'sum';
      of: 'total';
      op: 'gt';
      value: number;
      where: { field: 'orderedAt'; op: 'inLast'; value: 365; unit: 'days' };
    }>().toExtend<RelatedFilter<'person'>>();
    expectTypeOf<{ related: 'people'; aggregate: 'exists' }>().toExtend<Filter<'company'>>();
    expectTypeOf<{ related: 'people'; aggregate: 'exists' }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{
      related: 'orders';
      aggregate: 'sum';
      of: 'status';
      op: 'gt';
      value: number;
    }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{
      related: 'orders';
      aggregate: 'max';
      of: 'orderedAt';
      op: 'lt';
      value: string;
    }>().toExtend<Filter<'person'>>();
    expectTypeOf<{
      related: 'orders';
      aggregate: 'exists';
      where: { field: 'birthday'; op: 'isEmpty' };
    }>().not.toExtend<Filter<'person'>>();
    expectTypeOf<{ related: 'deals'; aggregate: 'count'; op: 'gte'; value: number }>().toExtend<
      Filter<'member'>
    >();
  });

  it('takes segments and nests groups', () => {
    expectTypeOf<{ all: [{ segment: 'vip' }, { not: { field: 'region'; op: 'isEmpty' } }] }>().toExtend<
      Filter<'person'>
    >();
  });

  it('is loose without an entity, and a typed filter is a loose one', () => {
    expectTypeOf<{ field: 'anything'; op: 'eq'; value: 1 }>().toExtend<Filter>();
    expectTypeOf<Filter<'person'>>().toExtend<Filter>();
    expectTypeOf<Comparison<'order'>>().toExtend<Comparison>();
  });
});

describe('repositories', () => {
  it('check a filter written in place against the entity', () => {
    crm.people.list({ where: { field: 'company.region', op: 'eq', value: 'North' } });
    crm.people.count({ where: { related: 'activities', aggregate: 'notExists' } });
    // @ts-expect-error: people have no field "regoin"
    crm.people.list({ where: { field: 'regoin', op: 'eq', value: 'North' } });
    // @ts-expect-error: a boolean takes no ordering
    crm.products.count({ where: { field: 'active', op: 'gt', value: 0 } });
    // @ts-expect-error: people have no related "orderz"
    crm.people.list({ where: { all: [{ related: 'orderz', aggregate: 'exists' }] } });
  });

  it('take a loose filter as it is, to be checked when resolved', () => {
    crm.people.list({ where: stored });
    crm.deals.count({ where: stored });
  });
});
