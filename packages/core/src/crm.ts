import type { Emitter } from 'mitt';
import mitt from 'mitt';
import type { AccessPolicy } from './access/access-policy';
import { allowAll } from './access/access-policy';
import { AssignmentApi } from './assignment/assignment-api';
import type { AuditEntry } from './audit/audit-entry';
import type { AuditQuery } from './audit/audit-trail';
import { listAuditEntries } from './audit/audit-trail';
import type { AutomationHostOptions } from './automation/actions/action-types';
import { AutomationApi } from './automation/automation-api';
import { CustomFieldsApi } from './custom-fields/custom-fields-api';
import { CustomerValueApi } from './customer-value/customer-value-api';
import { customerValueWriteHook } from './customer-value/write-hook';
import { DuplicatesApi } from './duplicates/duplicates-api';
import { duplicatesWriteHook } from './duplicates/duplicates-write-hook';
import type { EntityName } from './entities/entity-name';
import { entityDef } from './entities/registry';
import { RapportError } from './errors/rapport-error';
import type { CrmEvents } from './events/crm-events';
import { FollowUpsApi } from './follow-ups/follow-ups-api';
import { followUpWriteHook } from './follow-ups/write-hook';
import { ForecastApi } from './forecast/forecast-api';
import { LeadsApi } from './leads/leads-api';
import { DealStagesApi } from './pipelines/deal-stages-api';
import { stageRulesWriteHook } from './pipelines/stage-rules-hook';
import type { ContextInput, CrmContext } from './records/context';
import { toContext } from './records/context';
import { Repository } from './records/repository';
import type { CrmRuntime } from './records/runtime';
import { FiltersApi } from './segments/filters-api';
import { segmentMembershipWriteHook } from './segments/record-membership';
import { SegmentsApi } from './segments/segments-api';
import { SettingsApi } from './settings/settings-api';
import type { StorageAdapter } from './storage/adapter';
import { rapportMigrations } from './storage/migrations';

/** What `createCrm` takes. */
export interface CrmOptions {
  /** Where records live: `memoryAdapter()`, `sqliteAdapter({ filename })`, ... */
  readonly storage: StorageAdapter;
  /** The access-check seam; allows everything when not given. */
  readonly access?: AccessPolicy;
  /** The clock; tests pass a controllable one. */
  readonly now?: () => Date;
  /** Apply pending schema migrations on start (default true). */
  readonly migrate?: boolean;
  /**
   * What automation actions call (senders by channel, webhook secrets by name, a coupon callback), and
   * how its jobs retry and its triggers read.
   *
   * @example
   * ```ts
   * createCrm({
   *   storage,
   *   automation: {
   *     channels: { email: (message) => mailer.send(message) },
   *     secrets: { hub: 's3cret' },
   *     jobs: { maxAttempts: 3, backoffMs: 10_000 },
   *     triggers: { lagMs: 30_000 },
   *   },
   * });
   * ```
   */
  readonly automation?: AutomationHostOptions;
}

/**
 * Everything one tenant and actor can do: a repository per entity, custom fields, settings, the audit
 * trail. Made by `crm.as(...)`; cheap to make per request.
 */
export interface CrmSession {
  readonly context: CrmContext;
  readonly companies: Repository<'company'>;
  readonly people: Repository<'person'>;
  readonly deals: Repository<'deal'>;
  readonly activities: Repository<'activity'>;
  readonly tasks: Repository<'task'>;
  readonly products: Repository<'product'>;
  readonly orders: Repository<'order'>;
  readonly members: Repository<'member'>;
  readonly tags: Repository<'tag'>;
  readonly pipelines: Repository<'pipeline'>;
  /** Deals in pipeline stages: moves by the stage rules, stage history, time in stage, idle deals, bypass. */
  readonly dealStages: DealStagesApi;
  readonly customFields: CustomFieldsApi;
  readonly settings: SettingsApi;
  /** RFM scores and tiers of people and companies, kept current and usable in filters. */
  readonly customerValue: CustomerValueApi;
  /** Saved segments (dynamic, static, snapshot): members, counts, membership and its events. */
  readonly segments: SegmentsApi;
  /** The filter language's tools beyond lists: `explain(entity, filter, record)`. */
  readonly filters: FiltersApi;
  /** Duplicate people and companies: matching rules checked on create, a scan, merges that can be undone. */
  readonly duplicates: DuplicatesApi;
  /** Follow-up cadences: tasks for the owner after a won deal or a fulfilled order. */
  readonly followUps: FollowUpsApi;
  /** The weighted sales forecast by month or fiscal quarter, owner or team, and forecast category. */
  readonly forecast: ForecastApi;
  /** Assignment rules (round robin, weighted, territory and skills, capacity) and their decision log. */
  readonly assignment: AssignmentApi;
  /** Leads: capture from any channel with matching, qualification, conversion, scoring with explanations. */
  readonly leads: LeadsApi;
  /** Automation rules: triggers, conditions with change operators, actions; explain and dry run. */
  readonly automation: AutomationApi;
  readonly audit: { list(query?: AuditQuery): Promise<AuditEntry[]> };
}

