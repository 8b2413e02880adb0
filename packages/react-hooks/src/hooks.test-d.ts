import type { Activity, Company, Deal, Person, Pipeline, Segment, StageMoveResult } from '@rapport/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { HookError } from './index';
import {
  useArchive,
  useCreate,
  useList,
  useMoveDeal,
  usePipelineBoard,
  useRecord,
  useSegmentCount,
  useSegmentMembers,
  useTimeline,
  useUpdate,
} from './index';

describe('query hook types', () => {
  it('infer the record type from the entity name', () => {
    expectTypeOf(useRecord('person', 'id').data).toEqualTypeOf<Person | undefined>();
    expectTypeOf(useRecord('company', null).data).toEqualTypeOf<Company | undefined>();
    expectTypeOf(useRecord('deal', 'id').error).toEqualTypeOf<HookError | null>();
  });

  it('add the includes a read asks for', () => {
    const person = useRecord('person', 'id', { include: ['company'] }).data;
    expectTypeOf(person?.company).toEqualTypeOf<Company | null | undefined>();
    // @ts-expect-error a person has no `pipeline` include
    useRecord('person', 'id', { include: ['pipeline'] });
  });

  it('check list filters against the entity fields, as Repository.list does', () => {
    useList('person', { where: { field: 'region', op: 'eq', value: 'North' }, orderBy: 'lastName' });
    // @ts-expect-error `regoin` is not a field of people
    useList('person', { where: { field: 'regoin', op: 'eq', value: 'North' } });
    // @ts-expect-error `amount` takes numeric comparisons
    useList('deal', { where: { field: 'amount', op: 'startsWith', value: 'x' } });
    expectTypeOf(useList('company').data?.items).toEqualTypeOf<readonly Company[] | undefined>();
    const withCompany = useList('person', { include: ['company'] }).data?.items[0];
    expectTypeOf(withCompany?.company).toEqualTypeOf<Company | null | undefined>();
    expectTypeOf(useList('deal', { enabled: false }).fetchNextPage).toEqualTypeOf<() => Promise<void>>();
  });

  it('type segments, boards and timelines', () => {
    expectTypeOf(useSegmentCount('s').data).toEqualTypeOf<number | undefined>();
    expectTypeOf(useSegmentMembers('s').data?.segment).toEqualTypeOf<Segment | undefined>();
    const board = usePipelineBoard('p').data;
    expectTypeOf(board?.pipeline).toEqualTypeOf<Pipeline | undefined>();
    expectTypeOf(board?.columns[0]?.deals).toEqualTypeOf<readonly Deal[] | undefined>();
    expectTypeOf(useTimeline('person', 'id').data?.items).toEqualTypeOf<readonly Activity[] | undefined>();
    // @ts-expect-error a tag has no timeline
    useTimeline('tag', 'id');
  });
});

describe('mutation hook types', () => {
  it('take the entity input and return the record', () => {
    const create = useCreate('person');
    create.mutate({ firstName: 'Ann' });
    // @ts-expect-error a company needs a name
    useCreate('company').mutate({});
    expectTypeOf(create.data).toEqualTypeOf<Person | undefined>();
  });

  it('take an update with the version read', () => {
    const update = useUpdate('person');
    update.mutate({ id: 'id', changes: { lastName: 'Lee' }, version: 1 });
    // @ts-expect-error an update states the version it read
    update.mutate({ id: 'id', changes: { lastName: 'Lee' } });
    // @ts-expect-error `lastNmae` is not a field of people
    update.mutate({ id: 'id', changes: { lastNmae: 'Lee' }, version: 1 });
    expectTypeOf(update.mutateAsync).returns.resolves.toEqualTypeOf<Person>();
    expectTypeOf(update.error).toEqualTypeOf<HookError | null>();
  });

  it('move deals and archive records', () => {
    const move = useMoveDeal();
    move.mutate({ dealId: 'd', toStageId: 'won', version: 3 });
    expectTypeOf(move.data).toEqualTypeOf<StageMoveResult | undefined>();
    expectTypeOf(useArchive('company').data).toEqualTypeOf<Company | undefined>();
  });
});
