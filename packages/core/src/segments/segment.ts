import type { EntityName } from '../entities/entity-name';
import type { Filter } from '../filter/filter-types';

/**
 * How a segment decides its members, as HubSpot's lists do:
 * - `dynamic`: the records that match its filter, always live;
 * - `static`: the records added to it and not removed since;
 * - `snapshot`: the records that matched its filter when it was made or last refreshed.
 */
export const segmentKinds = ['dynamic', 'static', 'snapshot'] as const;

/** One of {@link segmentKinds}. */
export type SegmentKind = (typeof segmentKinds)[number];

/**
 * A saved segment of one entity's records in one tenant. Usable in any filter of that entity as
 * `{ segment: id }`.
 *
 * @example
 * ```ts
 * const vip: Segment = await crm.segments.create({
 *   name: 'Big spenders', entity: 'person', kind: 'dynamic',
 *   filter: { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 50_000 },
 * });
 * ```
 */
export interface Segment {
  readonly id: string;
  /** Starts at 1 and grows by one on every change of the segment itself (not of its members). */
  readonly version: number;
  /** The entity of its members; never changes. */
  readonly entity: EntityName;
  /** How it decides its members; never changes. */
  readonly kind: SegmentKind;
  /** Unique per tenant and entity. */
  readonly name: string;
  readonly description: string | null;
  /** The filter of a dynamic or snapshot segment (a snapshot applies it when refreshed); null for static. */
  readonly filter: Filter | null;
  /** When a snapshot segment's members were last computed; null for the other kinds. */
  readonly refreshedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  /**
   * Set while the segment is archived: it leaves `segments.list()` and emits no membership events, and
   * filters that name it keep working.
   */
  readonly archivedAt: string | null;
}
