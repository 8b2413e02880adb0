// @vitest-environment happy-dom
import { isRapportError } from '@rapport/core';
import { RapportCache, recordKey } from '@rapport/core/observers';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { createTestCrm } from '../test-support/test-crm';
import { RapportProvider } from './rapport-provider';
import { useList } from './use-list';
import { useRecord } from './use-record';
import { useUpdate } from './use-update';

async function setup(live: boolean) {
  const test = await createTestCrm();
  const ann = await test.client.people.create({ firstName: 'Ann', lastName: 'Lee' });
  await test.client.people.create({ firstName: 'Ben' });
  const cache = new RapportCache();
  const wrapper = ({ children }: { children?: ReactNode }) =>
    createElement(RapportProvider, { client: test.client, cache, live }, children);
  const hook = renderHook(
    () => ({
      record: useRecord('person', ann.id),
      list: useList('person', { orderBy: 'firstName' }),
      update: useUpdate('person'),
    }),
    { wrapper },
  );
  await waitFor(() => expect(hook.result.current.list.status).toBe('success'));
  await waitFor(() => expect(hook.result.current.record.status).toBe('success'));
  return { ...test, ann, cache, hook };
}

/** Every data the record's query holds, in order, from now on. */
function recordHistory(cache: RapportCache, id: string): unknown[] {
  const query = cache.find(recordKey('person', id));
  if (query === undefined) throw new Error('the record is not cached');
  const seen: unknown[] = [];
  query.observe(() => {
    if (seen[seen.length - 1] !== query.state.data) seen.push(query.state.data);
  });
  return seen;
}

describe('useUpdate', () => {
  it('shows the change at once in the record and every list holding it, then the server record', async () => {
    const { ann, hook } = await setup(true);
    let saving: Promise<unknown> = Promise.resolve();
    act(() => {
      saving = hook.result.current.update.mutateAsync({
        id: ann.id,
        changes: { lastName: 'Low' },
        version: ann.version,
      });
    });
    expect(hook.result.current.record.data?.lastName).toBe('Low');
    expect(hook.result.current.list.data?.items[0]?.lastName).toBe('Low');
    expect(hook.result.current.update.status).toBe('pending');
    await act(() => saving);
    expect(hook.result.current.update.status).toBe('success');
    expect(hook.result.current.record.data).toMatchObject({
      lastName: 'Low',
      fullName: 'Ann Low',
      version: 2,
    });
    await waitFor(() => expect(hook.result.current.list.data?.items[0]).toMatchObject({ version: 2 }));
    expect(hook.result.current.update.data?.version).toBe(2);
  });

  it('rolls every copy back exactly on VERSION_CONFLICT, then reads the newer record', async () => {
    // Live updates off: the cache holds version 1 while a colleague saves version 2.
    const { ann, hook, cache, colleague } = await setup(false);
    await colleague.people.update(ann.id, { lastName: 'Lane' }, { version: ann.version });
    const recordBefore = hook.result.current.record.data;
    const listBefore = hook.result.current.list.data;
    const history = recordHistory(cache, ann.id);
    let failure: unknown;
    await act(async () => {
      await hook.result.current.update
        .mutateAsync({ id: ann.id, changes: { lastName: 'Low' }, version: ann.version })
        .catch((error: unknown) => {
          failure = error;
        });
    });
    expect(isRapportError(failure, 'VERSION_CONFLICT')).toBe(true);
    expect((history[0] as { lastName: string }).lastName).toBe('Low');
    expect(history[1]).toBe(recordBefore);
    expect(hook.result.current.list.data).toBe(listBefore);
    expect(hook.result.current.update.error).toMatchObject({ code: 'VERSION_CONFLICT', fieldErrors: {} });
    await waitFor(() => expect(hook.result.current.record.data?.lastName).toBe('Lane'));
    expect(hook.result.current.record.data?.version).toBe(2);
  });

  it('rolls back on VALIDATION_FAILED and gives the form its field errors', async () => {
    const { ann, hook } = await setup(true);
    const recordBefore = hook.result.current.record.data;
    const listBefore = hook.result.current.list.data;
    await act(async () => {
      hook.result.current.update.mutate({
        id: ann.id,
        changes: { firstName: '', emails: [{ address: 'not an email' }] },
        version: ann.version,
      });
    });
    await waitFor(() => expect(hook.result.current.update.status).toBe('error'));
    const error = hook.result.current.update.error;
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error?.fieldErrors ?? {})).toEqual(expect.arrayContaining(['emails.0.address']));
    expect(hook.result.current.record.data).toBe(recordBefore);
    expect(hook.result.current.list.data).toBe(listBefore);
    act(() => hook.result.current.update.reset());
    expect(hook.result.current.update).toMatchObject({ status: 'idle', error: null });
  });
});
