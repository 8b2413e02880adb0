import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { DuplicateSuspectedEvent } from '../../duplicates/duplicate-events';
import { nameCandidatesPerKey } from '../../duplicates/match-keys-store';
import type { Row } from '../../storage/schema';
import { makeCompany, makeDeal, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

/** The tables whose rows a merge may change, and the columns that only say when and by whom. */
const mergedTables = [
  'people',
  'companies',
  'deals',
  'activities',
  'tasks',
  'orders',
  'segment_members',
  'unique_values',
];
const bookkeeping = new Set(['version', 'updated_at', 'updated_by']);

/** Every row of tenant A in the tables a merge touches, without the columns a write always moves on. */
async function businessRows(h: Harness): Promise<Record<string, Row[]>> {
  const rows: Record<string, Row[]> = {};
  for (const table of [...mergedTables, 'duplicate_keys']) {
    rows[table] = (await h.tenantRows(table, tenantA)).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !bookkeeping.has(column))),
    );
  }
  return rows;
}

/** Two people who are one, and everything that references each. */
async function seedTwins(s: CrmSession) {
  const acme = await makeCompany(s, { name: 'Acme', domain: 'acme.com' });
  const ann = await s.people.create({
    firstName: 'Ann',
    lastName: 'Lee',
    emails: [{ address: 'ann@acme.com' }],
    companyId: acme.id,
  });
  const anne = await s.people.create({
    firstName: 'Anne',
    lastName: 'Lee',
    emails: [{ address: 'anne.lee@gmail.com' }],
    phones: [{ number: '+14155550132' }],
    title: 'CTO',
  });
  const champion = await s.customFields.define({
    entity: 'deal',
    key: 'champion',
    label: 'Champion',
    type: 'relation',
    relationEntity: 'person',
  });
  const deal = await makeDeal(s, { personIds: [anne.id, ann.id], custom: { champion: anne.id } });
  const otherDeal = await makeDeal(s, { personIds: [anne.id] });
  const call = await s.activities.create({ type: 'call', subject: 'Intro', personIds: [anne.id] });
  const task = await s.tasks.create({ title: 'Call back', personId: anne.id });
  const order = await s.orders.create({
    personId: anne.id,
    currency: 'USD',
    lines: [{ description: 'Widget', quantity: 1, unitPrice: 500 }],
  });
  const list = await s.segments.create({ name: 'Webinar', entity: 'person', kind: 'static' });
  await s.segments.add(list.id, [anne.id]);
  return { acme, ann, anne, champion, deal, otherDeal, call, task, order, list };
}

