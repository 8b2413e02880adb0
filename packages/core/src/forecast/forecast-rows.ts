import { forecastCategories } from '../entities/pipeline';
import type { ForecastCategory } from './forecast-category';
import type { ForecastPeriod } from './periods';

/** Counted deals and their sums, in minor units of one currency. */
export interface ForecastAmounts {
  readonly dealCount: number;
  /** The sum of the deals' amounts. */
  readonly amount: number;
  /** The sum of the deals' weighted amounts (each rounded to a minor unit, see `weightedAmount`). */
  readonly weighted: number;
}

/**
 * The forecast of one period, group and currency. Its own amounts sum every category but `omitted`, which
 * is reported only in `categories`.
 *
 * @example
 * ```ts
 * const row: ForecastRow = {
 *   period: { key: '2025-03', start: '2025-03-01', end: '2025-04-01' },
 *   group: 'rep-1',
 *   currency: 'EUR',
 *   dealCount: 2, amount: 30_000, weighted: 19_000,
 *   categories: { pipeline: { dealCount: 1, amount: 10_000, weighted: 1_000 }, ... },
 * };
 * ```
 */
export interface ForecastRow extends ForecastAmounts {
  readonly period: ForecastPeriod;
  /** The owner's id or the team's name (null: no owner, no team, or no grouping). */
  readonly group: string | null;
  readonly currency: string;
  readonly categories: Readonly<Record<ForecastCategory, ForecastAmounts>>;
}

/** One deal's share of a forecast. */
export interface ForecastShare {
  readonly period: ForecastPeriod;
  readonly group: string | null;
  readonly currency: string;
  readonly category: ForecastCategory;
  readonly amount: number;
  readonly weighted: number;
}

interface MutableAmounts {
  dealCount: number;
  amount: number;
  weighted: number;
}

interface MutableRow extends MutableAmounts {
  readonly period: ForecastPeriod;
  readonly group: string | null;
  readonly currency: string;
  readonly categories: Record<ForecastCategory, MutableAmounts>;
}

const zero = (): MutableAmounts => ({ dealCount: 0, amount: 0, weighted: 0 });

function addTo(amounts: MutableAmounts, share: ForecastShare): void {
  amounts.dealCount += 1;
  amounts.amount += share.amount;
  amounts.weighted += share.weighted;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Period order, then groups by code point with the null group last, then currencies. */
function compareRows(a: ForecastRow, b: ForecastRow): number {
  if (a.period.start !== b.period.start) return compareText(a.period.start, b.period.start);
  if (a.group !== b.group) {
    if (a.group === null) return 1;
    if (b.group === null) return -1;
    return compareText(a.group, b.group);
  }
  return compareText(a.currency, b.currency);
}

/**
 * Running totals of a forecast by period, group and currency: deals are added one page at a time and only
 * the totals are kept. Currencies are never mixed: each has its own rows.
 *
 * @example
 * ```ts
 * const totals = new ForecastTotals();
 * totals.add({ period, group: 'rep-1', currency: 'EUR', category: 'commit', amount: 10_000, weighted: 8_000 });
 * totals.rows(); // [{ period, group: 'rep-1', currency: 'EUR', dealCount: 1, amount: 10_000, weighted: 8_000, categories }]
 * ```
 */
export class ForecastTotals {
  readonly #rows = new Map<string, MutableRow>();

  /** Adds one deal's share. */
  add(share: ForecastShare): void {
    const key = `${share.period.key}\u0000${share.group ?? ''}\u0000${share.group === null}\u0000${share.currency}`;
    let row = this.#rows.get(key);
    if (row === undefined) {
      const categories = Object.fromEntries(forecastCategories.map((category) => [category, zero()]));
      row = {
        period: share.period,
        group: share.group,
        currency: share.currency,
        ...zero(),
        categories: categories as Record<ForecastCategory, MutableAmounts>,
      };
      this.#rows.set(key, row);
    }
    addTo(row.categories[share.category], share);
    if (share.category !== 'omitted') addTo(row, share);
  }

  /** The rows so far, in period, group and currency order. */
  rows(): ForecastRow[] {
    return [...this.#rows.values()].sort(compareRows);
  }
}
