/*
 * What the transport tests share: a real node:http server on a free port, closed after each test, and a
 * log of the events a client listener received.
 */
import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Crm } from '../crm';
import type { CrmClientEvent } from './crm-client';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await closeServer(server);
});

/** Ends a server and every connection it holds (event streams stay open otherwise). */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/**
 * Serves `listener` on 127.0.0.1 at a free port until the test ends.
 *
 * @example
 * ```ts
 * const { origin } = await listen(toNodeListener(handler));
 * ```
 */
export async function listen(listener: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Collects a listener's events, and waits for a number of them.
 *
 * @example
 * ```ts
 * const log = eventLog();
 * client.subscribe(log.listener);
 * await log.until(2);
 * ```
 */
export function eventLog() {
  const events: CrmClientEvent[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    events,
    listener(event: CrmClientEvent) {
      events.push(event);
      for (const waiter of waiters) if (events.length >= waiter.count) waiter.resolve();
    },
    until(count: number): Promise<void> {
      return events.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** How many listeners hear every event of the CRM's bus: clients local and remote subscribe there. */
export const busListeners = (crm: Crm): number => crm.events.all.get('*')?.length ?? 0;