/** Checks on create: block and warn rules, the check call, batches, configured rules. */
function describeCheckOnCreate(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('check on create', () => {
    it('blocks a person whose email another person has, naming the rule and the record, writing nothing', async ({
      h,
    }) => {
      const ann = await makePerson(h.a, { emails: [{ address: 'ann@acme.com' }] });
      const error = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.create({
          firstName: 'A',
          emails: [{ address: 'a@home.org' }, { address: 'ANN@acme.com' }],
        }),
      );
      expect(error.details).toMatchObject({ entity: 'person', rule: 'person-email', recordIds: [ann.id] });
      expect(error.message).toContain('person-email');
      expectIssueAt(error, ['emails']);
    });

    it('refuses a company whose domain another has, and a batch at the index of the input that matched', async ({
      h,
    }) => {
      const acme = await makeCompany(h.a, { domain: 'acme.com' });
      const error = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.companies.createMany([{ name: 'Fine' }, { name: 'Twin', domain: 'http://www.ACME.com/about' }]),
      );
      expect(error.details.entity).toBe('company');
      const people = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.createMany([
          { firstName: 'X', emails: [{ address: 'x@a.com' }] },
          { firstName: 'Y', emails: [{ address: 'y@a.com' }, { address: 'x@a.com' }] },
        ]),
      );
      // The two match each other: the first of them is reported, at its index.
      expect(people.details).toMatchObject({ rule: 'person-email', index: 0 });
      expectIssueAt(people, [0, 'emails']);
      expect(acme.domain).toBe('acme.com');
    });

    it('lets a warned match through with a duplicate.suspected event in the outbox and on the bus', async ({
      h,
    }) => {
      const jon = await h.a.people.create({ firstName: 'Jon', lastName: 'Smith' });
      const check = await h.a.duplicates.check({
        entity: 'person',
        input: { firstName: 'John', lastName: 'Smith' },
      });
      expect(check.blocked).toBe(false);
      expect(check.matches).toEqual([
        {
          rule: 'person-name',
          on: 'name',
          action: 'warn',
          records: [{ id: jon.id, score: expect.any(Number) }],
        },
      ]);
      expect(check.matches[0]?.records[0]?.score).toBeGreaterThan(0.92);
      const heard: DuplicateSuspectedEvent[] = [];
      h.crm.events.on('duplicate.suspected', (event) => heard.push(event));
      const john = await h.a.people.create({
        firstName: 'John',
        lastName: 'Smith',
        phones: [{ number: '+14155550132' }],
      });
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({ entity: 'person', recordId: john.id, tenantId: tenantA });
      expect(heard[0]?.matches.map((match) => match.rule)).toEqual(['person-name']);
      const outbox = (await h.rows('outbox')).filter((row) => row.type === 'duplicate.suspected');
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ record_id: john.id, entity: 'person' });
      expect(await h.a.duplicates.check({ entity: 'person', id: jon.id })).toMatchObject({
        matches: [{ rule: 'person-name', records: [{ id: john.id }] }],
      });
      // Another tenant's records are never matched.
      await h.b.people.create({ firstName: 'John', lastName: 'Smith' });
      expect((await h.b.duplicates.check({ entity: 'person', id: jon.id }).catch((e) => e)).code).toBe(
        'NOT_FOUND',
      );
    });

    it('applies configured rules: a name rule that blocks, a phone rule, and none at all', async ({ h }) => {
      await h.a.people.create({ firstName: 'Jon', lastName: 'Smith', phones: [{ number: '+14155550132' }] });
      const rules = await h.a.duplicates.configure(
        [
          { key: 'same-name', entity: 'person', on: 'name', threshold: 0.9, action: 'block' },
          { key: 'same-phone', entity: 'person', on: 'phone', action: 'block' },
        ],
        { version: 0 },
      );
      expect(rules).toMatchObject({
        version: 1,
        rules: [{ key: 'same-name', threshold: 0.9 }, { threshold: null }],
      });
      const byName = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.create({ firstName: 'Smith', lastName: 'John' }),
      );
      expect(byName.details.rule).toBe('same-name');
      const byPhone = await failsCleanly(h, 'DUPLICATE', () =>
        h.a.people.create({ firstName: 'Zed', phones: [{ number: '+1 (415) 555-0132' }] }),
      );
      expect(byPhone.details.rule).toBe('same-phone');
      await rapportError(h.a.duplicates.configure([], { version: 0 }), 'VERSION_CONFLICT');
      const bad = await rapportError(
        h.a.duplicates.configure([{ key: 'x', entity: 'company', on: 'email', action: 'warn' }], {
          version: 1,
        }),
        'VALIDATION_FAILED',
      );
      expectIssueAt(bad, [0, 'on']);
      await h.a.duplicates.configure([], { version: 1 });
      await h.a.people.create({ firstName: 'Jon', lastName: 'Smith', phones: [{ number: '+14155550132' }] });
      const audit = (await h.rows('audit_log')).filter((row) => row.entity === 'duplicateRules');
      expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
    });

    it('compares a create with the most recent records of a crowded name, still finding every exact match', async ({
      h,
    }) => {
      const crowd = nameCandidatesPerKey + 20;
      const people = await h.a.people.createMany(
        Array.from({ length: crowd }, (_, index) => ({
          firstName: 'Ann',
          lastName: 'Martin',
          emails: [{ address: `ann${index}@example.com` }],
        })),
      );
      const oldest = people[0]?.id as string;
      const check = await h.a.duplicates.check({
        entity: 'person',
        input: { firstName: 'Ann', lastName: 'Martin', emails: [{ address: 'ann0@example.com' }] },
      });
      const byRule = Object.fromEntries(check.matches.map((match) => [match.rule, match.records]));
      expect(check.blocked).toBe(true);
      expect(byRule['person-email']?.map((record) => record.id)).toEqual([oldest]);
      const byName = (byRule['person-name'] ?? []).map((record) => record.id).sort();
      // The name rule sees the newest records of the name, and the one the email found.
      const compared = [oldest, ...people.slice(-nameCandidatesPerKey).map((person) => person.id)];
      expect(byName).toEqual(compared.sort());
    });
  });
}

