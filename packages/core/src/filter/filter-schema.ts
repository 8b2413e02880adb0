import * as z from 'zod';
import type { Filter } from './filter-types';

const value = z.union([z.string().max(10_000), z.number().finite(), z.boolean()]);
const field = z.string().min(1).max(200);
const mode = z.enum(['sensitive', 'insensitive']).optional();

/** The schema of one comparison node. */
export const comparisonSchema = z.discriminatedUnion('op', [
  z.strictObject({ field, op: z.enum(['eq', 'ne']), value, mode }),
  z.strictObject({
    field,
    op: z.enum(['lt', 'lte', 'gt', 'gte']),
    value: z.union([z.string().max(100), z.number().finite()]),
  }),
  z.strictObject({ field, op: z.enum(['in', 'notIn']), value: z.array(value).max(10_000), mode }),
  z.strictObject({
    field,
    op: z.enum(['contains', 'startsWith', 'endsWith']),
    value: z.string().max(10_000),
    mode,
  }),
  z.strictObject({ field, op: z.enum(['isEmpty', 'isNotEmpty']) }),
  z.strictObject({
    field,
    op: z.enum(['hasAny', 'hasAll']),
    value: z.array(z.string().max(1_000)).max(10_000),
  }),
]);

/**
 * The zod schema of a {@link Filter}: its structure only. Field names and value types are checked against
 * the entity and the tenant's custom fields when the filter is resolved.
 *
 * @example
 * ```ts
 * filterSchema.safeParse({ all: [{ field: 'region', op: 'eq', value: 'North' }] }).success; // true
 * ```
 */
export const filterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(filterSchema).max(1_000) }),
    z.strictObject({ any: z.array(filterSchema).max(1_000) }),
    z.strictObject({ not: filterSchema }),
    comparisonSchema,
  ]),
) as z.ZodType<Filter>;
