import { pagesById } from '../records/pages-by-id';
import type { TenantSettings } from '../settings/tenant-settings';
import type { StorageWriter } from '../storage/adapter';
import type { Breakpoints, StoredBreakpoints } from './breakpoints';
import { createPopulation } from './breakpoints';
import type { CustomerEntity, CustomerKind } from './customer-kinds';
import { customerEntities, customerKinds } from './customer-kinds';
import type { CustomerValueConfig } from './customer-value-config';
import { readRawValues } from './raw-values';
import type { TierChange } from './recompute-customers';
import { lockCustomers, recomputeCustomers } from './recompute-customers';
import { loadTierContext, resolveTiers } from './tier-filters';

/**
 * What a refresh found and did for one kind of customer.
 *
 * @example
 * ```ts
 * const { people } = await crm.customerValue.refresh();
 * console.log(`${people.updated} of ${people.customers} people rescored`);
 * ```
 */
export interface RefreshedKind {
  /** The customers the breakpoints were taken from: those with a counting order, not archived. */
  readonly customers: number;
  /** The customers whose stored values changed. */
  readonly updated: number;
  readonly breakpoints: Breakpoints | null;
}

/** What recomputing everyone gives: the new breakpoints, a summary per kind, and the tier changes. */
export interface RecomputedEveryone {
  readonly breakpoints: StoredBreakpoints;
  readonly people: RefreshedKind;
  readonly companies: RefreshedKind;
  readonly tierChanges: readonly TierChange[];
}

/** What recomputing everyone works with. */
export interface EveryoneScope {
  readonly tx: StorageWriter;
  readonly tenantId: string;
  readonly config: CustomerValueConfig;
  readonly settings: TenantSettings;
  readonly now: Date;
}

const pageSize = 500;

/** The quintile edges of one kind of customer, from the counting orders of every customer in pages. */
async function breakpointsFor(scope: EveryoneScope, kind: CustomerKind): Promise<Breakpoints | null> {
  const population = createPopulation(scope.settings.timeZone);
  for await (const page of pagesById({
    reader: scope.tx,
    table: kind.table,
    tenantId: scope.tenantId,
    pageSize,
  })) {
    const live = page.filter((row) => row.archived_at === null).map((row) => row.id as string);
    const raw = await readRawValues(scope.tx, scope.tenantId, kind, live, scope.config);
    for (const values of raw.values()) population.add(values);
  }
  return population.breakpoints();
}

/**
 * Recomputes every customer of one kind against new breakpoints, a page at a time: a first look finds the
 * customers whose values change, then those are locked and recomputed for good, so an order written
 * concurrently (on a server) is counted rather than overwritten by a value read before it.
 */
async function recomputeKind(
  scope: EveryoneScope,
  entity: CustomerEntity,
  breakpoints: Breakpoints | null,
): Promise<{ updated: number; tierChanges: TierChange[] }> {
  const kind = customerKinds[entity];
  const at = scope.now.toISOString();
  const tierContext = await loadTierContext(scope.tx, scope.tenantId, scope.settings, scope.now, [
    scope.config.tiers[entity],
  ]);
  const recomputeScope = {
    tx: scope.tx,
    tenantId: scope.tenantId,
    config: scope.config,
    breakpoints,
    tiers: resolveTiers(scope.config.tiers[entity], tierContext.of(entity)),
    timeZone: scope.settings.timeZone,
    at,
  };
  let updated = 0;
  const tierChanges: TierChange[] = [];
  for await (const page of pagesById({
    reader: scope.tx,
    table: kind.table,
    tenantId: scope.tenantId,
    pageSize,
  })) {
    const ids = page.map((row) => row.id as string);
    const { changed } = await recomputeCustomers(recomputeScope, { kind, ids, write: false });
    if (changed.length === 0) continue;
    await lockCustomers(scope.tx, scope.tenantId, kind, changed, at);
    const result = await recomputeCustomers(recomputeScope, { kind, ids: changed, write: true });
    updated += result.changed.length;
    tierChanges.push(...result.tierChanges);
  }
  return { updated, tierChanges };
}

/**
 * Recomputes the customer value of every person and company of a tenant inside the caller's transaction:
 * raw values from the orders, quintile breakpoints from everyone with orders, scores, and tiers. People
 * go first, as a company's tier may read its people's values. Writes only the customers that change.
 *
 * @example
 * ```ts
 * const result = await recomputeEveryone({ tx, tenantId, config, settings, now: new Date() });
 * result.people.breakpoints?.monetary; // [12_000, 30_000, 55_000, 120_000]
 * ```
 */
export async function recomputeEveryone(scope: EveryoneScope): Promise<RecomputedEveryone> {
  const at = scope.now.toISOString();
  const kinds = {} as Record<CustomerEntity, RefreshedKind>;
  const tierChanges: TierChange[] = [];
  for (const entity of customerEntities) {
    const breakpoints = await breakpointsFor(scope, customerKinds[entity]);
    const result = await recomputeKind(scope, entity, breakpoints);
    kinds[entity] = { customers: breakpoints?.customers ?? 0, updated: result.updated, breakpoints };
    tierChanges.push(...result.tierChanges);
  }
  return {
    breakpoints: { at, person: kinds.person.breakpoints, company: kinds.company.breakpoints },
    people: kinds.person,
    companies: kinds.company,
    tierChanges,
  };
}
