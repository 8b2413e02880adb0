import { describe, expect } from 'vitest';
import { isRapportError } from '../../errors/rapport-error';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, failsCleanly } from './harness';

/** Optimistic concurrency: a write states the version it read, and a stale one changes nothing. */
export function describeVersions(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('versions', () => {
    it('rejects a stale version with VERSION_CONFLICT and changes nothing', async ({ h }) => {
      const person = await makePerson(h.a);
      await h.a.people.update(person.id, { title: 'CEO' }, { version: 1 });
      const error = await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.people.update(person.id, { title: 'CTO' }, { version: 1 }),
      );
      expect(error.details).toMatchObject({ entity: 'person', id: person.id, expected: 1, actual: 2 });
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.people.update(person.id, { title: 'CTO' }, { version: 3 }),
      );
      expect((await h.a.people.get(person.id)).title).toBe('CEO');
    });

    it('rejects archive, restore and delete at a stale version and changes nothing', async ({ h }) => {
      const company = await makeCompany(h.a);
      await h.a.companies.update(company.id, { region: 'North' }, { version: 1 });
      await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.companies.archive(company.id, { version: 1 }));
      await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.companies.delete(company.id, { version: 1 }));
      await h.a.companies.archive(company.id, { version: 2 });
      await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.companies.restore(company.id, { version: 2 }));
      await h.a.companies.delete(company.id, { version: 3 });
    });

    it('lets exactly one of five concurrent updates with the same version succeed', async ({ h }) => {
      const person = await makePerson(h.a);
      const results = await Promise.allSettled(
        ['A', 'B', 'C', 'D', 'E'].map((title) => h.a.people.update(person.id, { title }, { version: 1 })),
      );
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const result of lost)
        expect(isRapportError(result.reason, 'VERSION_CONFLICT'), String(result.reason)).toBe(true);
      const stored = await h.a.people.get(person.id);
      expect(stored.version).toBe(2);
      expect(stored.title).toBe((won[0] as PromiseFulfilledResult<{ title: string }>).value.title);
      const updates = (await h.a.people.history(person.id)).filter((entry) => entry.action === 'update');
      expect(updates).toHaveLength(1);
      expect((await h.rows('outbox')).filter((row) => row.type === 'person.updated')).toHaveLength(1);
    });

    it('lets exactly one of concurrent archive and update at the same version succeed', async ({ h }) => {
      const company = await makeCompany(h.a);
      const results = await Promise.allSettled([
        h.a.companies.archive(company.id, { version: 1 }),
        h.a.companies.update(company.id, { region: 'West' }, { version: 1 }),
        h.a.companies.delete(company.id, { version: 1 }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected')
          expect(['VERSION_CONFLICT', 'NOT_FOUND']).toContain((result.reason as { code?: string }).code);
      }
    });

    it('returns the record unchanged for a no-op update, same version, no audit entry, no event', async ({
      h,
    }) => {
      const person = await makePerson(h.a, {
        title: 'CEO',
        emails: [{ address: 'ann@example.com' }],
        tags: ['vip'],
      });
      let events = 0;
      h.crm.events.on('person.updated', () => events++);
      const before = await h.snapshot();
      h.clock.advance(5_000);
      const same = await h.a.people.update(
        person.id,
        { title: ' CEO ', emails: [{ address: 'ANN@example.com' }], tags: ['vip', 'vip'] },
        { version: 1 },
      );
      expect(same).toEqual(person);
      expect(await h.a.people.update(person.id, {}, { version: 1 })).toEqual(person);
      expect(await h.snapshot()).toEqual(before);
      expect(events).toBe(0);
    });

    it('takes the version a no-op left unchanged for the next write', async ({ h }) => {
      const company = await makeCompany(h.a, { region: 'North' });
      await h.a.companies.update(company.id, { region: 'North' }, { version: 1 });
      const updated = await h.a.companies.update(company.id, { region: 'South' }, { version: 1 });
      expect(updated.version).toBe(2);
    });
  });
}
