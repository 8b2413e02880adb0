import { describe, expect, it, vi } from 'vitest';
import { createCrm } from '../crm';
import { isRapportError, RapportError } from '../errors/rapport-error';
import { memoryAdapter } from '../memory/memory-adapter';
import type { ContextInput } from '../records/context';
import type { FetchHandler } from './fetch-handler';
import { createFetchHandler } from './fetch-handler';
import { toNodeListener } from './node-listener';
import { remoteClient } from './remote-client';
import { busListeners, eventLog, listen } from './transport-test-support';

const tenantA: ContextInput = { tenantId: 'tenant-a', actor: { id: 'user-a' } };
/** A server at a free port, with the handler's default base path in its URL. */
async function listenAtCrm(listener: Parameters<typeof listen>[0]) {
  const { server, origin } = await listen(listener);
  return { server, url: `${origin}/crm` };
}

/** A CRM behind a real server that records the Last-Event-ID of each events request it answers. */
async function serveCrm() {
  const crm = await createCrm({ storage: memoryAdapter() });
  const handler = createFetchHandler({
    crm,
    authenticate: (request) => (request.headers.get('authorization') === 'Bearer a' ? tenantA : null),
  });
  const eventRequests: (string | null)[] = [];
  const watched: FetchHandler = async (request) => {
    if (new URL(request.url).pathname.endsWith('/events')) {
      eventRequests.push(request.headers.get('last-event-id'));
    }
    return handler(request);
  };
  const { server, url } = await listenAtCrm(toNodeListener(watched));
  return { crm, server, url, eventRequests };
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('remoteClient', () => {
  it('sends the headers a function gives, asking it again for each call', async () => {
    const { url } = await serveCrm();
    let asked = 0;
    const client = remoteClient({
      url,
      headers: async () => {
        asked += 1;
        return { authorization: 'Bearer a' };
      },
    });
    await client.people.create({ firstName: 'Ann' });
    expect(await client.people.count()).toBe(1);
    expect(asked).toBe(2);
  });

  it('rebuilds a refusal of the sign-in as UNAUTHENTICATED', async () => {
    const { url } = await serveCrm();
    const error = await thrownBy(remoteClient({ url }).people.count());
    expect(error).toBeInstanceOf(RapportError);
    expect(isRapportError(error, 'UNAUTHENTICATED')).toBe(true);
  });

  it('turns a server that cannot be reached into UNAVAILABLE', async () => {
    const { server, url } = await listenAtCrm(() => {});
    await new Promise((resolve) => server.close(resolve));
    const error = await thrownBy(remoteClient({ url }).people.count());
    expect(isRapportError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as RapportError).message).toContain(`${url}/people/count`);
  });

  it("turns an answer that is not Rapport's (a proxy's error page) into UNAVAILABLE with its status", async () => {
    const { url } = await listenAtCrm((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    });
    const error = await thrownBy(remoteClient({ url }).people.count());
    expect(error).toMatchObject({ name: 'RapportError', code: 'UNAVAILABLE', details: { status: 502 } });
  });

  it('refuses arguments that are not JSON with MISUSE, sending nothing', async () => {
    const { crm, url } = await serveCrm();
    const cyclic: Record<string, unknown> = { firstName: 'Ann' };
    cyclic.self = cyclic;
    const client = remoteClient({ url, headers: { authorization: 'Bearer a' } });
    const error = await thrownBy(client.people.create(cyclic as { firstName: string }));
    expect(isRapportError(error, 'MISUSE')).toBe(true);
    expect(await crm.as(tenantA).people.count()).toBe(0);
  });

  it('shares one event connection among its listeners and closes it after the last leaves', async () => {
    const { crm, url, eventRequests } = await serveCrm();
    const client = remoteClient({ url, headers: { authorization: 'Bearer a' } });
    const first = eventLog();
    const second = eventLog();
    const stopFirst = client.subscribe(first.listener);
    const stopSecond = client.subscribe(second.listener);
    await vi.waitFor(() => expect(busListeners(crm)).toBe(1));
    await client.people.create({ firstName: 'Ann' });
    await Promise.all([first.until(1), second.until(1)]);
    stopFirst();
    await client.people.create({ firstName: 'Bob' });
    await second.until(2);
    expect(first.events).toHaveLength(1);
    expect(eventRequests).toHaveLength(1);
    stopSecond();
    await vi.waitFor(() => expect(busListeners(crm)).toBe(0));
  });

  it('reconnects after the server drops the stream, sending the last event id it saw and reporting the gap', async () => {
    const { crm, server, url, eventRequests } = await serveCrm();
    const client = remoteClient({
      url,
      headers: { authorization: 'Bearer a' },
      reconnect: { initialDelayMs: 1, maxDelayMs: 10 },
    });
    const log = eventLog();
    let gaps = 0;
    client.subscribe(log.listener, { onGap: () => gaps++ });
    await vi.waitFor(() => expect(busListeners(crm)).toBe(1));
    await client.people.create({ firstName: 'Ann' });
    await log.until(1);
    expect(gaps).toBe(0);

    server.closeAllConnections();
    await vi.waitFor(() => expect(eventRequests).toHaveLength(2));
    await vi.waitFor(() => expect(busListeners(crm)).toBe(1));
    expect(gaps).toBe(1);
    await client.people.create({ firstName: 'Bob' });
    await log.until(2);

    expect(eventRequests).toEqual([null, log.events[0]?.eventId]);
    expect(log.events.map((event) => (event as { record: { firstName: string } }).record.firstName)).toEqual([
      'Ann',
      'Bob',
    ]);
    client.close();
    await vi.waitFor(() => expect(busListeners(crm)).toBe(0));
  });

  it('keeps trying while the server refuses the stream, and streams once it accepts', async () => {
    const { crm, url, eventRequests } = await serveCrm();
    let token = 'Bearer expired';
    const client = remoteClient({
      url,
      headers: () => ({ authorization: token }),
      reconnect: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    const log = eventLog();
    client.subscribe(log.listener);
    await vi.waitFor(() => expect(eventRequests.length).toBeGreaterThanOrEqual(2));
    expect(busListeners(crm)).toBe(0);
    token = 'Bearer a';
    await vi.waitFor(() => expect(busListeners(crm)).toBe(1));
    await crm.as(tenantA).people.create({ firstName: 'Ann' });
    await log.until(1);
    client.close();
    await vi.waitFor(() => expect(busListeners(crm)).toBe(0));
  });
});
