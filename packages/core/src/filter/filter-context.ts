import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import type { EntityName } from '../entities/entity-name';
import { RapportError } from '../errors/rapport-error';
import type { Condition } from '../storage/condition';
import { isKnownTimeZone } from './local-calendar';

/**
 * Everything a filter is resolved against besides itself. Resolution is a pure function of the filter and
 * this context: the clock, the tenant's calendar and the actor come in here, never from globals.
 *
 * @example
 * ```ts
 * const context: FilterContext = {
 *   entity: 'person',
 *   customFields: { person: personDefinitions, order: orderDefinitions },
 *   now: new Date('2025-01-15T09:30:00Z'),
 *   timeZone: 'Europe/Paris',
 *   fiscalYearStartMonth: 4,
 *   actorId: 'user-1',
 * };
 * const condition = resolveFilter({ field: 'ownerId', op: 'isCurrentActor' }, context);
 * ```
 */
export interface FilterContext {
  /** The entity the filter selects records of. */
  readonly entity: EntityName;
  /** The tenant's custom field definitions by entity (archived ones are skipped); missing means none. */
  readonly customFields?: Readonly<Partial<Record<EntityName, readonly CustomFieldDefinition[]>>>;
  /** The instant relative times are measured from. */
  readonly now: Date;
  /** The tenant's IANA time zone: days, weeks and periods are its calendar's. Needed by relative times. */
  readonly timeZone?: string;
  /** The month (1-12) the tenant's fiscal year starts in. Needed by fiscal periods. */
  readonly fiscalYearStartMonth?: number;
  /** The acting member's id, for `isCurrentActor`. */
  readonly actorId?: string;
  /**
   * The condition of a saved segment of `entity` (the entity of the node that names it), or undefined
   * when there is no such segment. Without the hook, segment conditions are refused.
   */
  readonly segment?: (id: string, entity: EntityName) => Condition | undefined;
  /**
   * The access scope of an entity: conditions on related records only see the related rows the caller
   * may read. Undefined (or returning undefined) means no limit.
   */
  readonly readScope?: (entity: EntityName) => Condition | undefined;
}

function misuse(message: string): never {
  throw new RapportError('MISUSE', message);
}

/** Checks the parts of a context a developer passes, so a wrong clock or zone fails loudly and early. */
export function checkFilterContext(context: FilterContext): void {
  if (typeof context !== 'object' || context === null)
    misuse('resolveFilter(filter, context) needs a context');
  if (!(context.now instanceof Date) || Number.isNaN(context.now.getTime()))
    misuse('The filter context needs `now`, a valid Date');
  if (context.timeZone !== undefined && !isKnownTimeZone(context.timeZone))
    misuse(`Unknown time zone "${context.timeZone}" in the filter context`);
  const month = context.fiscalYearStartMonth;
  if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12))
    misuse('fiscalYearStartMonth is a whole number from 1 to 12');
}

/** The time zone of a context that resolves a relative time. */
export function timeZoneOf(context: FilterContext): string {
  return context.timeZone ?? misuse('A filter with a relative time needs the timeZone in its context');
}

/** The fiscal year start of a context that resolves a fiscal period. */
export function fiscalYearStartOf(context: FilterContext): number {
  return (
    context.fiscalYearStartMonth ??
    misuse('A filter with a fiscal period needs the fiscalYearStartMonth in its context')
  );
}
