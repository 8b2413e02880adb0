// @vitest-environment happy-dom

import { RapportCache, recordKey } from '@rapport/core/observers';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor } from '../test-support/test-crm';
import { useArchive } from './use-archive';
import { useCreate } from './use-create';
import { useList } from './use-list';

describe('useCreate', () => {
  it('creates a record, puts it in the cache and reads the lists of its entity again', async () => {
    const { client } = await createTestCrm();
    await client.companies.create({ name: 'Beta' });
    const cache = new RapportCache();
    const { result } = renderHook(
      () => ({ list: useList('company', { orderBy: 'name' }), create: useCreate('company') }),
      { wrapper: providerFor(client, cache) },
    );
    await waitFor(() => expect(result.current.list.status).toBe('success'));
    let createdId = '';
    await act(async () => {
      createdId = (await result.current.create.mutateAsync({ name: 'Acme' })).id;
    });
    expect(result.current.create.data?.name).toBe('Acme');
    expect(cache.getData(recordKey('company', createdId))).toMatchObject({ name: 'Acme' });
    await waitFor(() =>
      expect(result.current.list.data?.items.map((company) => company.name)).toEqual(['Acme', 'Beta']),
    );
  });

  it('gives a refused input to the form as field errors', async () => {
    const { client } = await createTestCrm();
    const { result } = renderHook(() => useCreate('person'), { wrapper: providerFor(client) });
    const errors: unknown[] = [];
    await act(async () => {
      result.current.mutate(
        { firstName: 'Ann', emails: [{ address: 'nope' }] },
        { onError: (error) => errors.push(error) },
      );
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.fieldErrors['emails.0.address']?.length).toBe(1);
    expect(errors).toEqual([result.current.error]);
  });
});

describe('useArchive', () => {
  it('archives a record and it leaves the list', async () => {
    const { client } = await createTestCrm();
    const acme = await client.companies.create({ name: 'Acme' });
    await client.companies.create({ name: 'Beta' });
    const { result } = renderHook(
      () => ({ list: useList('company', { orderBy: 'name' }), archive: useArchive('company') }),
      { wrapper: providerFor(client) },
    );
    await waitFor(() => expect(result.current.list.data?.items).toHaveLength(2));
    await act(async () => {
      await result.current.archive.mutateAsync({ id: acme.id, version: acme.version });
    });
    expect(result.current.archive.data?.archivedAt).not.toBeNull();
    await waitFor(() =>
      expect(result.current.list.data?.items.map((company) => company.name)).toEqual(['Beta']),
    );
  });
});
