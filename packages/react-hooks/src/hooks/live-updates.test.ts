// @vitest-environment happy-dom
import { localClient } from '@rapport/core';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { seedPipeline } from '../test-support/pipeline';
import { createTestCrm, providerFor, recordingClient } from '../test-support/test-crm';
import { RapportProvider } from './rapport-provider';
import { useList } from './use-list';
import { usePipelineBoard } from './use-pipeline-board';
import { useRecord } from './use-record';

function PersonName({ id }: { id: string }) {
  const { data } = useRecord('person', id);
  return createElement('h1', null, data?.fullName ?? '…');
}

describe('live updates', () => {
  it('shows a change another session made without a refetch', async () => {
    const { client, colleague } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann', lastName: 'Lee' });
    const { client: recording, calls } = recordingClient(client);
    render(createElement(RapportProvider, { client: recording }, createElement(PersonName, { id: ann.id })));
    await screen.findByText('Ann Lee');
    await act(async () => {
      await colleague.people.update(ann.id, { lastName: 'Low' }, { version: ann.version });
    });
    await screen.findByText('Ann Low');
    // The event carried the record: no read was needed.
    expect(calls).toEqual(['people.get']);
  });

  it('reads again what it shows when the client reports missed events', async () => {
    const { client, colleague } = await createTestCrm();
    const bea = await client.people.create({ firstName: 'Bea', lastName: 'Ray' });
    let reportGap: (() => void) | undefined;
    // A stream that dropped: no event reaches the provider, only the report that some were missed.
    const dropped = {
      ...client,
      subscribe: (_listener: unknown, options?: { onGap?: () => void }) => {
        reportGap = options?.onGap;
        return () => {};
      },
    };
    render(createElement(RapportProvider, { client: dropped }, createElement(PersonName, { id: bea.id })));
    await screen.findByText('Bea Ray');
    await colleague.people.update(bea.id, { lastName: 'Roe' }, { version: bea.version });
    await act(async () => reportGap?.());
    await screen.findByText('Bea Roe');
  });

  it('puts a deal a colleague creates on the board', async () => {
    const { client, colleague } = await createTestCrm();
    const { pipeline } = await seedPipeline(client);
    const { result } = renderHook(() => usePipelineBoard(pipeline.id), { wrapper: providerFor(client) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await act(async () => {
      await colleague.deals.create({
        name: 'New',
        pipelineId: pipeline.id,
        stageId: 'proposal',
        currency: 'EUR',
      });
    });
    await waitFor(() =>
      expect(result.current.data?.columns[1]?.deals.map((deal) => deal.name)).toEqual(['Pitched', 'New']),
    );
  });

  it('reads a list again when the server imports records of its entity', async () => {
    const { crm, client } = await createTestCrm();
    await client.people.create({ firstName: 'Ann' });
    const { result } = renderHook(() => useList('person', { orderBy: 'firstName' }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.data?.items).toHaveLength(1));
    await act(async () => {
      // Imports run on the server, outside any client: only their one event reaches the screen.
      await crm
        .as({ tenantId: 'acme', actor: { id: 'import' } })
        .people.importMany([{ firstName: 'Bea' }, { firstName: 'Cy' }]);
    });
    await waitFor(() =>
      expect(result.current.data?.items.map((person) => person.firstName)).toEqual(['Ann', 'Bea', 'Cy']),
    );
  });

  it('hears nothing of other tenants', async () => {
    const { crm, client } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann' });
    const { client: recording, calls } = recordingClient(client);
    render(createElement(RapportProvider, { client: recording }, createElement(PersonName, { id: ann.id })));
    await screen.findByText('Ann');
    const elsewhere = localClient(crm, { tenantId: 'globex', actor: { id: 'zed' } });
    await act(async () => {
      await elsewhere.people.create({ firstName: 'Zed' });
    });
    expect(calls).toEqual(['people.get']);
  });

  it('stops listening when the provider unmounts', async () => {
    const { client, colleague } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann' });
    let listeners = 0;
    const counting = {
      ...client,
      subscribe: (listener: Parameters<typeof client.subscribe>[0]) => {
        listeners += 1;
        const stop = client.subscribe(listener);
        return () => {
          listeners -= 1;
          stop();
        };
      },
    };
    const view = render(
      createElement(RapportProvider, { client: counting }, createElement(PersonName, { id: ann.id })),
    );
    await screen.findByText('Ann');
    expect(listeners).toBe(1);
    view.unmount();
    expect(listeners).toBe(0);
    await colleague.people.update(ann.id, { firstName: 'Anna' }, { version: ann.version });
  });
});
