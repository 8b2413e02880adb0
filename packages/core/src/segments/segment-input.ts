import * as z from 'zod';
import type { EntityName } from '../entities/entity-name';
import { entityNames } from '../entities/entity-name';
import { optionalText, requiredText, storableString } from '../entities/values';
import type { Filter } from '../filter/filter-types';
import type { SegmentKind } from './segment';
import { segmentKinds } from './segment';

/**
 * What `segments.create` takes. `filter` is required for dynamic and snapshot segments and absent for
 * static ones; it is a filter of `entity`, checked in full when saved.
 *
 * @example
 * ```ts
 * const input: SegmentInput<'person'> = {
 *   name: 'Birthdays this week', entity: 'person', kind: 'dynamic',
 *   filter: { field: 'birthday', op: 'anniversaryInNext', value: 7 },
 * };
 * ```
 */
export interface SegmentInput<E extends EntityName = EntityName, F = Filter<E>> {
  readonly entity: E;
  readonly kind: SegmentKind;
  readonly name: string;
  readonly description?: string | null;
  readonly filter?: F | null;
}

/** What `segments.update` may change: the name, the description and (not for static ones) the filter. */
export interface SegmentChanges<F = Filter> {
  readonly name?: string;
  readonly description?: string | null;
  readonly filter?: F | null;
}

// The deepest a stored filter is walked for strings; resolution refuses deeper filters anyway.
const maxWalkDepth = 100;
const storable = storableString();

/** Whether every string in a filter can be stored by every adapter (jsonb holds no U+0000). */
function isStorable(value: unknown, depth = 0): boolean {
  if (depth > maxWalkDepth) return true;
  if (typeof value === 'string') return storable.safeParse(value).success;
  if (typeof value !== 'object' || value === null) return true;
  const children = Array.isArray(value) ? value : [...Object.keys(value), ...Object.values(value)];
  return children.every((child) => isStorable(child, depth + 1));
}

const filter = z
  .unknown()
  .optional()
  .transform((value) => (value === undefined ? null : value))
  .refine(isStorable, { message: 'Text cannot hold a NUL character or a lone surrogate' });

/** The shape of a segment's create input; the filter itself is checked by resolution. */
export const segmentInputSchema = z.strictObject({
  entity: z.enum(entityNames),
  kind: z.enum(segmentKinds),
  name: requiredText(200),
  description: optionalText(1_000),
  filter,
});

/** The shape of a segment's changes. */
export const segmentChangesSchema = z.strictObject({
  name: requiredText(200).optional(),
  description: optionalText(1_000).optional(),
  filter: filter.optional(),
});