/** Scans of a tenant: groups with scores and the rule of each pair. */
function describeScan(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('scan', () => {
    it('returns the groups of duplicates with their pairs, rules and scores, best first', async ({ h }) => {
      await h.a.duplicates.configure(
        [
          { key: 'email', entity: 'person', on: 'email', action: 'warn' },
          { key: 'name', entity: 'person', on: 'name', threshold: 0.9, action: 'warn' },
          { key: 'domain', entity: 'company', on: 'domain', action: 'warn' },
          { key: 'company-name', entity: 'company', on: 'name', threshold: 0.9, action: 'warn' },
        ],
        { version: 0 },
      );
      const jon = await h.a.people.create({
        firstName: 'Jon',
        lastName: 'Smith',
        emails: [{ address: 'js@a.com' }],
      });
      const john = await h.a.people.create({ firstName: 'John', lastName: 'Smith' });
      const js = await h.a.people.create({
        firstName: 'J',
        emails: [{ address: 'js@b.com' }, { address: 'JS@a.com' }],
      });
      const ann = await h.a.people.create({ firstName: 'Ann', lastName: 'Lee' });
      const lee = await h.a.people.create({ firstName: 'Lee', lastName: 'Ann' });
      await h.a.people.create({ firstName: 'Bob', lastName: 'Brown' });
      const gone = await h.a.people.create({ firstName: 'Jon', lastName: 'Smith' });
      await h.a.people.archive(gone.id);
      const acme = await makeCompany(h.a, { name: 'ACME, Inc.' });
      const acmeCorp = await makeCompany(h.a, { name: 'Acme Corporation' });
      const result = await h.a.duplicates.scan({ entity: 'person' });
      expect(result.scanned).toBe(6);
      expect(result.total).toBe(2);
      const sorted = (ids: string[]) => [...ids].sort();
      // Both groups score 1 (a shared email; the same words in another order): the larger comes first.
      expect(result.groups.map((group) => group.recordIds)).toEqual([
        sorted([jon.id, john.id, js.id]),
        sorted([ann.id, lee.id]),
      ]);
      const smiths = result.groups[0];
      expect(smiths?.pairs).toContainEqual({ ...pairOf(jon.id, js.id), rule: 'email', score: 1 });
      expect(smiths?.pairs.find((pair) => pair.rule === 'name')?.score).toBeGreaterThan(0.9);
      const companies = await h.a.duplicates.scan({ entity: 'company', rules: ['company-name'] });
      expect(companies.groups).toEqual([
        {
          recordIds: sorted([acme.id, acmeCorp.id]),
          score: 1,
          pairs: [{ ...pairOf(acme.id, acmeCorp.id), rule: 'company-name', score: 1 }],
        },
      ]);
      expect((await h.b.duplicates.scan({ entity: 'person' })).groups).toEqual([]);
      await rapportError(h.a.duplicates.scan({ entity: 'person', rules: ['nope'] }), 'VALIDATION_FAILED');
    });
  });
}

const pairOf = (x: string, y: string) => (x < y ? { a: x, b: y } : { a: y, b: x });

