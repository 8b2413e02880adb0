import { allOf, archivedIs, columnIn, textColumn } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { Condition, OrderTerm } from '../storage/condition';
import type { Row } from '../storage/schema';
import type { CustomerKind } from './customer-kinds';
import type { CustomerValueConfig } from './customer-value-config';

/** What a customer's counting orders add up to: the inputs of its RFM scores. */
export interface RawValues {
  /** The `orderedAt` of the last counting order. */
  readonly lastOrderAt: string;
  readonly orderCount: number;
  /** The sum of the totals of counting orders in the configured currency, in minor units. */
  readonly total: number;
}

// Ids per `in` list: long enough to read a page of customers' orders in one statement, short enough for
// every engine's parameter limit.
const idsPerRead = 500;

/**
 * Orders by customer and date: the order of the `(tenant_id, <customer>_id, ordered_at)` index, so that
 * SQLite reads the customers' orders through it rather than walking the whole tenant in primary key order,
 * which it prefers for an unordered read when it has no statistics.
 */
function byCustomer(kind: CustomerKind): OrderTerm[] {
  return [
    { field: textColumn(kind.orderColumn), direction: 'asc' },
    { field: { operand: { kind: 'column', column: 'ordered_at' }, type: 'timestamp' }, direction: 'asc' },
  ];
}

/**
 * The orders that count toward customer value: not archived, not cancelled, and of a counting type when
 * the tenant lists the types that count.
 *
 * @example
 * ```ts
 * countingOrders({ ...config, orderTypes: ['sale'] }); // archived_at is null and status <> 'cancelled' and type in ('sale')
 * ```
 */
export function countingOrders(config: Pick<CustomerValueConfig, 'orderTypes'>): Condition {
  const notCancelled: Condition = {
    kind: 'compare',
    field: textColumn('status'),
    op: 'ne',
    value: 'cancelled',
    caseInsensitive: false,
  };
  const types = config.orderTypes === null ? undefined : columnIn('type', config.orderTypes);
  return allOf(archivedIs(false), notCancelled, types) as Condition;
}

/**
 * Adds up counting orders by customer. Every counting order adds to the count and the last order date;
 * only orders in `currency` add to the total, as no exchange rate is assumed.
 *
 * @example
 * ```ts
 * rawValuesOf(orderRows, 'person_id', 'EUR').get(personId); // { lastOrderAt, orderCount: 3, total: 12_500 }
 * ```
 */
export function rawValuesOf(
  orders: Iterable<Row>,
  orderColumn: CustomerKind['orderColumn'],
  currency: string,
): Map<string, RawValues> {
  const byCustomer = new Map<string, RawValues>();
  for (const order of orders) {
    const customerId = order[orderColumn];
    if (typeof customerId !== 'string') continue;
    const orderedAt = order.ordered_at as string;
    const amount = order.currency === currency ? (order.total as number) : 0;
    const counted = byCustomer.get(customerId);
    byCustomer.set(customerId, {
      lastOrderAt: counted === undefined || orderedAt > counted.lastOrderAt ? orderedAt : counted.lastOrderAt,
      orderCount: (counted?.orderCount ?? 0) + 1,
      total: (counted?.total ?? 0) + amount,
    });
  }
  return byCustomer;
}

/**
 * Reads the counting orders of some customers of one kind and adds them up. Customers without a counting
 * order are missing from the result.
 *
 * @example
 * ```ts
 * const raw = await readRawValues(tx, tenantId, customerKinds.person, [annId, bobId], config);
 * ```
 */
export async function readRawValues(
  reader: StorageReader,
  tenantId: string,
  kind: CustomerKind,
  ids: readonly string[],
  config: Pick<CustomerValueConfig, 'orderTypes' | 'currency'>,
): Promise<Map<string, RawValues>> {
  const counting = countingOrders(config);
  const orders: Row[] = [];
  for (let start = 0; start < ids.length; start += idsPerRead) {
    const where = allOf(columnIn(kind.orderColumn, ids.slice(start, start + idsPerRead)), counting);
    orders.push(
      ...(await reader.findMany({
        table: 'orders',
        tenantId,
        ...(where ? { where } : {}),
        orderBy: byCustomer(kind),
      })),
    );
  }
  return rawValuesOf(orders, kind.orderColumn, config.currency);
}
