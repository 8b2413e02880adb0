import { RapportError } from '../errors/rapport-error';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { checkId } from '../records/load-current';
import type { CrmRuntime } from '../records/runtime';
import { writeJournal } from '../records/write-journal';
import { writeConfigRow } from '../settings/config-row';
import { loadSettings } from '../settings/settings-rows';
import type { StorageWriter } from '../storage/adapter';
import type { StoredBreakpoints } from './breakpoints';
import { checkConfig } from './check-config';
import type { CustomerValueConfig, CustomerValueInput } from './customer-value-config';
import { unconfigured } from './customer-value-config';
import {
  customerValueRow,
  customerValueRowId,
  customerValueTable,
  loadCustomerValue,
} from './customer-value-table';
import type { CustomerValue } from './read-customer-value';
import { readCustomerValue } from './read-customer-value';
import type { RecomputedEveryone, RefreshedKind } from './recompute-everyone';
import { recomputeEveryone } from './recompute-everyone';
import { publishTierEvents, writeTierEvents } from './tier-events';

/**
 * What a refresh did.
 *
 * @example
 * ```ts
 * const { at, people, companies, tierChanges } = await crm.customerValue.refresh();
 * ```
 */
export interface RefreshResult {
  /** The instant the breakpoints were computed at. */
  readonly at: string;
  readonly people: RefreshedKind;
  readonly companies: RefreshedKind;
  /** How many customers changed tier (each got a `customer.tierChanged` event). */
  readonly tierChanges: number;
}

const configFields = ['orderTypes', 'currency', 'tiers'] as const;

function versionConflict(expected: number, actual: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `The customer value configuration is at version ${actual}, not ${expected}: reload and retry`,
    { details: { entity: 'customerValue', expected, actual } },
  );
}

/**
 * Customer value of one tenant: RFM scores of people and companies over their orders, and tiers defined
 * by filters. Off until configured; from then on every write of an order, person or company keeps it
 * current in its own transaction, and `refresh()` (run nightly by the host) recomputes the quintile
 * breakpoints and rescores everyone. See `docs/customer-value.md`.
 *
 * @example
 * ```ts
 * const acme = crm.as({ tenantId: 'acme', actor: { id: 'admin', kind: 'system' } });
 * await acme.customerValue.configure(
 *   { orderTypes: ['sale'], tiers: { person: [{ key: 'A', filter: { field: 'rfm.segment', op: 'eq', value: 'champions' } }] } },
 *   { version: 0 },
 * );
 * const champions = await acme.people.list({ where: { field: 'rfm.segment', op: 'eq', value: 'champions' } });
 * ```
 */
