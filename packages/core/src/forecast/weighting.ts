import type { ForecastCategory } from './forecast-category';

const millionths = 1_000_000n;

/**
 * A deal's weighted amount in minor units: `amount × probability`, the probability first taken to the
 * nearest millionth, the product rounded to the nearest minor unit with halves away from zero, in integer
 * arithmetic (no float ever holds money). Totals are sums of these per-deal amounts, so each deal's share
 * of a total can be shown and adds up exactly.
 *
 * @example
 * ```ts
 * weightedAmount(10_000, 0.3); // 3_000
 * weightedAmount(333, 0.15); // 50 (49.95 rounds up)
 * weightedAmount(5, 0.5); // 3 (2.5 rounds away from zero)
 * ```
 */
export function weightedAmount(amount: number, probability: number): number {
  const product = BigInt(amount) * BigInt(Math.round(probability * 1_000_000));
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude + millionths / 2n) / millionths;
  return Number(product < 0n ? -rounded : rounded);
}

/** What a forecast needs to know of a deal's stage. */
export interface StageForecast {
  readonly probability: number;
  readonly category: ForecastCategory;
}

/** The deal fields a forecast weighs. */
export interface WeighedDeal {
  readonly status: string;
  readonly probability: number | null;
}

/**
 * Where a deal counts and with what probability. A won deal is `closed` at 100% and a lost one `omitted`
 * at 0%, whatever their stage says; an open deal takes its stage's category (`pipeline` without a known
 * stage) and its own probability when set, else its stage's, else 0.
 *
 * @example
 * ```ts
 * dealForecast({ status: 'open', probability: null }, { probability: 0.4, category: 'best_case' });
 * // { category: 'best_case', probability: 0.4 }
 * ```
 */
export function dealForecast(
  deal: WeighedDeal,
  stage: StageForecast | undefined,
): { category: ForecastCategory; probability: number } {
  if (deal.status === 'won') return { category: 'closed', probability: 1 };
  if (deal.status === 'lost') return { category: 'omitted', probability: 0 };
  return {
    category: stage?.category ?? 'pipeline',
    probability: deal.probability ?? stage?.probability ?? 0,
  };
}
