import type { CrmClient } from '@rapport/core';
import { RapportError } from '@rapport/core';
import type { RapportCache } from '@rapport/core/observers';
import { createContext, useContext } from 'react';

/** What a `RapportProvider` gives the hooks below it. */
export interface RapportContextValue {
  readonly client: CrmClient;
  readonly cache: RapportCache;
}

/** The context behind `RapportProvider`; use the hooks rather than this. */
export const RapportContext = createContext<RapportContextValue | null>(null);

/** The provider's client and cache; throws MISUSE outside a provider. */
export function useRapportContext(): RapportContextValue {
  const value = useContext(RapportContext);
  if (value === null)
    throw new RapportError(
      'MISUSE',
      'Rapport hooks need a provider: wrap the app in <RapportProvider client={client}>',
    );
  return value;
}

/**
 * The provider's client, for calls the hooks do not cover.
 *
 * @example
 * ```tsx
 * const client = useRapportClient();
 * const onExport = async () => download(await client.people.list({ limit: 1000 }));
 * ```
 */
export function useRapportClient(): CrmClient {
  return useRapportContext().client;
}

/**
 * The provider's cache, to invalidate or read queries by hand.
 *
 * @example
 * ```tsx
 * const cache = useRapportCache();
 * const onImported = () => cache.invalidate(() => true);
 * ```
 */
export function useRapportCache(): RapportCache {
  return useRapportContext().cache;
}
