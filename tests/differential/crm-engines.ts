import type { Crm, CrmSession, StorageAdapter } from '@rapport/core';
import { createCrm } from '@rapport/core';
import type { CrmData } from './crm-dataset';
import { seedCrm } from './crm-dataset';
import type { EngineMaker } from './engines';

/** A tenant of the filter-level tests: its calendar is what relative times are read in. */
export interface CalendarTenant {
  readonly tenantId: string;
  readonly timeZone: string;
  readonly fiscalYearStartMonth: number;
}

/**
 * Tenants whose calendars disagree: the earliest and latest offsets (+14, -10), half- and quarter-hour
 * offsets, a zone with daylight saving time, and fiscal years that start in different months.
 */
export const calendarTenants: readonly CalendarTenant[] = [
  { tenantId: 'utc', timeZone: 'UTC', fiscalYearStartMonth: 1 },
  { tenantId: 'kiritimati', timeZone: 'Pacific/Kiritimati', fiscalYearStartMonth: 4 },
  { tenantId: 'honolulu', timeZone: 'Pacific/Honolulu', fiscalYearStartMonth: 10 },
  { tenantId: 'st-johns', timeZone: 'America/St_Johns', fiscalYearStartMonth: 7 },
  { tenantId: 'kathmandu', timeZone: 'Asia/Kathmandu', fiscalYearStartMonth: 2 },
  { tenantId: 'los-angeles', timeZone: 'America/Los_Angeles', fiscalYearStartMonth: 12 },
];

/** A clock the tests set by hand: one for every CRM, so all engines answer at the same instant. */
export interface ManualClock {
  readonly now: () => Date;
  set(iso: string): void;
}

/**
 * A clock that starts at `start` and only moves when set.
 *
 * @example
 * ```ts
 * const clock = manualClock('2025-01-15T09:30:00.000Z');
 * const crm = await createCrm({ storage, now: clock.now });
 * ```
 */
export function manualClock(start: string): ManualClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set(iso) {
      current = Date.parse(iso);
    },
  };
}

/** A CRM on one engine, with every calendar tenant seeded. */
export interface SeededCrm {
  readonly name: string;
  readonly crm: Crm;
  /** A session of a tenant as an actor. */
  session(tenantId: string, actorId: string): CrmSession;
}

/** The actor that creates the data: its id is every record's `createdBy`. */
const seedingActor = 'm2';

/** Options of {@link seedCrms}. */
export interface SeedCrmsOptions {
  /** The tenants to seed; every calendar tenant when left out. */
  readonly tenants?: readonly CalendarTenant[];
  /** Wraps each engine's store before the CRM opens it (to watch what reaches it). */
  readonly wrap?: (storage: StorageAdapter, engine: string) => StorageAdapter;
}

/**
 * Opens a CRM on every engine (with the shared clock) and seeds every tenant with the same data.
 *
 * @example
 * ```ts
 * const crms = await seedCrms(engineMakers(), data, clock);
 * ```
 */
export async function seedCrms(
  makers: readonly EngineMaker[],
  data: CrmData,
  clock: ManualClock,
  options: SeedCrmsOptions = {},
): Promise<SeededCrm[]> {
  const { tenants = calendarTenants, wrap = (storage) => storage } = options;
  return Promise.all(
    makers.map(async (maker) => {
      const crm = await createCrm({ storage: wrap(await maker.make(), maker.name), now: clock.now });
      for (const { tenantId, timeZone, fiscalYearStartMonth } of tenants) {
        const session = crm.as({ tenantId, actor: { id: seedingActor } });
        await session.settings.update({ timeZone, fiscalYearStartMonth }, { version: 0 });
        await seedCrm(session, data);
      }
      return {
        name: maker.name,
        crm,
        session: (tenantId: string, actorId: string) => crm.as({ tenantId, actor: { id: actorId } }),
      };
    }),
  );
}
