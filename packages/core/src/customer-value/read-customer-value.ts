import { RapportError } from '../errors/rapport-error';
import { todayIn } from '../filter/local-calendar';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import { loadSettings } from '../settings/settings-rows';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { Row } from '../storage/schema';
import { orderDay } from './breakpoints';
import type { CustomerEntity } from './customer-kinds';
import { customerEntities, customerKinds } from './customer-kinds';
import { loadCustomerValue } from './customer-value-table';
import type { RfmSegment } from './rfm-segments';
import { computedAtColumn, valueColumnsOf } from './value-columns';

/**
 * The customer value of one person or company, as `customerValue.get` reads it.
 *
 * @example
 * ```ts
 * const value: CustomerValue = {
 *   entity: 'person', id, lastOrderAt: '2025-01-10T10:00:00.000Z', recencyDays: 5, orderCount: 4, total: 90_000,
 *   currency: 'EUR', recency: 5, frequency: 4, monetary: 5, score: '545', segment: 'champions', tier: 'A',
 *   computedAt: '2025-01-10T10:00:00.000Z',
 * };
 * ```
 */
export interface CustomerValue {
  readonly entity: CustomerEntity;
  readonly id: string;
  /** The instant of the last counting order; null without one. */
  readonly lastOrderAt: string | null;
  /** Whole days from the day of the last order to today, in the tenant's calendar; null without an order. */
  readonly recencyDays: number | null;
  /** How many counting orders (0 without one). */
  readonly orderCount: number;
  /** The sum of counting orders in `currency`, in minor units (0 without one). */
  readonly total: number;
  readonly currency: string;
  /** Scores from 1 to 5; null without a counting order. */
  readonly recency: number | null;
  readonly frequency: number | null;
  readonly monetary: number | null;
  /** The three scores as one text, `'545'`. */
  readonly score: string | null;
  readonly segment: RfmSegment | null;
  /** The key of the customer's tier, or null when no tier's filter holds. */
  readonly tier: string | null;
  /** When these values were last computed; null before customer value was configured. */
  readonly computedAt: string | null;
}

const dayLength = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / dayLength);
}

/** The stored person or company with this id that the caller may read, or NOT_FOUND. */
async function findCustomer(
  runtime: CrmRuntime,
  context: CrmContext,
  id: string,
): Promise<{ entity: CustomerEntity; row: Row }> {
  for (const entity of customerEntities) {
    const row = await runtime.storage.findById({
      table: customerKinds[entity].table,
      tenantId: context.tenantId,
      id,
    });
    if (row === undefined) continue;
    const scope = runtime.access.readScope({ context, entity });
    if (scope === undefined || evaluateCondition(scope, row)) return { entity, row };
  }
  throw new RapportError('NOT_FOUND', `No person or company with id ${id}`, { details: { id } });
}

/** Reads the customer value of a person or a company. */
export async function readCustomerValue(
  runtime: CrmRuntime,
  context: CrmContext,
  id: string,
): Promise<CustomerValue> {
  const { entity, row } = await findCustomer(runtime, context, id);
  const [settings, state] = await Promise.all([
    loadSettings(runtime.storage, context.tenantId),
    loadCustomerValue(runtime.storage, context.tenantId),
  ]);
  const values = valueColumnsOf(row);
  const lastOrderAt = values.rfm_last_order_at;
  return {
    entity,
    id,
    lastOrderAt,
    recencyDays:
      lastOrderAt === null
        ? null
        : daysBetween(orderDay(lastOrderAt, settings.timeZone), todayIn(runtime.now(), settings.timeZone)),
    orderCount: values.rfm_order_count ?? 0,
    total: values.rfm_total ?? 0,
    currency: state?.config.currency ?? settings.defaultCurrency,
    recency: values.rfm_recency,
    frequency: values.rfm_frequency,
    monetary: values.rfm_monetary,
    score: values.rfm_score,
    segment: values.rfm_segment as RfmSegment | null,
    tier: values.value_tier,
    computedAt: (row[computedAtColumn] as string | null | undefined) ?? null,
  };
}
