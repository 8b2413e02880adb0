import type { CustomFieldsApi } from '../custom-fields/custom-fields-api';
import type { EntityName } from '../entities/entity-name';
import type { CrmEvents } from '../events/crm-events';
import type { ForecastApi } from '../forecast/forecast-api';
import type { DealStagesApi } from '../pipelines/deal-stages-api';
import type { Repository } from '../records/repository';
import type { SegmentsApi } from '../segments/segments-api';

/** The record calls a client offers for one entity: the repository without its in-process extras. */
export type RecordsClient<E extends EntityName> = Pick<
  Repository<E>,
  | 'entity'
  | 'get'
  | 'getMany'
  | 'list'
  | 'count'
  | 'create'
  | 'update'
  | 'archive'
  | 'restore'
  | 'delete'
  | 'history'
>;

/** The segment calls a client offers. */
export type SegmentsClient = Pick<
  SegmentsApi,
  | 'get'
  | 'list'
  | 'create'
  | 'update'
  | 'archive'
  | 'restore'
  | 'count'
  | 'members'
  | 'isMember'
  | 'explain'
  | 'add'
  | 'remove'
>;

/** The pipeline calls a client offers: stage moves under the stage rules, history, the rules themselves. */
export type DealStagesClient = Pick<DealStagesApi, 'move' | 'history' | 'timeInStages' | 'idle' | 'rules'>;

/** The custom field definitions a client can read (defining them stays with the host's server). */
export type CustomFieldsClient = Pick<CustomFieldsApi, 'get' | 'list'>;

/** The forecast a client can read. */
export type ForecastClient = Pick<ForecastApi, 'byPeriod'>;

/** Any event of the CRM's bus, as a client receives it (always of the client's own tenant). */
export type CrmClientEvent = CrmEvents[keyof CrmEvents];

/**
 * One tenant's CRM as an actor sees it, the same whether it runs in process (`localClient`) or behind
 * a host's server (`remoteClient`), so screens and hooks work against either.
 *
 * @example
 * ```ts
 * const client: CrmClient = localClient(crm, { tenantId: 'acme', actor: { id: 'u1' } });
 * const page = await client.people.list({ limit: 20 });
 * const stop = client.subscribe((event) => console.log(event.type));
 * ```
 */
export interface CrmClient {
  readonly companies: RecordsClient<'company'>;
  readonly people: RecordsClient<'person'>;
  readonly deals: RecordsClient<'deal'>;
  readonly activities: RecordsClient<'activity'>;
  readonly tasks: RecordsClient<'task'>;
  readonly products: RecordsClient<'product'>;
  readonly orders: RecordsClient<'order'>;
  readonly members: RecordsClient<'member'>;
  readonly tags: RecordsClient<'tag'>;
  readonly pipelines: RecordsClient<'pipeline'>;
  readonly segments: SegmentsClient;
  readonly dealStages: DealStagesClient;
  readonly customFields: CustomFieldsClient;
  readonly forecast: ForecastClient;
  /**
   * Calls `listener` with every event of the client's tenant after it commits; returns the unsubscribe.
   * `options.onGap` is called when events may have been missed (a remote client's stream dropped and
   * reconnected): whatever the caller shows should be read again.
   */
  subscribe(listener: (event: CrmClientEvent) => void, options?: SubscribeOptions): () => void;
}

/** Options of {@link CrmClient.subscribe}. */
export interface SubscribeOptions {
  /** Events may have been missed since the last one delivered: read again what depends on them. */
  readonly onGap?: () => void;
}
