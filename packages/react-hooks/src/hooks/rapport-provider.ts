import type { CrmClient } from '@rapport/core';
import type { DehydratedState } from '@rapport/core/observers';
import { applyEvent, hydrate, RapportCache } from '@rapport/core/observers';
import type { ReactNode } from 'react';
import { createElement, useEffect, useMemo, useState } from 'react';
import type { RapportContextValue } from './rapport-context';
import { RapportContext } from './rapport-context';

/** What `RapportProvider` takes. */
export interface RapportProviderProps {
  /** `localClient(crm, context)` in process, or `remoteClient({ url })` over HTTP. */
  readonly client: CrmClient;
  /** The cache to use: on a server, the one the page's data was prefetched into. A new one by default. */
  readonly cache?: RapportCache;
  /** What `dehydrate(cache)` gave on the server: the browser's first render shows the same data. */
  readonly initialState?: DehydratedState;
  /** Follow the client's event stream so changes made elsewhere show up at once. True by default. */
  readonly live?: boolean;
  readonly children?: ReactNode;
}

/**
 * Gives the Rapport hooks below it a client and a query cache, and keeps the cache live: one
 * subscription to the client's events per provider.
 *
 * @example
 * ```tsx
 * const client = remoteClient({ url: '/crm' });
 * createRoot(root).render(
 *   <RapportProvider client={client}>
 *     <ContactsPage />
 *   </RapportProvider>,
 * );
 * ```
 */
export function RapportProvider(props: RapportProviderProps): ReactNode {
  const { client, initialState, live = true, children } = props;
  const [ownCache] = useState(() => props.cache ?? new RapportCache());
  const cache = props.cache ?? ownCache;

  // Queries the cache does not hold yet are filled while rendering (nobody observes them, so nothing
  // re-renders), so the first render already shows the server's data; the rest wait for the commit.
  useMemo(() => {
    if (initialState !== undefined) hydrate(cache, initialState, { onlyMissing: true });
  }, [cache, initialState]);
  useEffect(() => {
    if (initialState !== undefined) hydrate(cache, initialState);
  }, [cache, initialState]);

  useEffect(() => {
    if (!live) return undefined;
    return client.subscribe((event) => applyEvent(cache, event), {
      // Events were missed while a remote stream was down: everything shown is read again.
      onGap: () => cache.invalidate(() => true),
    });
  }, [client, cache, live]);

  const value = useMemo<RapportContextValue>(() => ({ client, cache }), [client, cache]);
  return createElement(RapportContext.Provider, { value }, children);
}
