import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { ForecastRow } from '../../forecast/forecast-rows';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError } from './harness';

/**
 * Two pipelines whose stages cover every forecast category (named, and defaulted from the kind), and
 * deals across months, owners, teams and currencies, with and without their own probability; a deal
 * without an expected close date and an archived one, which no period counts.
 */
async function seedForecast(s: CrmSession) {
  await s.members.createMany([
    { id: 'rep-1', name: 'Rep One', team: 'East' },
    { id: 'rep-2', name: 'Rep Two', team: 'West' },
    { id: 'rep-3', name: 'Rep Three' },
  ]);
  const newBusiness = await s.pipelines.create({
    name: 'New business',
    stages: [
      { id: 'qualify', name: 'Qualify', probability: 0.1 },
      { id: 'propose', name: 'Propose', probability: 0.5, forecastCategory: 'best_case' },
      { id: 'negotiate', name: 'Negotiate', probability: 0.8, forecastCategory: 'commit' },
      { id: 'won', name: 'Won', probability: 1, kind: 'won' },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
  } as never);
  const renewals = await s.pipelines.create({
    name: 'Renewals',
    stages: [{ id: 'renewing', name: 'Renewing', probability: 0.9, forecastCategory: 'commit' }],
  } as never);
  const inNew = (stageId: string) => ({ pipelineId: newBusiness.id, stageId });
  const deals = await s.deals.createMany([
    {
      name: 'D1',
      amount: 1_000,
      currency: 'USD',
      ...inNew('qualify'),
      expectedCloseDate: '2025-01-10',
      ownerId: 'rep-1',
    },
    {
      name: 'D2',
      amount: 2_000,
      currency: 'USD',
      ...inNew('propose'),
      probability: 0.25,
      expectedCloseDate: '2025-01-20',
      ownerId: 'rep-2',
    },
    {
      name: 'D3',
      amount: 333,
      currency: 'USD',
      ...inNew('negotiate'),
      probability: 0.15,
      expectedCloseDate: '2025-01-31',
      ownerId: 'rep-3',
    },
    {
      name: 'D4',
      amount: 5_000,
      currency: 'USD',
      ...inNew('won'),
      status: 'won',
      probability: 1,
      closedAt: '2025-01-14T10:00:00.000Z',
      expectedCloseDate: '2025-02-05',
      ownerId: 'rep-1',
    },
    {
      name: 'D5',
      amount: 4_000,
      currency: 'USD',
      ...inNew('lost'),
      status: 'lost',
      probability: 0,
      closedAt: '2025-01-14T10:00:00.000Z',
      lostReason: 'Price',
      expectedCloseDate: '2025-02-07',
      ownerId: 'rep-2',
    },
    {
      name: 'D6',
      amount: 7_000,
      currency: 'EUR',
      pipelineId: renewals.id,
      stageId: 'renewing',
      expectedCloseDate: '2025-02-15',
      ownerId: 'rep-1',
    },
    { name: 'D7', amount: 1_500, currency: 'USD', probability: 0.4, expectedCloseDate: '2025-04-02' },
    { name: 'D8', amount: 900, currency: 'USD', ...inNew('qualify'), ownerId: 'rep-1' },
    { name: 'D9', amount: 10_000, currency: 'USD', ...inNew('qualify'), expectedCloseDate: '2025-01-15' },
  ]);
  await s.deals.archive(deals[8]?.id as string);
  return { newBusiness, renewals };
}

/** A row as `[period, group, currency, dealCount, amount, weighted]`. */
const brief = (row: ForecastRow) => [
  row.period.key,
  row.group,
  row.currency,
  row.dealCount,
  row.amount,
  row.weighted,
];

const none = { dealCount: 0, amount: 0, weighted: 0 };

/**
 * The weighted forecast: amounts × probability by month and fiscal quarter of the expected close date, by
 * owner and team, in forecast categories, per currency, narrowed by filters and periods, over enough deals
 * to take several pages.
 */
export function describeForecast(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('forecast', () => {
    it('weighs deals by month and forecast category, each currency apart', async ({ h }) => {
      await seedForecast(h.a);
      const forecast = await h.a.forecast.byPeriod({ period: 'month' });
      expect(forecast.rows.map(brief)).toEqual([
        ['2025-01', null, 'USD', 3, 3_333, 650],
        ['2025-02', null, 'EUR', 1, 7_000, 6_300],
        ['2025-02', null, 'USD', 1, 5_000, 5_000],
        ['2025-04', null, 'USD', 1, 1_500, 600],
      ]);
      expect(forecast.rows[0]?.categories).toEqual({
        pipeline: { dealCount: 1, amount: 1_000, weighted: 100 },
        best_case: { dealCount: 1, amount: 2_000, weighted: 500 },
        // 333 × 0.15 = 49.95: the deal's own probability, rounded to the minor unit.
        commit: { dealCount: 1, amount: 333, weighted: 50 },
        closed: none,
        omitted: none,
      });
      expect(forecast.rows[2]?.categories).toMatchObject({
        closed: { dealCount: 1, amount: 5_000, weighted: 5_000 },
        omitted: { dealCount: 1, amount: 4_000, weighted: 0 },
      });
      expect(forecast.rows[3]?.categories.pipeline).toEqual({ dealCount: 1, amount: 1_500, weighted: 600 });
      expect(forecast.rows[0]?.period).toEqual({ key: '2025-01', start: '2025-01-01', end: '2025-02-01' });
      expect(forecast).toMatchObject({
        period: 'month',
        groupBy: 'none',
        fiscalYearStartMonth: 1,
        timeZone: 'UTC',
        currentPeriod: { key: '2025-01' },
        undatedDeals: 1,
      });
    });

    it("buckets by the tenant's fiscal quarters", async ({ h }) => {
      await seedForecast(h.a);
      await h.a.settings.update({ fiscalYearStartMonth: 4, timeZone: 'Pacific/Auckland' }, { version: 0 });
      h.clock.set('2025-03-31T12:00:00.000Z');
      const forecast = await h.a.forecast.byPeriod({ period: 'quarter' });
      expect(forecast.rows.map(brief)).toEqual([
        ['2025-Q4', null, 'EUR', 1, 7_000, 6_300],
        ['2025-Q4', null, 'USD', 4, 8_333, 5_650],
        ['2026-Q1', null, 'USD', 1, 1_500, 600],
      ]);
      expect(forecast.rows[0]?.period).toEqual({ key: '2025-Q4', start: '2025-01-01', end: '2025-04-01' });
      // Already 1 April in Auckland: the first quarter of the fiscal year that ends in 2026.
      expect(forecast.currentPeriod).toEqual({ key: '2026-Q1', start: '2025-04-01', end: '2025-07-01' });
    });

    it('groups by owner and by team', async ({ h }) => {
      await seedForecast(h.a);
      const byOwner = await h.a.forecast.byPeriod({ period: 'month', groupBy: 'owner' });
      expect(byOwner.rows.map(brief)).toEqual([
        ['2025-01', 'rep-1', 'USD', 1, 1_000, 100],
        ['2025-01', 'rep-2', 'USD', 1, 2_000, 500],
        ['2025-01', 'rep-3', 'USD', 1, 333, 50],
        ['2025-02', 'rep-1', 'EUR', 1, 7_000, 6_300],
        ['2025-02', 'rep-1', 'USD', 1, 5_000, 5_000],
        ['2025-02', 'rep-2', 'USD', 0, 0, 0],
        ['2025-04', null, 'USD', 1, 1_500, 600],
      ]);
      expect(byOwner.rows[5]?.categories.omitted).toEqual({ dealCount: 1, amount: 4_000, weighted: 0 });
      const byTeam = await h.a.forecast.byPeriod({ period: 'quarter', groupBy: 'team' });
      expect(byTeam.rows.map(brief)).toEqual([
        ['2025-Q1', 'East', 'EUR', 1, 7_000, 6_300],
        ['2025-Q1', 'East', 'USD', 2, 6_000, 5_100],
        ['2025-Q1', 'West', 'USD', 1, 2_000, 500],
        ['2025-Q1', null, 'USD', 1, 333, 50],
        ['2025-Q2', null, 'USD', 1, 1_500, 600],
      ]);
    });

    it('narrows the deals with a filter and whole periods from and to', async ({ h }) => {
      const { renewals } = await seedForecast(h.a);
      const renewing = await h.a.forecast.byPeriod({
        period: 'month',
        where: { field: 'pipelineId', op: 'eq', value: renewals.id },
      });
      expect(renewing.rows.map(brief)).toEqual([['2025-02', null, 'EUR', 1, 7_000, 6_300]]);
      expect(renewing.undatedDeals).toBe(0);
      const mine = await h.a.forecast.byPeriod({
        period: 'quarter',
        groupBy: 'owner',
        where: {
          all: [
            { field: 'ownerId', op: 'eq', value: 'rep-1' },
            { field: 'status', op: 'ne', value: 'won' },
          ],
        },
      });
      expect(mine.rows.map(brief)).toEqual([
        ['2025-Q1', 'rep-1', 'EUR', 1, 7_000, 6_300],
        ['2025-Q1', 'rep-1', 'USD', 1, 1_000, 100],
      ]);
      expect(mine.undatedDeals).toBe(1);
      const february = await h.a.forecast.byPeriod({ period: 'month', from: '2025-02-14', to: '2025-03-01' });
      expect(february.rows.map((row) => [row.period.key, row.currency])).toEqual([
        ['2025-02', 'EUR'],
        ['2025-02', 'USD'],
      ]);
      const quarter = await h.a.forecast.byPeriod({
        period: 'quarter',
        from: '2025-02-14',
        to: '2025-02-14',
      });
      expect(quarter.rows.map(brief)).toEqual([
        ['2025-Q1', null, 'EUR', 1, 7_000, 6_300],
        ['2025-Q1', null, 'USD', 4, 8_333, 5_650],
      ]);
      expect((await h.b.forecast.byPeriod({ period: 'month' })).rows).toEqual([]);
    });

    it('adds up deals over several pages', async ({ h }) => {
      const count = 2_500;
      const months = ['2025-01-15', '2025-02-15', '2025-03-15'];
      const deals = Array.from({ length: count }, (_, index) => ({
        name: `Deal ${index}`,
        // An odd amount at 50%: each deal's weighted amount is a half, rounded up to index + 1.
        amount: 2 * index + 1,
        currency: 'USD',
        probability: 0.5,
        expectedCloseDate: months[index % 3] as string,
      }));
      await h.a.deals.createMany(deals);
      const expected = months.map((date, month) => {
        const indexes = Array.from({ length: count }, (_, index) => index).filter(
          (index) => index % 3 === month,
        );
        return [
          date.slice(0, 7),
          null,
          'USD',
          indexes.length,
          indexes.reduce((sum, index) => sum + 2 * index + 1, 0),
          indexes.reduce((sum, index) => sum + index + 1, 0),
        ];
      });
      expect((await h.a.forecast.byPeriod({ period: 'month' })).rows.map(brief)).toEqual(expected);
    });

    it('refuses bad arguments with typed errors', async ({ h }) => {
      const bad = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.forecast.byPeriod({ period: 'week', groupBy: 'region', from: '2025-13-01' } as never),
      );
      expectIssueAt(bad, ['period']);
      expectIssueAt(bad, ['groupBy']);
      expectIssueAt(bad, ['from']);
      expectIssueAt(
        await rapportError(
          h.a.forecast.byPeriod({ period: 'month', from: '2025-03-01', to: '2025-02-01' }),
          'VALIDATION_FAILED',
        ),
        ['to'],
      );
      expectIssueAt(
        await rapportError(
          h.a.forecast.byPeriod({
            period: 'month',
            where: { all: [{ field: 'planet', op: 'eq', value: 1 }] } as never,
          }),
          'INVALID_FILTER',
        ),
        ['all', 0, 'field'],
      );
    });
  });
}
