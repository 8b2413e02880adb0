import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { OrderBy } from '../../filter/filter-types';
import { toBase64Url } from '../../util/base64url';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, rapportError } from './harness';

type PersonList = { readonly limit?: number; readonly orderBy?: OrderBy | readonly OrderBy[] };

/** Reads every page of a people list; returns the ids page by page. */
async function readPages(
  s: CrmSession,
  options: PersonList,
  between?: (page: number) => Promise<void>,
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await s.people.list({
      ...options,
      cursor,
    });
    pages.push(page.items.map((person) => person.id));
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error('pagination does not end');
    if (cursor !== null && between) await between(pages.length);
  } while (cursor !== null);
  return pages;
}

/** 23 people with ties and gaps in lastName and in a custom score. */
async function seedPeople(s: CrmSession): Promise<string[]> {
  await s.customFields.define({ entity: 'person', key: 'score', label: 'Score', type: 'number' });
  const people = await s.people.createMany(
    Array.from({ length: 23 }, (_, index) => ({
      firstName: `P${String(index).padStart(2, '0')}`,
      lastName: index % 4 === 0 ? null : ['Lee', 'Kim', 'Abe'][index % 3],
      custom: index % 5 === 0 ? {} : { score: index % 7 },
    })),
  );
  return people.map((person) => person.id);
}

