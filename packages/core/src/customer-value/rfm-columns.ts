import type { Breakpoints } from './breakpoints';
import { orderDay } from './breakpoints';
import { quintileScore } from './quintiles';
import type { RawValues } from './raw-values';
import { rfmSegmentOf } from './rfm-segments';
import type { ValueColumns } from './value-columns';

/** The RFM columns of a customer: everything but its tier. */
export type RfmColumns = Omit<ValueColumns, 'value_tier'>;

const noOrders: RfmColumns = {
  rfm_last_order_at: null,
  rfm_order_count: null,
  rfm_total: null,
  rfm_recency: null,
  rfm_frequency: null,
  rfm_monetary: null,
  rfm_score: null,
  rfm_segment: null,
};

/**
 * A customer's RFM columns: its raw values and their scores against the stored breakpoints, or all null
 * for a customer without a counting order (it gets no score).
 *
 * @example
 * ```ts
 * rfmColumns({ lastOrderAt: '2025-01-10T10:00:00.000Z', orderCount: 4, total: 90_000 }, breakpoints, 'UTC');
 * // { rfm_order_count: 4, rfm_recency: 5, rfm_frequency: 4, rfm_monetary: 5, rfm_score: '545', rfm_segment: 'champions', ... }
 * ```
 */
export function rfmColumns(
  raw: RawValues | undefined,
  breakpoints: Breakpoints | null,
  timeZone: string,
): RfmColumns {
  if (raw === undefined) return noOrders;
  const recency = quintileScore(orderDay(raw.lastOrderAt, timeZone), breakpoints?.recency);
  const frequency = quintileScore(raw.orderCount, breakpoints?.frequency);
  const monetary = quintileScore(raw.total, breakpoints?.monetary);
  return {
    rfm_last_order_at: raw.lastOrderAt,
    rfm_order_count: raw.orderCount,
    rfm_total: raw.total,
    rfm_recency: recency,
    rfm_frequency: frequency,
    rfm_monetary: monetary,
    rfm_score: `${recency}${frequency}${monetary}`,
    rfm_segment: rfmSegmentOf(recency, frequency, monetary),
  };
}
