import type { EntityName } from '../../entities/entity-name';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryDefinition } from '../cache/query';

/** What a read of the client depends on: the entities whose changes make it out of date. */
export interface ClientQueryOptions {
  /** A record event of one of these entities invalidates the query (none by default). */
  readonly dependsOn?: readonly EntityName[];
}

/**
 * Any read of the client as a cached query, for what the record, list, segment, board and timeline
 * queries do not cover (the forecast, custom field definitions, a deal's stage history). `key` names the
 * read and its arguments, as a TanStack Query key does; the query is read again when a record of an
 * entity in `dependsOn` changes.
 *
 * @example
 * ```ts
 * const forecast = clientQuery(client, ['forecast', 'month'], (c) => c.forecast.byPeriod({ period: 'month' }), {
 *   dependsOn: ['deal'],
 * });
 * await prefetchQuery(cache, forecast);
 * ```
 */
export function clientQuery<T>(
  client: CrmClient,
  key: readonly unknown[],
  read: (client: CrmClient) => Promise<T>,
  options: ClientQueryOptions = {},
): QueryDefinition<T> {
  return { key: ['client', [...(options.dependsOn ?? [])], ...key], fetch: () => read(client) };
}