/** Keyset pagination: complete, stable under inserts, with totals, limits, field selection and includes. */
export function describePagination(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('pagination', () => {
    for (const orderBy of [
      undefined,
      '-id',
      'lastName',
      '-lastName',
      ['lastName', '-firstName'],
      '-custom.score',
      'custom.score',
      '-createdAt',
    ]) {
      it(`covers every record exactly once, in list order, sorted by ${JSON.stringify(orderBy) ?? 'id'}`, async ({
        h,
      }) => {
        const ids = await seedPeople(h.a);
        const options = orderBy === undefined ? { limit: 5 } : { limit: 5, orderBy };
        const pages = await readPages(h.a, options);
        expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
        const seen = pages.flat();
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...ids].sort());
        const whole = (await h.a.people.list({ ...options, limit: 100 })).items.map((person) => person.id);
        expect(seen).toEqual(whole);
      });
    }

    it('reads 1,200 records by id in the order asked', async ({ h }) => {
      const tags = await h.a.tags.createMany(
        Array.from({ length: 1_200 }, (_, index) => ({ name: `t${index}` })),
      );
      const ids = tags.map((tag) => tag.id).reverse();
      expect((await h.a.tags.getMany(ids)).map((tag) => tag.id)).toEqual(ids);
      const missing = Array.from({ length: 9_000 }, (_, index) => `missing-${index}`);
      const where = { field: 'id', op: 'in', value: [...ids.slice(0, 1_000), ...missing] } as const;
      expect(await h.a.tags.count({ where })).toBe(1_000);
      expect((await h.a.tags.list({ where, limit: 1_000 })).items).toHaveLength(1_000);
    });

    it('ends with a null cursor on a last page that is exactly full', async ({ h }) => {
      await h.a.tags.createMany(['a', 'b', 'c', 'd'].map((name) => ({ name })));
      const first = await h.a.tags.list({ limit: 2 });
      const second = await h.a.tags.list({ limit: 2, cursor: first.nextCursor });
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      expect((await h.a.tags.list({ limit: 4 })).nextCursor).toBeNull();
    });

    it('skips and repeats nothing of the original set when records are inserted between pages, before and after the cursor', async ({
      h,
    }) => {
      const original = await h.a.people.createMany(
        Array.from({ length: 20 }, (_, index) => ({
          firstName: 'Orig',
          lastName: `m${String(index).padStart(2, '0')}`,
        })),
      );
      const inserted: string[] = [];
      const pages = await readPages(h.a, { orderBy: 'lastName', limit: 6 }, async (page) => {
        // Before the cursor (these sort first), exactly at it, and after it (these land in later pages).
        const names = [
          `a${page}`,
          `m0${page}`,
          `m${String(page * 6 - 1).padStart(2, '0')}`,
          `m${page * 6 + 2}x`,
          `z${page}`,
        ];
        const people = await h.a.people.createMany(names.map((lastName) => ({ firstName: 'New', lastName })));
        inserted.push(...people.map((person) => person.id));
      });
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(seen.length);
      for (const person of original) expect(seen.filter((id) => id === person.id)).toHaveLength(1);
      const seenNames = (await h.a.people.getMany(seen)).map((person) => person.lastName as string);
      expect(seenNames).toEqual([...seenNames].sort());
      expect(seenNames).toContain('z1');
      expect(seenNames).not.toContain('a1');
    });

    it('keeps its place by id when the default order meets new records', async ({ h }) => {
      const original = await h.a.companies.createMany(
        Array.from({ length: 10 }, (_, index) => ({ name: `C${index}` })),
      );
      const first = await h.a.companies.list({ limit: 4 });
      await h.a.companies.createMany([{ name: 'Later 1' }, { name: 'Later 2' }]);
      const rest = await h.a.companies.list({ limit: 100, cursor: first.nextCursor });
      const seen = [...first.items, ...rest.items].map((company) => company.id);
      expect(seen.slice(0, 10)).toEqual(original.map((company) => company.id));
      expect(seen).toHaveLength(12);
    });

    it('keeps working when the record the cursor ended on is deleted', async ({ h }) => {
      const tags = await h.a.tags.createMany(['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })));
      const first = await h.a.tags.list({ orderBy: 'name', limit: 2 });
      await h.a.tags.delete(tags[1]?.id as string);
      const rest = await h.a.tags.list({ orderBy: 'name', limit: 10, cursor: first.nextCursor });
      expect(rest.items.map((tag) => tag.name)).toEqual(['c', 'd', 'e']);
    });

    describe('INVALID_CURSOR', () => {
      const forged = (state: unknown) => toBase64Url(JSON.stringify(state));
      for (const [what, cursor] of [
        ['garbage', 'not a cursor!'],
        ['base64 of text that is not JSON', toBase64Url('hello')],
        ['base64 of null', forged(null)],
        ['base64 of an empty object', forged({})],
        ['a cursor with too few values', forged({ order: 'last_name:asc,id:asc', values: ['Lee'] })],
        ['a cursor with an object value', forged({ order: 'last_name:asc,id:asc', values: [{}, 'x'] })],
        [
          'a cursor with a number where the sort field is text',
          forged({ order: 'last_name:asc,id:asc', values: [5, 'x'] }),
        ],
      ] as const) {
        it(`refuses ${what} with INVALID_CURSOR`, async ({ h }) => {
          await makePerson(h.a);
          const error = await rapportError(
            h.a.people.list({ orderBy: 'lastName', cursor }),
            'INVALID_CURSOR',
          );
          expectIssueAt(error, ['cursor']);
        });
      }

      it('refuses a cursor reused with another orderBy', async ({ h }) => {
        await seedPeople(h.a);
        const { nextCursor } = await h.a.people.list({ orderBy: 'lastName', limit: 5 });
        for (const orderBy of ['-lastName', 'firstName', ['lastName', 'firstName'], undefined] as const) {
          await rapportError(
            h.a.people.list({ ...(orderBy ? { orderBy } : {}), limit: 5, cursor: nextCursor }),
            'INVALID_CURSOR',
          );
        }
      });
    });

    it('counts every match with withTotal, whatever the page, and only when asked', async ({ h }) => {
      await seedPeople(h.a);
      const where = { field: 'lastName', op: 'eq', value: 'Lee' } as const;
      const expected = await h.a.people.count({ where });
      const first = await h.a.people.list({ where, limit: 2, withTotal: true });
      expect(first.total).toBe(expected);
      expect(expected).toBeGreaterThan(2);
      const second = await h.a.people.list({ where, limit: 2, withTotal: true, cursor: first.nextCursor });
      expect(second.total).toBe(expected);
      expect('total' in (await h.a.people.list({ where }))).toBe(false);
      expect((await h.a.people.list({ withTotal: true, limit: 1 })).total).toBe(23);
    });

    it('refuses a limit outside 1 to 1000 and defaults to 50', async ({ h }) => {
      for (const limit of [0, -1, 1.5, 1_001, Number.NaN, '10']) {
        expectIssueAt(await rapportError(h.a.people.list({ limit: limit as number }), 'VALIDATION_FAILED'), [
          'limit',
        ]);
      }
      await h.a.tags.createMany(Array.from({ length: 51 }, (_, index) => ({ name: `t${index}` })));
      const page = await h.a.tags.list();
      expect(page.items).toHaveLength(50);
      expect(page.nextCursor).not.toBeNull();
      expect((await h.a.tags.list({ limit: 1_000 })).items).toHaveLength(51);
      expect((await h.a.tags.list({ limit: 1 })).items).toHaveLength(1);
    });

    it('returns only the selected fields, with id and version', async ({ h }) => {
      const person = await makePerson(h.a, { firstName: 'Ann', region: 'North' });
      const { items } = await h.a.people.list({ select: ['firstName', 'region'] });
      expect(items).toEqual([{ id: person.id, version: 1, firstName: 'Ann', region: 'North' }]);
      expect(await h.a.people.get(person.id, { select: ['custom'] })).toEqual({
        id: person.id,
        version: 1,
        custom: {},
      });
      expect(await h.a.people.getMany([person.id], { select: ['lastName'] })).toEqual([
        { id: person.id, version: 1, lastName: person.lastName },
      ]);
      expectIssueAt(
        await rapportError(
          h.a.people.list({ select: ['firstName', 'password' as never] }),
          'VALIDATION_FAILED',
        ),
        ['select', 1],
      );
      expectIssueAt(
        await rapportError(
          h.a.people.get(person.id, { select: ['__proto__' as never] }),
          'VALIDATION_FAILED',
        ),
        ['select', 0],
      );
    });

    it('includes related records: a person with its company', async ({ h }) => {
      const company = await makeCompany(h.a);
      const ann = await makePerson(h.a, { companyId: company.id });
      const bob = await makePerson(h.a);
      const withCompany = await h.a.people.get(ann.id, { include: ['company'] });
      expect(withCompany.company).toEqual(company);
      expect((await h.a.people.get(bob.id, { include: ['company'] })).company).toBeNull();
      const { items } = await h.a.people.list({ include: ['company'] });
      expect(items.map((person) => person.company?.id ?? null)).toEqual([company.id, null]);
      const selected = await h.a.people.get(ann.id, { select: ['firstName'], include: ['company'] });
      expect(selected).toEqual({ id: ann.id, version: 1, firstName: ann.firstName, company });
    });

    it('includes related records: a deal with its people, in their order', async ({ h }) => {
      const [ann, , cy] = await h.a.people.createMany([
        { firstName: 'Ann' },
        { firstName: 'Bob' },
        { firstName: 'Cy' },
      ]);
      const deal = await h.a.deals.create({
        name: 'D',
        currency: 'USD',
        personIds: [cy?.id as string, ann?.id as string],
      });
      const read = await h.a.deals.get(deal.id, { include: ['people'] });
      expect(read.people.map((person) => person.firstName)).toEqual(['Cy', 'Ann']);
      const listed = await h.a.deals.list({ include: ['people'] });
      expect(listed.items[0]?.people).toEqual([cy, ann]);
    });

    it('includes related records: an activity with its people, company and deal', async ({ h }) => {
      const company = await makeCompany(h.a);
      const person = await makePerson(h.a, { companyId: company.id });
      const deal = await h.a.deals.create({ name: 'D', currency: 'USD', companyId: company.id });
      const activity = await h.a.activities.create({
        type: 'meeting',
        personIds: [person.id],
        companyId: company.id,
        dealId: deal.id,
      });
      const read = await h.a.activities.get(activity.id, { include: ['people', 'company', 'deal'] });
      expect(read).toMatchObject({ people: [person], company, deal });
      const [listed] = (await h.a.activities.list({ include: ['deal'] })).items;
      expect(listed?.deal).toEqual(deal);
      const bare = await h.a.activities.create({ type: 'note', personIds: [person.id] });
      expect(await h.a.activities.get(bare.id, { include: ['company', 'deal'] })).toMatchObject({
        company: null,
        deal: null,
      });
    });

    it('refuses an unknown include', async ({ h }) => {
      const person = await makePerson(h.a);
      expectIssueAt(
        await rapportError(h.a.people.get(person.id, { include: ['deals' as never] }), 'VALIDATION_FAILED'),
        ['include', 0],
      );
      expectIssueAt(
        await rapportError(
          h.a.people.list({ include: ['company', 'toString' as never] }),
          'VALIDATION_FAILED',
        ),
        ['include', 1],
      );
    });
  });
}
