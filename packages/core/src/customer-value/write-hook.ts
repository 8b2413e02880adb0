import type { WriteHook, WrittenRecord } from '../records/write-hooks';
import { loadSettings } from '../settings/settings-rows';
import { breakpointsOf } from './breakpoints';
import type { CustomerEntity } from './customer-kinds';
import { customerEntities, customerKinds, isCustomerEntity } from './customer-kinds';
import type { CustomerValueState } from './customer-value-table';
import { loadCustomerValue } from './customer-value-table';
import type { TierChange } from './recompute-customers';
import { lockCustomers, recomputeCustomers } from './recompute-customers';
import { publishTierEvents, writeTierEvents } from './tier-events';
import { loadTierContext, resolveTiers } from './tier-filters';

/** The order fields RFM values read: an update that changes none of them changes no RFM value. */
const valueFields = ['personId', 'companyId', 'orderedAt', 'type', 'status', 'total', 'currency'] as const;

/** The customers a batch of writes concerns, by entity. */
interface Affected {
  /** Customers with an order written: their RFM values may change, and their rows are locked first. */
  readonly ordersOf: Record<CustomerEntity, Set<string>>;
  /** Customers written themselves: only their tier may change. */
  readonly written: Record<CustomerEntity, Set<string>>;
}

function changesValue(write: WrittenRecord): boolean {
  if (write.action !== 'updated') return true;
  return valueFields.some((field) => write.before?.[field] !== write.after?.[field]);
}

function affectedBy(writes: readonly WrittenRecord[], state: CustomerValueState): Affected {
  const hasTiers = (entity: CustomerEntity) => state.config.tiers[entity].length > 0;
  const affected: Affected = {
    ordersOf: { person: new Set(), company: new Set() },
    written: { person: new Set(), company: new Set() },
  };
  const add = (set: Set<string>, id: unknown) => {
    if (typeof id === 'string') set.add(id);
  };
  for (const write of writes) {
    if (write.entity === 'order') {
      // Tiers may read any field of a customer's orders; RFM values only some.
      for (const entity of customerEntities) {
        if (!changesValue(write) && !hasTiers(entity)) continue;
        const field = entity === 'person' ? 'personId' : 'companyId';
        add(affected.ordersOf[entity], write.before?.[field]);
        add(affected.ordersOf[entity], write.after?.[field]);
      }
    } else if (isCustomerEntity(write.entity) && write.after !== undefined && hasTiers(write.entity)) {
      add(affected.written[write.entity], write.after.id);
    }
  }
  return affected;
}

const isRelevant = (write: WrittenRecord) => write.entity === 'order' || isCustomerEntity(write.entity);

/**
 * Keeps customer value current in the transaction of every write of orders, people and companies, once a
 * tenant has configured it: the customers of a written order get their raw values recounted from their
 * orders, rescored against the stored breakpoints and re-tiered; a written person or company is re-tiered.
 * Tier changes go to the outbox with the write, and on the bus after commit.
 *
 * @example
 * ```ts
 * const runtime: CrmRuntime = { ...rest, writeHooks: [customerValueWriteHook] };
 * ```
 */
export const customerValueWriteHook: WriteHook = async ({ tx, runtime, context, at, writes }) => {
  if (!writes.some(isRelevant)) return undefined;
  const { tenantId } = context;
  const first = await loadCustomerValue(tx, tenantId);
  if (first === undefined) return undefined;
  const affected = affectedBy(writes, first);
  const isNone = customerEntities.every(
    (entity) => affected.ordersOf[entity].size === 0 && affected.written[entity].size === 0,
  );
  if (isNone) return undefined;
  let locked = 0;
  for (const entity of customerEntities)
    locked += await lockCustomers(tx, tenantId, customerKinds[entity], affected.ordersOf[entity], at);
  // Read again once the customers are locked: a refresh that committed meanwhile left new breakpoints.
  const state = locked > 0 ? ((await loadCustomerValue(tx, tenantId)) ?? first) : first;
  const settings = await loadSettings(tx, tenantId);
  const tierContext = await loadTierContext(tx, tenantId, settings, runtime.now(), [
    state.config.tiers.person,
    state.config.tiers.company,
  ]);
  const tierChanges: TierChange[] = [];
  // People first: a company's tier may read its people's values.
  for (const entity of customerEntities) {
    const ids = [...affected.ordersOf[entity], ...affected.written[entity]];
    if (ids.length === 0) continue;
    const scope = {
      tx,
      tenantId,
      config: state.config,
      breakpoints: breakpointsOf(state.breakpoints, entity),
      tiers: resolveTiers(state.config.tiers[entity], tierContext.of(entity)),
      timeZone: settings.timeZone,
      at,
    };
    const result = await recomputeCustomers(scope, { kind: customerKinds[entity], ids, write: true });
    tierChanges.push(...result.tierChanges);
  }
  const events = await writeTierEvents(tx, context, at, tierChanges);
  return events.length === 0 ? undefined : () => publishTierEvents(runtime, events);
};
