import { todayIn } from '../filter/local-calendar';
import type { CustomerEntity } from './customer-kinds';
import type { QuintileEdges } from './quintiles';
import { quintileEdges } from './quintiles';
import type { RawValues } from './raw-values';

/**
 * The quintile edges of one kind of customer, from its population at the last refresh: the customers with
 * at least one counting order, archived ones left out. Recency edges are days of the tenant's calendar
 * (`YYYY-MM-DD`, the day of a customer's last order), so a score compares the day of the last order, not a
 * count of days that grows while the edges stand still.
 *
 * @example
 * ```ts
 * const breakpoints: Breakpoints = {
 *   customers: 5,
 *   recency: ['2024-10-05', '2024-12-20', '2025-01-12', '2025-01-14'],
 *   frequency: [2, 2, 3, 5],
 *   monetary: [6_000, 10_000, 20_000, 50_000],
 * };
 * ```
 */
export interface Breakpoints {
  /** How many customers the edges were taken from. */
  readonly customers: number;
  readonly recency: QuintileEdges<string>;
  readonly frequency: QuintileEdges<number>;
  readonly monetary: QuintileEdges<number>;
}

/**
 * The breakpoints a refresh stored; null for a kind of customer that had nobody with orders.
 *
 * @example
 * ```ts
 * const stored = await crm.customerValue.breakpoints();
 * stored?.person?.monetary; // [6_000, 10_000, 20_000, 50_000]
 * ```
 */
export interface StoredBreakpoints {
  /** When they were computed. */
  readonly at: string;
  readonly person: Breakpoints | null;
  readonly company: Breakpoints | null;
}

/**
 * The calendar day (`YYYY-MM-DD`) an order instant falls on in the tenant's time zone: the recency a score
 * compares.
 *
 * @example
 * ```ts
 * orderDay('2025-01-15T23:30:00.000Z', 'Europe/Paris'); // '2025-01-16'
 * ```
 */
export function orderDay(instant: string, timeZone: string): string {
  // UTC days are the instant's own first ten characters.
  return timeZone === 'UTC' ? instant.slice(0, 10) : todayIn(new Date(instant), timeZone);
}

/**
 * Collects the population of one kind of customer, a customer at a time, and takes its quintile edges.
 *
 * @example
 * ```ts
 * const population = createPopulation('Europe/Paris');
 * for (const raw of rawValues) population.add(raw);
 * population.breakpoints(); // { customers: 2, recency: [...], frequency: [...], monetary: [...] }
 * ```
 */
export function createPopulation(timeZone: string): {
  add(raw: RawValues): void;
  breakpoints(): Breakpoints | null;
} {
  const days: string[] = [];
  const counts: number[] = [];
  const totals: number[] = [];
  return {
    add(raw) {
      days.push(orderDay(raw.lastOrderAt, timeZone));
      counts.push(raw.orderCount);
      totals.push(raw.total);
    },
    breakpoints() {
      const recency = quintileEdges(days);
      const frequency = quintileEdges(counts);
      const monetary = quintileEdges(totals);
      if (recency === undefined || frequency === undefined || monetary === undefined) return null;
      return { customers: days.length, recency, frequency, monetary };
    },
  };
}

/** The breakpoints of one customer entity, from stored breakpoints that may not exist yet. */
export function breakpointsOf(stored: StoredBreakpoints | null, entity: CustomerEntity): Breakpoints | null {
  return stored?.[entity] ?? null;
}