/** Merges: survivorship, every related record moved, audit, and undo. */
function describeMerge(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('merge', () => {
    it('merges people: surviving values, every reference moved, the loser archived, all audited', async ({
      h,
    }) => {
      const seed = await seedTwins(h.a);
      h.clock.advance(1_000);
      const { merge, winner } = await h.a.duplicates.merge({
        entity: 'person',
        winnerId: seed.ann.id,
        loserIds: [seed.anne.id],
        survivorship: { fields: { firstName: { from: seed.anne.id }, region: { value: 'North' } } },
      });
      expect(winner).toMatchObject({
        id: seed.ann.id,
        firstName: 'Anne',
        lastName: 'Lee',
        title: 'CTO',
        region: 'North',
        companyId: seed.acme.id,
        email: 'ann@acme.com',
        phone: '+14155550132',
        emails: [
          { address: 'ann@acme.com', label: null, primary: true },
          { address: 'anne.lee@gmail.com', label: null, primary: false },
        ],
      });
      expect(await h.a.people.get(seed.ann.id)).toEqual(winner);
      const loser = await h.a.people.get(seed.anne.id);
      expect(loser.archivedAt).toBe(h.clock.iso());
      expect((await h.a.deals.get(seed.deal.id)).personIds).toEqual([seed.ann.id]);
      expect((await h.a.deals.get(seed.deal.id)).custom).toEqual({ champion: seed.ann.id });
      expect((await h.a.deals.get(seed.otherDeal.id)).personIds).toEqual([seed.ann.id]);
      expect((await h.a.activities.get(seed.call.id)).personIds).toEqual([seed.ann.id]);
      expect((await h.a.tasks.get(seed.task.id)).personId).toBe(seed.ann.id);
      expect((await h.a.orders.get(seed.order.id)).personId).toBe(seed.ann.id);
      expect(await h.a.segments.isMember(seed.list.id, seed.ann.id)).toBe(true);
      expect(await h.a.segments.isMember(seed.list.id, seed.anne.id)).toBe(false);
      // Nothing references the loser any more: it can be deleted.
      await h.a.people.delete(seed.anne.id);
      expect(merge.changed).toHaveLength(7);
      const reasons = (await h.rows('audit_log'))
        .filter((row) => row.reason === `merge ${merge.id}`)
        .map((row) => `${row.entity as string}:${row.action as string}`)
        .sort();
      expect(reasons).toEqual(
        [
          'activity:update',
          'deal:update',
          'deal:update',
          'duplicateMerge:create',
          'order:update',
          'person:archive',
          'person:update',
          'task:update',
        ].sort(),
      );
      expect(await h.a.duplicates.getMerge(merge.id)).toEqual(merge);
    });

    it('merges companies, moving people, deals, activities, tasks and orders, and takes over the domain', async ({
      h,
    }) => {
      const acme = await makeCompany(h.a, { name: 'Acme' });
      const twin = await makeCompany(h.a, { name: 'ACME Inc.', domain: 'acme.com', industry: 'Software' });
      const ann = await makePerson(h.a, { companyId: twin.id });
      const deal = await makeDeal(h.a, { companyId: twin.id });
      const call = await h.a.activities.create({ type: 'call', subject: 'Hi', companyId: twin.id });
      const task = await h.a.tasks.create({ title: 'Visit', companyId: twin.id });
      const order = await h.a.orders.create({
        companyId: twin.id,
        currency: 'USD',
        lines: [{ description: 'Widget', quantity: 1, unitPrice: 500 }],
      });
      const { winner, merge } = await h.a.duplicates.merge({
        entity: 'company',
        winnerId: acme.id,
        loserIds: [twin.id],
      });
      expect(winner).toMatchObject({ name: 'Acme', domain: 'acme.com', industry: 'Software' });
      expect((await h.a.companies.get(twin.id)).domain).toBeNull();
      expect((await h.a.people.get(ann.id)).companyId).toBe(acme.id);
      expect((await h.a.deals.get(deal.id)).companyId).toBe(acme.id);
      expect((await h.a.activities.get(call.id)).companyId).toBe(acme.id);
      expect((await h.a.tasks.get(task.id)).companyId).toBe(acme.id);
      expect((await h.a.orders.get(order.id)).companyId).toBe(acme.id);
      const events = (await h.rows('outbox')).filter((row) => row.type === 'duplicate.merged');
      expect(events).toMatchObject([
        { record_id: acme.id, payload: { mergeId: merge.id, loserIds: [twin.id] } },
      ]);
      // The loser's domain left with it: a new company with that domain is now blocked by the winner.
      const blocked = await rapportError(
        h.a.companies.create({ name: 'X', domain: 'acme.com' }),
        'DUPLICATE',
      );
      expect(blocked.details.entity).toBe('company');
    });

    it('refuses bad merges, changing nothing', async ({ h }) => {
      const ann = await makePerson(h.a);
      const bob = await makePerson(h.a);
      const self = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.duplicates.merge({ entity: 'person', winnerId: ann.id, loserIds: [ann.id] }),
      );
      expectIssueAt(self, ['loserIds', 0]);
      await failsCleanly(h, 'NOT_FOUND', () =>
        h.a.duplicates.merge({ entity: 'person', winnerId: ann.id, loserIds: ['missing'] }),
      );
      const field = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.duplicates.merge({
          entity: 'person',
          winnerId: ann.id,
          loserIds: [bob.id],
          survivorship: { fields: { planet: 'winner' } },
        }),
      );
      expectIssueAt(field, ['survivorship', 'fields', 'planet']);
      await h.a.people.archive(bob.id);
      await failsCleanly(h, 'INVALID_TRANSITION', () =>
        h.a.duplicates.merge({ entity: 'person', winnerId: ann.id, loserIds: [bob.id] }),
      );
      await failsCleanly(h, 'NOT_FOUND', () =>
        h.b.duplicates.merge({ entity: 'person', winnerId: ann.id, loserIds: [bob.id] }),
      );
    });

    it('undoes a merge, restoring every record exactly, and refuses a second undo', async ({ h }) => {
      const seed = await seedTwins(h.a);
      await h.a.customFields.define({
        entity: 'person',
        key: 'badge',
        label: 'Badge',
        type: 'text',
        unique: true,
      });
      const anne = await h.a.people.update(
        seed.anne.id,
        { custom: { badge: 'B-7' } },
        { version: seed.anne.version },
      );
      const before = await businessRows(h);
      h.clock.advance(1_000);
      const { merge, winner } = await h.a.duplicates.merge({
        entity: 'person',
        winnerId: seed.ann.id,
        loserIds: [anne.id],
        survivorship: { default: 'mostRecent' },
      });
      expect(winner.custom).toEqual({ badge: 'B-7' });
      expect(await businessRows(h)).not.toEqual(before);
      h.clock.advance(1_000);
      const undone = await h.a.duplicates.undo(merge.id);
      expect(undone).toMatchObject({
        id: merge.id,
        status: 'undone',
        undoneAt: h.clock.iso(),
        undoneBy: 'user-a',
      });
      expect(await businessRows(h)).toEqual(before);
      const reasons = (await h.rows('audit_log')).filter((row) => row.reason === `undo of merge ${merge.id}`);
      expect(reasons.length).toBe(merge.changed.length + 1);
      await failsCleanly(h, 'INVALID_TRANSITION', () => h.a.duplicates.undo(merge.id));
      await failsCleanly(h, 'NOT_FOUND', () => h.b.duplicates.undo(merge.id));
    });

    it('refuses to undo a merge after a later change of a record it changed, with the records named', async ({
      h,
    }) => {
      const seed = await seedTwins(h.a);
      const { merge } = await h.a.duplicates.merge({
        entity: 'person',
        winnerId: seed.ann.id,
        loserIds: [seed.anne.id],
      });
      const task = await h.a.tasks.get(seed.task.id);
      await h.a.tasks.update(task.id, { status: 'done' }, { version: task.version });
      const error = await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.duplicates.undo(merge.id));
      expect(error.details.records).toEqual([
        { entity: 'task', id: task.id, expected: task.version, actual: task.version + 1 },
      ]);
      expect((await h.a.duplicates.getMerge(merge.id)).status).toBe('merged');
    });
  });
}

/** Duplicates of people and companies: checked on create, scanned, merged and unmerged. */
export function describeDuplicates(makeStorage: MakeStorage): void {
  describe('duplicates', () => {
    describeCheckOnCreate(makeStorage);
    describeScan(makeStorage);
    describeMerge(makeStorage);
  });
}
