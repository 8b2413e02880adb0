// @vitest-environment happy-dom
import type { Person } from '@rapport/core';
import { RapportCache } from '@rapport/core/observers';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor, recordingClient } from '../test-support/test-crm';
import { RapportProvider } from './rapport-provider';
import { useRecord } from './use-record';

describe('useRecord', () => {
  it('reads a record by id and reports loading first', async () => {
    const { client } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann', lastName: 'Lee' });
    const { result } = renderHook(() => useRecord('person', ann.id), { wrapper: providerFor(client) });
    expect(result.current.isLoading).toBe(true);
    expect(result.current.status).toBe('pending');
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data?.fullName).toBe('Ann Lee');
    expect(result.current.isLoading).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('reads with includes', async () => {
    const { client } = await createTestCrm();
    const acme = await client.companies.create({ name: 'Acme' });
    const ann = await client.people.create({ firstName: 'Ann', companyId: acme.id });
    const { result } = renderHook(() => useRecord('person', ann.id, { include: ['company'] }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.data?.company?.name).toBe('Acme'));
  });

  it('makes one call for components that ask for the same record at once', async () => {
    const { client: real } = await createTestCrm();
    const ann = await real.people.create({ firstName: 'Ann' });
    const { client, calls } = recordingClient(real);
    const { result } = renderHook(
      () => [useRecord('person', ann.id), useRecord('person', ann.id), useRecord('person', ann.id)] as const,
      { wrapper: providerFor(client) },
    );
    await waitFor(() => expect(result.current[2].status).toBe('success'));
    expect(calls).toEqual(['people.get']);
    expect(result.current[0].data).toBe(result.current[1].data);
  });

  it('keeps the same result object while nothing changes, so consumers do not re-render', async () => {
    const { client } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann' });
    const cache = new RapportCache();
    const { result, rerender } = renderHook(() => useRecord('person', ann.id), {
      wrapper: providerFor(client, cache),
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const first = result.current;
    rerender();
    rerender();
    expect(result.current).toBe(first);
    await act(() => first.refetch());
    // The read brought the same record back: the data object is kept.
    expect(result.current.data).toBe(first.data);
  });

  it('reads nothing while disabled or without an id', async () => {
    const { client: real } = await createTestCrm();
    const ann = await real.people.create({ firstName: 'Ann' });
    const { client, calls } = recordingClient(real);
    const { result, rerender } = renderHook(
      ({ id, enabled }: { id: string | null; enabled: boolean }) => useRecord('person', id, { enabled }),
      { wrapper: providerFor(client), initialProps: { id: null as string | null, enabled: true } },
    );
    expect(result.current.isLoading).toBe(false);
    rerender({ id: ann.id, enabled: false });
    expect(result.current.status).toBe('pending');
    expect(calls).toEqual([]);
    rerender({ id: ann.id, enabled: true });
    await waitFor(() => expect(result.current.data?.firstName).toBe('Ann'));
    expect(calls).toEqual(['people.get']);
  });

  it('refetch reads the record again', async () => {
    const { client, crm } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann' });
    // With live updates off, a write elsewhere shows up on refetch only.
    const wrapper = ({ children }: { children?: ReactNode }) =>
      createElement(RapportProvider, { client, live: false }, children);
    const { result } = renderHook(() => useRecord('person', ann.id), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await crm
      .as({ tenantId: 'acme', actor: { id: 'bob' } })
      .people.update(ann.id, { firstName: 'Anna' }, { version: ann.version });
    expect(result.current.data?.firstName).toBe('Ann');
    await act(() => result.current.refetch());
    expect((result.current.data as Person).firstName).toBe('Anna');
  });

  it('reports NOT_FOUND as a form-friendly error', async () => {
    const { client } = await createTestCrm();
    const { result } = renderHook(() => useRecord('person', '0190a0a0-0000-7000-8000-000000000000'), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'NOT_FOUND', fieldErrors: {} });
    expect(result.current.data).toBeUndefined();
  });
});