/** An embedded CRM over one store. */
export interface Crm {
  /**
   * A session as one tenant and actor. The host's own authentication decides both; no call made through
   * the session can reach another tenant's rows.
   */
  as(context: ContextInput): CrmSession;
  /** The typed event bus: `crm.events.on('person.created', (event) => ...)`. Events fire after commit. */
  readonly events: Emitter<CrmEvents>;
  readonly storage: StorageAdapter;
  /** Closes the store. */
  close(): Promise<void>;
}

function session(runtime: CrmRuntime, context: CrmContext): CrmSession {
  const repository = <E extends EntityName>(name: E) =>
    new Repository<E>({ runtime, context, entity: entityDef(name) });
  return {
    context,
    companies: repository('company'),
    people: repository('person'),
    deals: repository('deal'),
    activities: repository('activity'),
    tasks: repository('task'),
    products: repository('product'),
    orders: repository('order'),
    members: repository('member'),
    tags: repository('tag'),
    pipelines: repository('pipeline'),
    dealStages: new DealStagesApi(runtime, context),
    customFields: new CustomFieldsApi(runtime, context),
    settings: new SettingsApi(runtime, context),
    customerValue: new CustomerValueApi(runtime, context),
    segments: new SegmentsApi(runtime, context),
    filters: new FiltersApi(runtime, context),
    duplicates: new DuplicatesApi(runtime, context),
    followUps: new FollowUpsApi(runtime, context),
    forecast: new ForecastApi(runtime, context),
    assignment: new AssignmentApi(runtime, context),
    leads: new LeadsApi(runtime, context, (joined) => session(joined, context)),
    automation: new AutomationApi(runtime, context),
    audit: { list: (query) => listAuditEntries(runtime, context, query) },
  };
}

/**
 * Creates a CRM over a storage adapter and brings its schema up to date.
 *
 * @example
 * ```ts
 * import { createCrm } from '@rapport/core';
 * import { sqliteAdapter } from '@rapport/adapter-sqlite';
 *
 * const crm = await createCrm({ storage: sqliteAdapter({ filename: 'crm.db' }) });
 * const acme = crm.as({ tenantId: 'acme', actor: { id: 'user-1' } });
 * const person = await acme.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
 * ```
 */
export async function createCrm(options: CrmOptions): Promise<Crm> {
  if (typeof options?.storage?.transaction !== 'function') {
    throw new RapportError(
      'MISUSE',
      'createCrm({ storage }) needs a storage adapter, such as memoryAdapter() or sqliteAdapter({ filename })',
    );
  }
  if (options.migrate !== false) await options.storage.migrate({ migrations: rapportMigrations });
  const runtime = createCrmRuntime(options);
  return {
    as: (context) => session(runtime, toContext(context)),
    events: runtime.events,
    storage: runtime.storage,
    close: () => runtime.storage.close(),
  };
}

/**
 * The runtime a CRM's sessions share (storage, access, bus, clock, write hooks, automation host options),
 * without migrating: for workers and tests that call module functions such as `executeAction` directly.
 *
 * @example
 * ```ts
 * const runtime = createCrmRuntime({ storage, now: clock.now, automation: { channels } });
 * ```
 */
export function createCrmRuntime(options: CrmOptions): CrmRuntime {
  return {
    storage: options.storage,
    access: options.access ?? allowAll,
    events: mitt<CrmEvents>(),
    now: options.now ?? (() => new Date()),
    // The refusing hooks first (stage rules, then duplicates), so a refused write rolls back before the
    // others do any work. Follow-up tasks before segments, and segments last: membership events see what
    // the hooks before them wrote.
    writeHooks: [
      stageRulesWriteHook,
      duplicatesWriteHook,
      customerValueWriteHook,
      followUpWriteHook,
      segmentMembershipWriteHook,
    ],
    ...(options.automation === undefined ? {} : { automation: options.automation }),
  };
}
