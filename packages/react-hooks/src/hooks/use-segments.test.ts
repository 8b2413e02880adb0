// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor } from '../test-support/test-crm';
import { useSegmentCount } from './use-segment-count';
import { useSegmentMembers } from './use-segment-members';

async function setup() {
  const test = await createTestCrm();
  const ann = await test.client.people.create({ firstName: 'Ann', region: 'North' });
  const ben = await test.client.people.create({ firstName: 'Ben', region: 'South' });
  const segment = await test.client.segments.create({
    name: 'North',
    entity: 'person',
    kind: 'dynamic',
    filter: { field: 'region', op: 'eq', value: 'North' },
  });
  const hook = renderHook(
    () => ({
      count: useSegmentCount(segment.id),
      members: useSegmentMembers(segment.id, { orderBy: 'firstName' }),
    }),
    { wrapper: providerFor(test.client) },
  );
  await waitFor(() => expect(hook.result.current.members.status).toBe('success'));
  await waitFor(() => expect(hook.result.current.count.status).toBe('success'));
  return { ...test, ann, ben, segment, hook };
}

describe('useSegmentCount and useSegmentMembers', () => {
  it('count the members and list them with the segment', async () => {
    const { hook } = await setup();
    expect(hook.result.current.count.data).toBe(1);
    expect(hook.result.current.members.data?.segment.name).toBe('North');
    expect(hook.result.current.members.data?.items.map((person) => person.id)).toHaveLength(1);
  });

  it('follow a record entering the segment, written by a colleague', async () => {
    const { hook, ben, colleague } = await setup();
    await act(async () => {
      await colleague.people.update(ben.id, { region: 'North' }, { version: ben.version });
    });
    await waitFor(() => expect(hook.result.current.count.data).toBe(2));
    await waitFor(() => expect(hook.result.current.members.data?.items).toHaveLength(2));
  });

  it('show a member changed elsewhere at once', async () => {
    const { hook, ann, colleague } = await setup();
    await act(async () => {
      await colleague.people.update(ann.id, { lastName: 'Lee' }, { version: ann.version });
    });
    await waitFor(() =>
      expect(hook.result.current.members.data?.items[0]).toMatchObject({ lastName: 'Lee' }),
    );
  });
});
