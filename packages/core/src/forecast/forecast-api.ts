import { entityDef } from '../entities/registry';
import { validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { todayIn } from '../filter/local-calendar';
import { allOf } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { listCondition } from '../records/list-query';
import { loadListResolution } from '../records/list-resolution';
import { pagesById } from '../records/pages-by-id';
import { rowMapping } from '../records/row-mapping';
import type { CrmRuntime } from '../records/runtime';
import type { WriteScope } from '../records/write-scope';
import { loadSettings } from '../settings/settings-rows';
import type { Condition } from '../storage/condition';
import type { ForecastArgs, ForecastGrouping } from './forecast-args';
import { forecastArgsSchema } from './forecast-args';
import type { ForecastRow } from './forecast-rows';
import { ForecastTotals } from './forecast-rows';
import type { ForecastPeriod, ForecastPeriodKind } from './periods';
import { forecastPeriodOf } from './periods';
import { loadStageIndex, loadTeams, stageKey } from './stage-index';
import { dealForecast, weightedAmount } from './weighting';

/**
 * A weighted forecast by period.
 *
 * @example
 * ```ts
 * const { rows, undatedDeals } = await crm.forecast.byPeriod({ period: 'month', groupBy: 'owner' });
 * for (const row of rows) console.log(row.period.key, row.group, row.currency, row.weighted, row.categories.commit.weighted);
 * ```
 */
export interface Forecast {
  readonly period: ForecastPeriodKind;
  readonly groupBy: ForecastGrouping;
  /** The tenant's settings the periods were made with. */
  readonly fiscalYearStartMonth: number;
  readonly timeZone: string;
  /** The period today falls in, in the tenant's time zone. */
  readonly currentPeriod: ForecastPeriod;
  /** One row per period, group and currency that has deals, in that order. */
  readonly rows: ForecastRow[];
  /** Matching deals without an expected close date: they fall in no period and are left out of `rows`. */
  readonly undatedDeals: number;
}

const closeDate = { operand: { kind: 'column', column: 'expected_close_date' }, type: 'date' } as const;

const onOrAfter = (date: string): Condition => ({
  kind: 'compare',
  field: closeDate,
  op: 'gte',
  value: date,
  caseInsensitive: false,
});

const before = (date: string): Condition => ({
  kind: 'compare',
  field: closeDate,
  op: 'lt',
  value: date,
  caseInsensitive: false,
});

/**
 * The weighted sales forecast of one tenant: deals' amounts × probability, by month or fiscal quarter of
 * their expected close date, by owner or team, in forecast categories, in minor units per currency.
 * See `docs/sales.md`.
 *
 * @example
 * ```ts
 * const forecast = await crm.as({ tenantId: 'acme', actor: { id: 'vp-sales' } }).forecast.byPeriod({
 *   period: 'quarter',
 *   groupBy: 'team',
 *   where: { field: 'pipelineId', op: 'eq', value: pipeline.id },
 * });
 * ```
 */
export class ForecastApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * The forecast of the deals the caller may read and `where` matches (archived deals left out), by
   * period of their expected close date. `from` and `to` are any days of the first and last periods to
   * include. Deals are read a page of 1,000 at a time and only the totals are kept, so a tenant of 100,000
   * deals never sits in memory. Bad arguments throw VALIDATION_FAILED; a bad filter INVALID_FILTER with
   * the path of its node, as in `list`.
   *
   * @example
   * ```ts
   * const { rows } = await crm.forecast.byPeriod({ period: 'month', groupBy: 'owner', from: '2025-01-01', to: '2025-06-30' });
   * const commit = rows.filter((row) => row.group === 'rep-1').map((row) => row.categories.commit.weighted);
   * ```
   */
  async byPeriod(args: ForecastArgs): Promise<Forecast> {
    const parsed = forecastArgsSchema.safeParse(args);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const { period, groupBy, where, from, to } = parsed.data;
    const { storage } = this.#runtime;
    const { tenantId } = this.#context;
    const settings = await loadSettings(storage, tenantId);
    const periodOf = (date: string) => forecastPeriodOf(date, period, settings.fiscalYearStartMonth);
    const matching = await this.#dealCondition(where);
    const dated = allOf(
      matching,
      { kind: 'null', field: closeDate, negate: true },
      from === undefined ? undefined : onOrAfter(periodOf(from).start),
      to === undefined ? undefined : before(periodOf(to).end),
    );
    const stages = await loadStageIndex(storage, tenantId);
    const teams = groupBy === 'team' ? await loadTeams(storage, tenantId) : undefined;
    const groupOf = (ownerId: string | null): string | null =>
      groupBy === 'none' || ownerId === null
        ? null
        : groupBy === 'owner'
          ? ownerId
          : (teams?.get(ownerId) ?? null);
    const totals = new ForecastTotals();
    const { toRecord } = rowMapping(entityDef('deal'));
    for await (const rows of pagesById({
      reader: storage,
      table: 'deals',
      tenantId,
      ...(dated ? { where: dated } : {}),
    })) {
      for (const deal of rows.map(toRecord)) {
        const { category, probability } = dealForecast(
          { status: deal.status as string, probability: deal.probability as number | null },
          stages.get(stageKey(deal.pipelineId, deal.stageId)),
        );
        const amount = deal.amount as number;
        totals.add({
          period: periodOf(deal.expectedCloseDate as string),
          group: groupOf(deal.ownerId as string | null),
          currency: deal.currency as string,
          category,
          amount,
          weighted: weightedAmount(amount, probability),
        });
      }
    }
    const undatedDeals = await storage.count({
      table: 'deals',
      tenantId,
      where: allOf(matching, { kind: 'null', field: closeDate, negate: false }) as Condition,
    });
    return {
      period,
      groupBy,
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      timeZone: settings.timeZone,
      currentPeriod: periodOf(todayIn(this.#runtime.now(), settings.timeZone)),
      rows: totals.rows(),
      undatedDeals,
    };
  }

  /** The condition of the deals a forecast reads: `where`, not archived, in the caller's read scope. */
  async #dealCondition(where: unknown): Promise<Condition | undefined> {
    const scope: WriteScope = { runtime: this.#runtime, context: this.#context, entity: entityDef('deal') };
    const { filterContext } = await loadListResolution(scope, where, undefined);
    const readScope = this.#runtime.access.readScope({ context: this.#context, entity: 'deal' });
    return listCondition(where as ForecastArgs['where'], 'exclude', readScope, filterContext);
  }
}
