// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor, recordingClient } from '../test-support/test-crm';
import { useList } from './use-list';

async function seedPeople(count: number) {
  const setup = await createTestCrm();
  for (let index = 0; index < count; index += 1)
    await setup.client.people.create({
      firstName: `P${String(index).padStart(2, '0')}`,
      region: index % 2 === 0 ? 'North' : 'South',
    });
  return setup;
}

describe('useList', () => {
  it('reads a filtered, sorted page and the next pages by cursor', async () => {
    const { client } = await seedPeople(7);
    const { result } = renderHook(
      () =>
        useList('person', {
          where: { field: 'region', op: 'eq', value: 'North' },
          orderBy: 'firstName',
          limit: 2,
          withTotal: true,
        }),
      { wrapper: providerFor(client) },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data?.items.map((person) => person.firstName)).toEqual(['P00', 'P02']);
    expect(result.current.data?.total).toBe(4);
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await act(() => result.current.fetchNextPage());
    expect(result.current.data?.items.map((person) => person.firstName)).toEqual([
      'P00',
      'P02',
      'P04',
      'P06',
    ]);
    expect(result.current.data?.pages).toHaveLength(2);
    expect(result.current.hasNextPage).toBe(false);
  });

  it('keeps the previous list on screen while new options load, then shows the new one', async () => {
    const { client } = await seedPeople(4);
    const { result, rerender } = renderHook(
      ({ region }: { region: string }) =>
        useList('person', { where: { field: 'region', op: 'eq', value: region }, orderBy: 'firstName' }),
      { wrapper: providerFor(client), initialProps: { region: 'North' } },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    const north = result.current.data;
    rerender({ region: 'South' });
    // The very render after the change still shows the North list, flagged as a placeholder.
    expect(result.current.data).toBe(north);
    expect(result.current.isPlaceholderData).toBe(true);
    expect(result.current.isLoading).toBe(false);
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.data?.items.map((person) => person.firstName)).toEqual(['P01', 'P03']);
  });

  it('reads a list again, with as many pages as it held, when a record of its entity is created', async () => {
    const { client: real } = await seedPeople(3);
    const { client, calls } = recordingClient(real);
    const { result } = renderHook(() => useList('person', { orderBy: 'firstName', limit: 2 }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await act(() => result.current.fetchNextPage());
    expect(result.current.data?.items).toHaveLength(3);
    calls.length = 0;
    await act(async () => {
      await real.people.create({ firstName: 'P00a' });
    });
    await waitFor(() => expect(result.current.data?.items).toHaveLength(4));
    expect(result.current.data?.items.map((person) => person.firstName)).toEqual([
      'P00',
      'P00a',
      'P01',
      'P02',
    ]);
    expect(calls).toEqual(['people.list', 'people.list']);
  });
});
