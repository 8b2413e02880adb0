import { describe, expect, it } from 'vitest';
import type { ForecastShare } from './forecast-rows';
import { ForecastTotals } from './forecast-rows';
import { forecastPeriodOf } from './periods';

const march = forecastPeriodOf('2025-03-10', 'month', 1);
const april = forecastPeriodOf('2025-04-10', 'month', 1);

const share = (overrides: Partial<ForecastShare>): ForecastShare => ({
  period: march,
  group: 'rep-1',
  currency: 'EUR',
  category: 'pipeline',
  amount: 10_000,
  weighted: 1_000,
  ...overrides,
});

describe('ForecastTotals', () => {
  it('sums shares by category and leaves omitted deals out of the row totals', () => {
    const totals = new ForecastTotals();
    totals.add(share({}));
    totals.add(share({ category: 'commit', amount: 20_000, weighted: 18_000 }));
    totals.add(share({ category: 'omitted', amount: 5_000, weighted: 0 }));
    const [row] = totals.rows();
    expect(row).toMatchObject({ dealCount: 2, amount: 30_000, weighted: 19_000 });
    expect(row?.categories).toEqual({
      pipeline: { dealCount: 1, amount: 10_000, weighted: 1_000 },
      best_case: { dealCount: 0, amount: 0, weighted: 0 },
      commit: { dealCount: 1, amount: 20_000, weighted: 18_000 },
      closed: { dealCount: 0, amount: 0, weighted: 0 },
      omitted: { dealCount: 1, amount: 5_000, weighted: 0 },
    });
  });

  it('never mixes currencies, and orders rows by period, group (null last) and currency', () => {
    const totals = new ForecastTotals();
    totals.add(share({ period: april }));
    totals.add(share({ group: null, currency: 'USD' }));
    totals.add(share({ currency: 'USD' }));
    totals.add(share({ group: 'rep-0' }));
    totals.add(share({}));
    expect(totals.rows().map((row) => [row.period.key, row.group, row.currency, row.dealCount])).toEqual([
      ['2025-03', 'rep-0', 'EUR', 1],
      ['2025-03', 'rep-1', 'EUR', 1],
      ['2025-03', 'rep-1', 'USD', 1],
      ['2025-03', null, 'USD', 1],
      ['2025-04', 'rep-1', 'EUR', 1],
    ]);
  });

  it('keeps a group named by the empty string apart from no group', () => {
    const totals = new ForecastTotals();
    totals.add(share({ group: '' }));
    totals.add(share({ group: null }));
    expect(totals.rows().map((row) => row.group)).toEqual(['', null]);
  });
});