export class CustomerValueApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * The tenant's configuration; at version 0, with every order type counting, the tenant's default
   * currency and no tiers, until first configured.
   *
   * @example
   * ```ts
   * const { version, tiers } = await crm.customerValue.configuration();
   * ```
   */
  async configuration(): Promise<CustomerValueConfig> {
    const { storage } = this.#runtime;
    const state = await loadCustomerValue(storage, this.#context.tenantId);
    if (state !== undefined) return state.config;
    return unconfigured((await loadSettings(storage, this.#context.tenantId)).defaultCurrency);
  }

  /**
   * Replaces the configuration, with the version the caller read (0 the first time), and recomputes every
   * customer's values, breakpoints and tier in the same transaction. Bad input throws VALIDATION_FAILED
   * with every issue at its path (a tier filter's at `['tiers', 'person', 0, 'filter', ...]`) and changes
   * nothing; a stale version throws VERSION_CONFLICT.
   *
   * @example
   * ```ts
   * await crm.customerValue.configure({
   *   orderTypes: ['sale', 'subscription'],
   *   tiers: {
   *     company: [
   *       { key: 'key_account', filter: { field: 'custom.keyAccount', op: 'eq', value: true } },
   *       { key: 'A', filter: { field: 'rfm.monetary', op: 'gte', value: 4 } },
   *       { key: 'B', filter: { field: 'rfm.monetary', op: 'gte', value: 2 } },
   *       { key: 'C', filter: { field: 'rfm.orderCount', op: 'gte', value: 1 } },
   *     ],
   *   },
   * }, { version: 0 });
   * ```
   */
  async configure(
    input: CustomerValueInput,
    options: { readonly version: number },
  ): Promise<CustomerValueConfig> {
    if (!Number.isInteger(options?.version)) {
      throw new RapportError(
        'MISUSE',
        'customerValue.configure(config, { version }) needs the version the caller read',
      );
    }
    const runtime = this.#runtime;
    const { tenantId } = this.#context;
    const now = runtime.now();
    const at = now.toISOString();
    const settings = await loadSettings(runtime.storage, tenantId);
    const checked = await checkConfig(runtime.storage, tenantId, settings, now, input);
    const { config, events } = await runtime.storage.transaction(async (tx) => {
      const current = await loadCustomerValue(tx, tenantId);
      const currentVersion = current?.config.version ?? 0;
      if (currentVersion !== options.version) throw versionConflict(options.version, currentVersion);
      const next: CustomerValueConfig = { ...checked, version: currentVersion + 1, updatedAt: at };
      const everyone = await recomputeEveryone({ tx, tenantId, config: next, settings, now });
      await this.#store(tx, current?.config, next, everyone.breakpoints, at);
      return { config: next, events: await writeTierEvents(tx, this.#context, at, everyone.tierChanges) };
    });
    publishTierEvents(runtime, events);
    return config;
  }

  /**
   * Recomputes the quintile breakpoints from everyone's orders and rescores and re-tiers every person and
   * company, in one transaction; tier filters with relative times (`inLast 90 days`) move on with it. A
   * host runs it nightly. Throws MISUSE before the tenant has configured customer value.
   *
   * @example
   * ```ts
   * const { people } = await crm.customerValue.refresh();
   * console.log(people.customers, people.breakpoints?.monetary);
   * ```
   */
  async refresh(): Promise<RefreshResult> {
    const runtime = this.#runtime;
    const { tenantId } = this.#context;
    const now = runtime.now();
    const at = now.toISOString();
    const { result, events } = await runtime.storage.transaction(async (tx) => {
      const state = await loadCustomerValue(tx, tenantId);
      if (state === undefined) {
        throw new RapportError(
          'MISUSE',
          'Configure customer value (customerValue.configure) before refreshing it',
        );
      }
      const settings = await loadSettings(tx, tenantId);
      const everyone = await recomputeEveryone({ tx, tenantId, config: state.config, settings, now });
      await this.#storeBreakpoints(tx, state.config.version, everyone.breakpoints);
      return {
        result: summary(at, everyone),
        events: await writeTierEvents(tx, this.#context, at, everyone.tierChanges),
      };
    });
    publishTierEvents(runtime, events);
    return result;
  }

  /**
   * The customer value of a person or a company: raw values, days since the last order in the tenant's
   * calendar, scores, named group and tier. Scores are null for a customer without a counting order.
   * Throws NOT_FOUND when neither a person nor a company the caller may read has the id.
   *
   * @example
   * ```ts
   * const value = await crm.customerValue.get(person.id);
   * value.score; // '545'
   * value.segment; // 'champions'
   * value.tier; // 'A'
   * ```
   */
  async get(customerId: string): Promise<CustomerValue> {
    checkId(customerId);
    return readCustomerValue(this.#runtime, this.#context, customerId);
  }

  /**
   * The breakpoints of the last refresh (or configure), or null before the first one.
   *
   * @example
   * ```ts
   * const breakpoints = await crm.customerValue.breakpoints();
   * breakpoints?.person?.frequency; // [1, 2, 3, 6]
   * ```
   */
  async breakpoints(): Promise<StoredBreakpoints | null> {
    return (await loadCustomerValue(this.#runtime.storage, this.#context.tenantId))?.breakpoints ?? null;
  }

  /** Writes a new configuration with its breakpoints, and its audit entry. */
  async #store(
    tx: StorageWriter,
    before: CustomerValueConfig | undefined,
    next: CustomerValueConfig,
    breakpoints: StoredBreakpoints,
    at: string,
  ): Promise<void> {
    const { tenantId } = this.#context;
    const row = customerValueRow(tenantId, next, breakpoints, at);
    await writeConfigRow(tx, {
      table: customerValueTable.name,
      row,
      expected: before?.version ?? 0,
      conflict: versionConflict,
    });
    const changes = Object.fromEntries(
      configFields
        .filter((field) => !jsonEqual(before?.[field] ?? null, next[field]))
        .map((field) => [field, { before: before?.[field] ?? null, after: next[field] }]),
    );
    await writeJournal(tx, this.#context, at, [
      {
        entity: 'customerValue',
        action: before === undefined ? 'created' : 'updated',
        recordId: customerValueRowId,
        version: next.version,
        changes,
        record: { ...next },
      },
    ]);
  }

  /** Stores a refresh's breakpoints, if the configuration it used is still the stored one. */
  async #storeBreakpoints(tx: StorageWriter, version: number, breakpoints: StoredBreakpoints): Promise<void> {
    const count = await tx.update({
      table: customerValueTable.name,
      tenantId: this.#context.tenantId,
      id: customerValueRowId,
      expectedVersion: version,
      values: { breakpoints },
    });
    // The configuration changed while the refresh ran: its values were computed with the old one.
    if (count === 0) throw versionConflict(version, version + 1);
  }
}

function summary(at: string, everyone: RecomputedEveryone): RefreshResult {
  return {
    at,
    people: everyone.people,
    companies: everyone.companies,
    tierChanges: everyone.tierChanges.length,
  };
}
