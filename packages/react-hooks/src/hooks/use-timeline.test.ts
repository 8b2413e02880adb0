// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestCrm, providerFor } from '../test-support/test-crm';
import { useTimeline } from './use-timeline';

describe('useTimeline', () => {
  it('lists the activities of a person newest first, paged, and shows a new one logged elsewhere', async () => {
    const { client, colleague } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann' });
    const ben = await client.people.create({ firstName: 'Ben' });
    const log = (subject: string, day: number, personId = ann.id) =>
      client.activities.create({
        type: 'call',
        subject,
        personIds: [personId],
        occurredAt: `2024-05-${String(day).padStart(2, '0')}T10:00:00.000Z`,
      });
    await log('first', 1);
    await log('second', 2);
    await log('third', 3);
    await log('not hers', 4, ben.id);
    const { result } = renderHook(() => useTimeline('person', ann.id, { limit: 2 }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data?.items.map((activity) => activity.subject)).toEqual(['third', 'second']);
    await act(() => result.current.fetchNextPage());
    expect(result.current.data?.items.map((activity) => activity.subject)).toEqual([
      'third',
      'second',
      'first',
    ]);
    await act(async () => {
      await colleague.activities.create({
        type: 'meeting',
        subject: 'fourth',
        personIds: [ann.id],
        occurredAt: '2024-05-05T10:00:00.000Z',
      });
    });
    await waitFor(() => expect(result.current.data?.items[0]?.subject).toBe('fourth'));
    expect(result.current.data?.items).toHaveLength(4);
  });

  it('lists the activities of a company and of a deal', async () => {
    const { client } = await createTestCrm();
    const acme = await client.companies.create({ name: 'Acme' });
    const deal = await client.deals.create({ name: 'Renewal', companyId: acme.id, currency: 'EUR' });
    await client.activities.create({ type: 'email', subject: 'to acme', companyId: acme.id });
    await client.activities.create({ type: 'note', subject: 'on deal', dealId: deal.id });
    const { result } = renderHook(
      () => ({ company: useTimeline('company', acme.id), deal: useTimeline('deal', deal.id) }),
      { wrapper: providerFor(client) },
    );
    await waitFor(() => expect(result.current.deal.status).toBe('success'));
    await waitFor(() => expect(result.current.company.status).toBe('success'));
    expect(result.current.company.data?.items.map((activity) => activity.subject)).toEqual(['to acme']);
    expect(result.current.deal.data?.items.map((activity) => activity.subject)).toEqual(['on deal']);
  });
});
