import * as z from 'zod';
import { storableString } from '../entities/values';
import type { Filter } from './filter-types';

// Values are the strings a store can hold (no NUL, no lone surrogate): a value no record can hold would
// otherwise reach Postgres, which refuses it, while other engines answered.
const text = (max: number) => storableString().max(max);
const value = z.union([text(10_000), z.number().finite(), z.boolean()]);
const field = z.string().min(1).max(200);
const mode = z.enum(['sensitive', 'insensitive']).optional();
const compareOp = z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']);

/** The units of `inLast` / `inNext`. */
export const timeUnits = ['days', 'weeks', 'months', 'years'] as const;

/** The periods of `inPeriod`. */
export const periodNames = [
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'thisYear',
  'lastYear',
  'thisFiscalYear',
  'lastFiscalYear',
] as const;

/** The most days an anniversary window spans: a whole leap year. */
export const maxAnniversaryDays = 366;

/** The schema of one comparison node. */
export const comparisonSchema = z.discriminatedUnion('op', [
  z.strictObject({ field, op: z.enum(['eq', 'ne']), value, mode }),
  z.strictObject({
    field,
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    value: z.union([text(100), z.number().finite()]),
  }),
  z.strictObject({ field, op: z.enum(['in', 'notIn']), value: z.array(value).max(10_000), mode }),
  z.strictObject({
    field,
    op: z.enum(['contains', 'startsWith', 'endsWith']),
    value: text(10_000),
    mode,
  }),
  z.strictObject({ field, op: z.enum(['isEmpty', 'isNotEmpty', 'isCurrentActor']) }),
  z.strictObject({
    field,
    op: z.enum(['hasAny', 'hasAll', 'hasNone']),
    value: z.array(text(1_000)).max(10_000),
  }),
  z.strictObject({
    field,
    op: z.enum(['inLast', 'inNext']),
    value: z.number().int().min(1).max(100_000),
    unit: z.enum(timeUnits),
  }),
  z.strictObject({ field, op: z.literal('inPeriod'), value: z.enum(periodNames) }),
  z.strictObject({
    field,
    op: z.literal('anniversaryInNext'),
    value: z.number().int().min(1).max(maxAnniversaryDays),
  }),
]);

/** The schema of a related-record node, with its `where` left to `child`. */
export function relatedSchemaOf<T extends z.core.SomeType>(child: T) {
  const related = z.string().min(1).max(200);
  const where = z.optional(child);
  return z.discriminatedUnion('aggregate', [
    z.strictObject({ related, where, aggregate: z.enum(['exists', 'notExists']) }),
    z.strictObject({
      related,
      where,
      aggregate: z.literal('count'),
      op: compareOp,
      value: z.number().int().min(0),
    }),
    z.strictObject({
      related,
      where,
      aggregate: z.enum(['sum', 'avg', 'min', 'max']),
      of: field,
      op: compareOp,
      value: z.union([text(100), z.number().finite()]),
    }),
  ]);
}

/** The schema of a related-record node as resolution reads it: `where` is checked node by node after. */
export const relatedNodeSchema = relatedSchemaOf(z.unknown());

/** The schema of a segment node. */
export const segmentSchema = z.strictObject({ segment: storableString().min(1).max(255) });

/**
 * The zod schema of a {@link Filter}: its structure only. Field names, relation names and value types
 * are checked against the entity and the tenant's custom fields when the filter is resolved.
 *
 * @example
 * ```ts
 * filterSchema.safeParse({ all: [{ field: 'region', op: 'eq', value: 'North' }] }).success; // true
 * filterSchema.safeParse({ related: 'orders', aggregate: 'exists' }).success; // true
 * ```
 */
export const filterSchema: z.ZodType<Filter> = z.lazy(
  () =>
    z.union([
      z.strictObject({ all: z.array(filterSchema).max(1_000) }),
      z.strictObject({ any: z.array(filterSchema).max(1_000) }),
      z.strictObject({ not: filterSchema }),
      segmentSchema,
      relatedSchemaOf(filterSchema),
      comparisonSchema,
    ]),
  // The schema checks structure only (see above), so its inferred type is not compared with Filter: that
  // comparison costs the type checker seconds and proves nothing resolution does not check again.
) as unknown as z.ZodType<Filter>;
