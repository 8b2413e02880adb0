import { describe, expect } from 'vitest';
import { isRapportError } from '../../errors/rapport-error';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, tenantA } from './harness';

const defaults = {
  version: 0,
  timeZone: 'UTC',
  defaultCurrency: 'USD',
  defaultCountry: null,
  fiscalYearStartMonth: 1,
};

/** Tenant settings: defaults, versioned updates, validation. */
export function describeSettings(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('settings', () => {
    it('reads the defaults at version 0 before the first save, without writing', async ({ h }) => {
      expect(await h.a.settings.get()).toEqual(defaults);
      expect(await h.rows('settings')).toEqual([]);
    });

    it('updates with the version read, normalising codes', async ({ h }) => {
      const first = await h.a.settings.update(
        { timeZone: 'Europe/Paris', defaultCurrency: 'eur', defaultCountry: 'fr' },
        { version: 0 },
      );
      expect(first).toEqual({
        version: 1,
        timeZone: 'Europe/Paris',
        defaultCurrency: 'EUR',
        defaultCountry: 'FR',
        fiscalYearStartMonth: 1,
      });
      expect(await h.a.settings.get()).toEqual(first);
      const second = await h.a.settings.update(
        { fiscalYearStartMonth: 4, defaultCountry: null },
        { version: 1 },
      );
      expect(second).toEqual({ ...first, version: 2, fiscalYearStartMonth: 4, defaultCountry: null });
      const [row] = await h.rows('settings');
      expect(row).toMatchObject({
        tenant_id: tenantA,
        version: 2,
        time_zone: 'Europe/Paris',
        fiscal_year_start_month: 4,
      });
    });

    it('rejects a stale version with VERSION_CONFLICT and changes nothing', async ({ h }) => {
      await h.a.settings.update({ timeZone: 'Asia/Tokyo' }, { version: 0 });
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 0 }),
      );
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 2 }),
      );
      expect((await h.a.settings.get()).timeZone).toBe('Asia/Tokyo');
    });

    for (const version of [0, 1]) {
      it(`lets exactly one of concurrent updates at version ${version} succeed`, async ({ h }) => {
        if (version === 1) await h.a.settings.update({ fiscalYearStartMonth: 2 }, { version: 0 });
        const results = await Promise.allSettled(
          [3, 4, 5].map((month) => h.a.settings.update({ fiscalYearStartMonth: month }, { version })),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        for (const result of results)
          if (result.status === 'rejected')
            expect(isRapportError(result.reason, 'VERSION_CONFLICT')).toBe(true);
        expect((await h.a.settings.get()).version).toBe(version + 1);
      });
    }

    for (const [what, changes, path] of [
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, ['timeZone']],
      ['an empty time zone', { timeZone: '' }, ['timeZone']],
      ['an unknown currency', { defaultCurrency: 'ABC' }, ['defaultCurrency']],
      ['a currency that is not a code', { defaultCurrency: 'dollars' }, ['defaultCurrency']],
      ['a country name', { defaultCountry: 'France' }, ['defaultCountry']],
      ['a thirteenth month', { fiscalYearStartMonth: 13 }, ['fiscalYearStartMonth']],
      ['month zero', { fiscalYearStartMonth: 0 }, ['fiscalYearStartMonth']],
      ['a fractional month', { fiscalYearStartMonth: 1.5 }, ['fiscalYearStartMonth']],
      ['an unknown setting', { locale: 'fr-FR' }, ['locale']],
      ['changes that are not an object', null, []],
    ] as const) {
      it(`refuses ${what} with VALIDATION_FAILED and changes nothing`, async ({ h }) => {
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.settings.update(changes as never, { version: 0 }),
        );
        expectIssueAt(error, path);
      });
    }

    it('refuses an update without a version with MISUSE', async ({ h }) => {
      await failsCleanly(h, 'MISUSE', () => h.a.settings.update({ timeZone: 'UTC' }, undefined as never));
    });

    it('keeps the version and writes nothing when an update changes nothing', async ({ h }) => {
      expect(await h.a.settings.update({ timeZone: 'UTC' }, { version: 0 })).toEqual(defaults);
      expect(await h.rows('settings')).toEqual([]);
      expect(await h.rows('audit_log')).toEqual([]);
      await h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 0 });
      const before = await h.snapshot();
      expect((await h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 1 })).version).toBe(1);
      expect(await h.snapshot()).toEqual(before);
    });
  });
}
