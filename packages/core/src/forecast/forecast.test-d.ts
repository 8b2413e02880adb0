import { describe, expectTypeOf, it } from 'vitest';
import type { CrmSession } from '../crm';
import type { Forecast } from './forecast-api';
import type { ForecastArgs } from './forecast-args';
import type { ForecastCategory } from './forecast-category';

declare const crm: CrmSession;

describe('forecast in the types', () => {
  it('takes a period, a grouping and a deal filter', () => {
    expectTypeOf<{ period: 'quarter'; groupBy: 'team' }>().toExtend<ForecastArgs>();
    expectTypeOf<{
      period: 'month';
      where: { field: 'pipelineId'; op: 'eq'; value: string };
    }>().toExtend<ForecastArgs>();
    expectTypeOf<{ period: 'week' }>().not.toExtend<ForecastArgs>();
    expectTypeOf<{ period: 'month'; groupBy: 'region' }>().not.toExtend<ForecastArgs>();
  });

  it('returns rows with amounts per forecast category', async () => {
    const forecast = await crm.forecast.byPeriod({ period: 'month', groupBy: 'owner' });
    expectTypeOf(forecast).toEqualTypeOf<Forecast>();
    const [row] = forecast.rows;
    expectTypeOf(row?.categories.commit.weighted).toEqualTypeOf<number | undefined>();
    expectTypeOf<keyof NonNullable<typeof row>['categories']>().toEqualTypeOf<ForecastCategory>();
    expectTypeOf(row?.group).toEqualTypeOf<string | null | undefined>();
  });
});
