// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor, recordingClient } from '../test-support/test-crm';
import { useClientQuery } from './use-client-query';

const dealCount = (key: string) => (client: Parameters<Parameters<typeof useClientQuery>[1]>[0]) =>
  client.deals.count({ where: { field: 'currency', op: 'eq', value: key } });

describe('useClientQuery', () => {
  it('reads once for every component with the same key', async () => {
    const { client } = await createTestCrm();
    const { client: recording, calls } = recordingClient(client);
    const { result } = renderHook(
      () => [
        useClientQuery(['deals', 'EUR'], dealCount('EUR')),
        useClientQuery(['deals', 'EUR'], dealCount('EUR')),
      ],
      { wrapper: providerFor(recording) },
    );
    await waitFor(() => expect(result.current[0]?.status).toBe('success'));
    expect(result.current.map((query) => query.data)).toEqual([0, 0]);
    expect(calls).toEqual(['deals.count']);
  });

  it('reads again when a record of an entity it depends on changes, and not otherwise', async () => {
    const { client, colleague } = await createTestCrm();
    const { client: recording, calls } = recordingClient(client);
    const { result } = renderHook(
      () => ({
        live: useClientQuery(['deals', 'EUR'], dealCount('EUR'), { dependsOn: ['deal'] }),
        fixed: useClientQuery(['deals', 'EUR', 'fixed'], dealCount('EUR')),
      }),
      { wrapper: providerFor(recording) },
    );
    await waitFor(() => expect(result.current.fixed.status).toBe('success'));
    await act(async () => {
      await colleague.deals.create({ name: 'Big', amount: 100, currency: 'EUR' });
    });
    await waitFor(() => expect(result.current.live.data).toBe(1));
    expect(result.current.fixed.data).toBe(0);
    await act(async () => {
      await colleague.people.create({ firstName: 'Ann' });
    });
    expect(calls.filter((call) => call === 'deals.count')).toHaveLength(3);
  });
});
