import * as z from 'zod';
import { isoDate } from '../entities/values';
import type { Filter } from '../filter/filter-types';
import type { ForecastPeriodKind } from './periods';

/** How forecast rows are grouped: by the deal's owner, by the owner's team, or not at all. */
export const forecastGroupings = ['owner', 'team', 'none'] as const;

/** One of {@link forecastGroupings}. */
export type ForecastGrouping = (typeof forecastGroupings)[number];

/**
 * What `forecast.byPeriod` takes.
 *
 * @example
 * ```ts
 * const args: ForecastArgs = {
 *   period: 'quarter',
 *   groupBy: 'team',
 *   where: { field: 'pipelineId', op: 'eq', value: newBusiness.id },
 *   from: '2025-01-01',
 *   to: '2025-12-31',
 * };
 * ```
 */
export interface ForecastArgs {
  readonly period: ForecastPeriodKind;
  /** `none` when not given. */
  readonly groupBy?: ForecastGrouping;
  /** Narrows the deals, in the filter language (archived deals never count). */
  readonly where?: Filter<'deal'> | Filter;
  /** A day of the first period to include; the whole period counts. */
  readonly from?: string;
  /** A day of the last period to include; the whole period counts. */
  readonly to?: string;
}

/** The schema of {@link ForecastArgs}; `where` is checked by the filter language itself. */
export const forecastArgsSchema = z
  .strictObject({
    period: z.enum(['month', 'quarter']),
    groupBy: z.enum(forecastGroupings).default('none'),
    where: z.unknown().optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
  })
  .superRefine((args, ctx) => {
    if (args.from !== undefined && args.to !== undefined && args.from > args.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to comes on or after from' });
  });
