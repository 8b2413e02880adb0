import { describe, expect } from 'vitest';
import type { AssignmentDecision } from '../../assignment/assignment-decision';
import type { CrmSession } from '../../crm';
import type { Filter } from '../../filter/filter-types';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

const day = 86_400_000;

/** Members Ann, Bo, Cy and Di (ids `ann`, ...), of team `north` unless told, and what else is given. */
async function seedMembers(
  s: CrmSession,
  overrides: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  const names = { ann: 'Ann', bo: 'Bo', cy: 'Cy', di: 'Di' } as const;
  await s.members.createMany(
    Object.entries(names).map(([id, name]) => ({ id, name, team: 'north', ...overrides[id] })),
  );
}

async function leads(s: CrmSession, count: number, input: Record<string, unknown> = {}): Promise<string[]> {
  const created = await s.people.createMany(
    Array.from({ length: count }, (_, index) => ({
      firstName: `Lead ${index}`,
      lifecycleStage: 'lead',
      ...input,
    })),
  );
  return created.map((person) => person.id);
}

const owners = (decisions: readonly AssignmentDecision[]) => decisions.map((decision) => decision.memberId);

/** Assigns the leads one call at a time, as separate arrivals would. */
async function assignEach(h: Harness, ids: readonly string[]): Promise<AssignmentDecision[]> {
  const decisions: AssignmentDecision[] = [];
  for (const id of ids) decisions.push(await h.a.assignment.assign({ entity: 'person', id }));
  return decisions;
}

/**
 * Assignment rules: each strategy (round robin, weighted by member weight and by won deals, territory and
 * skills, capacity per period), members skipped for being inactive, away or opted out, rules chosen by
 * their condition in priority order, the decision log and the audited owner change.
 */
export function describeAssignment(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('assignment', () => {
    it('rotates round robin through the pool in order, and changes the owner through the write path', async ({
      h,
    }) => {
      await seedMembers(h.a);
      const rule = await h.a.assignment.createRule({
        name: 'Leads',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { memberIds: ['cy', 'ann', 'bo'] },
      });
      const ids = await leads(h.a, 7);
      const decisions = await assignEach(h, ids);
      expect(owners(decisions)).toEqual(['cy', 'ann', 'bo', 'cy', 'ann', 'bo', 'cy']);
      expect(decisions.map((decision) => decision.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(decisions[0]).toMatchObject({
        outcome: 'assigned',
        ruleId: rule.id,
        ruleName: 'Leads',
        strategy: 'roundRobin',
        previousOwnerId: null,
        actorId: 'user-a',
      });
      expect(decisions[3]?.reason).toBe(
        'Rule "Leads" (round robin) assigned it to Cy: next in turn among 3 eligible (last assigned by this rule at decision 1)',
      );
      const person = await h.a.people.get(ids[0] as string);
      expect(person).toMatchObject({ ownerId: 'cy', version: 2 });
      const [update] = (await h.a.people.history(person.id)).filter((entry) => entry.action === 'update');
      expect(update?.changes.ownerId).toEqual({ before: null, after: 'cy' });
      expect(update?.reason).toBe(`Assignment decision ${decisions[0]?.id}: ${decisions[0]?.reason}`);
      const outbox = (await h.tenantRows('outbox', tenantA)).filter(
        (row) => row.record_id === person.id && row.type === 'person.updated',
      );
      expect(outbox).toHaveLength(1);
    });

    it('skips inactive, archived, opted-out and away members, and takes a member back once away is over', async ({
      h,
    }) => {
      await seedMembers(h.a, {
        bo: { active: false },
        cy: { assignmentOptOut: true },
        di: { awayUntil: new Date(h.clock.now().getTime() + 2 * day) },
      });
      await h.a.members.create({ id: 'eve', name: 'Eve', team: 'north' });
      await h.a.members.archive('eve');
      await h.a.assignment.createRule({
        name: 'North',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { team: 'north' },
      });
      const [first, second] = await assignEach(h, await leads(h.a, 2));
      expect(owners([first, second] as AssignmentDecision[])).toEqual(['ann', 'ann']);
      const candidates = first?.rules[0]?.candidates;
      expect(candidates?.map(({ memberId, eligible, skip }) => ({ memberId, eligible, skip }))).toEqual([
        { memberId: 'ann', eligible: true, skip: undefined },
        { memberId: 'bo', eligible: false, skip: 'inactive' },
        { memberId: 'cy', eligible: false, skip: 'optedOut' },
        { memberId: 'di', eligible: false, skip: 'away' },
        { memberId: 'eve', eligible: false, skip: 'archived' },
      ]);
      expect(first?.reason).toContain(
        'skipped Bo (inactive), Cy (opted out of assignment), Di (away until 2025-01-17T09:30:00.000Z), Eve (archived)',
      );
      h.clock.advance(2 * day);
      // Di is back, has never had a turn, and goes first; then the rotation goes on.
      expect(owners(await assignEach(h, await leads(h.a, 3)))).toEqual(['di', 'ann', 'di']);
    });

    it('matches territory and skills: region, the company’s industry and a language custom field', async ({
      h,
    }) => {
      await h.a.customFields.define({ entity: 'person', key: 'language', label: 'Language', type: 'text' });
      await seedMembers(h.a, {
        ann: { region: 'North', industries: ['Retail'], languages: ['en'] },
        bo: { region: 'north', industries: ['Banking', 'retail'], languages: ['de', 'en'] },
        cy: { region: 'South', industries: ['Retail'], languages: ['de'] },
        di: { region: 'North', industries: [], languages: ['de'] },
      });
      await h.a.assignment.createRule({
        name: 'Territory',
        entity: 'person',
        strategy: 'roundRobin',
        match: [
          { attribute: 'region' },
          { attribute: 'industry' },
          { attribute: 'language', field: 'custom.language' },
        ],
      });
      const shop = await h.a.companies.create({ name: 'Shop', industry: 'RETAIL' });
      const [german] = await leads(h.a, 1, {
        region: 'North',
        companyId: shop.id,
        custom: { language: 'de' },
      });
      const decision = await h.a.assignment.assign({ entity: 'person', id: german as string });
      expect(decision.memberId).toBe('bo');
      expect(decision.rules[0]?.candidates.map((candidate) => candidate.detail)).toEqual([
        'language: the record has de (custom.language), the member en',
        'never assigned by this rule',
        'region: the record has North (region), the member South',
        'industry: the record has RETAIL (company.industry), the member none',
      ]);
      // A record without a value for a criterion is not narrowed by it.
      const [anyone] = await leads(h.a, 1);
      expect((await h.a.assignment.assign({ entity: 'person', id: anyone as string })).memberId).toBe('ann');
      const rule = (await h.a.assignment.listRules())[0];
      expect(rule?.match).toEqual([
        { attribute: 'region', field: 'region' },
        { attribute: 'industry', field: 'company.industry' },
        { attribute: 'language', field: 'custom.language' },
      ]);
    });

    it('matches a deal’s territory through its company', async ({ h }) => {
      await seedMembers(h.a, { ann: { region: 'South' }, bo: { region: 'North' } });
      await h.a.assignment.createRule({
        name: 'Deals',
        entity: 'deal',
        strategy: 'roundRobin',
        pool: { memberIds: ['ann', 'bo'] },
        match: [{ attribute: 'region' }],
      });
      const company = await h.a.companies.create({ name: 'Northwind', region: 'North' });
      const deal = await h.a.deals.create({ name: 'Big one', amount: 100, companyId: company.id });
      const decision = await h.a.assignment.assign({ entity: 'deal', id: deal.id });
      expect(decision).toMatchObject({ memberId: 'bo', entity: 'deal' });
      expect((await h.a.deals.get(deal.id)).ownerId).toBe('bo');
    });

    it('weights by the member’s weight, spreading picks in proportion', async ({ h }) => {
      await seedMembers(h.a, {
        ann: { assignmentWeight: 2 },
        bo: { assignmentWeight: 1 },
        cy: { assignmentWeight: 0 },
      });
      await h.a.assignment.createRule({
        name: 'Weighted',
        entity: 'person',
        strategy: 'weighted',
        weights: { by: 'member' },
        pool: { memberIds: ['ann', 'bo', 'cy'] },
      });
      const decisions = await assignEach(h, await leads(h.a, 6));
      expect(owners(decisions)).toEqual(['ann', 'bo', 'ann', 'ann', 'bo', 'ann']);
      expect(decisions[0]?.rules[0]?.candidates.map((candidate) => candidate.weight)).toEqual([2, 1, 0]);
      expect(decisions[0]?.reason).toBe(
        'Rule "Weighted" (weighted by member weight) assigned it to Ann: the largest share due among 3 eligible (weight 2 of 3)',
      );
    });

    it('weights by the amount of deals won in the window, in the currency, and by their count', async ({
      h,
    }) => {
      await seedMembers(h.a);
      const won = (ownerId: string, amount: number, closedDaysAgo: number, currency = 'USD') =>
        h.a.deals.create({
          name: `${ownerId} ${amount}`,
          amount,
          currency,
          status: 'won',
          ownerId,
          closedAt: new Date(h.clock.now().getTime() - closedDaysAgo * day),
        });
      await won('ann', 3_000, 10);
      await won('bo', 1_000, 20);
      await won('bo', 500, 5);
      await won('bo', 9_999, 40); // outside the 30 days
      await won('cy', 9_999, 1, 'EUR'); // another currency
      const pool = { memberIds: ['ann', 'bo', 'cy'] };
      const byAmount = await h.a.assignment.createRule({
        name: 'Amount',
        entity: 'person',
        strategy: 'weighted',
        weights: { by: 'wonAmount', days: 30 },
        pool,
      });
      const [first] = await assignEach(h, await leads(h.a, 1));
      expect(first?.rules[0]?.candidates.map((candidate) => candidate.weight)).toEqual([3_000, 1_500, 0]);
      await h.a.assignment.archiveRule(byAmount.id);
      await h.a.assignment.createRule({
        name: 'Count',
        entity: 'person',
        strategy: 'weighted',
        weights: { by: 'wonCount', days: 30 },
        pool,
      });
      const [counted] = await assignEach(h, await leads(h.a, 1));
      expect(counted?.rules[0]?.candidates.map((candidate) => candidate.weight)).toEqual([1, 2, 1]);
      expect(counted?.memberId).toBe('bo');
    });

    it('skips members at their quota for the period and counts again in the next one', async ({ h }) => {
      await seedMembers(h.a, { ann: { capacity: 1 } });
      await h.a.assignment.createRule({
        name: 'Capped',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { memberIds: ['ann', 'bo'] },
        capacity: { period: 'day', limit: 2 },
      });
      const today = await assignEach(h, await leads(h.a, 4));
      expect(owners(today)).toEqual(['ann', 'bo', 'bo', null]);
      expect(today[2]?.rules[0]?.candidates[0]).toMatchObject({
        memberId: 'ann',
        eligible: false,
        skip: 'atCapacity',
        detail: 'at capacity: 1 of 1 today',
        load: 1,
        quota: 1,
      });
      expect(today[3]).toMatchObject({
        outcome: 'unassigned',
        ruleId: null,
        reason: 'No rule assigned it: "Capped" had no eligible member',
      });
      expect((await h.a.people.get(today[3]?.recordId as string)).ownerId).toBeNull();
      h.clock.advance(day);
      expect(owners(await assignEach(h, await leads(h.a, 2)))).toEqual(['ann', 'bo']);
    });

    it('tries rules by priority and takes the first whose condition holds and that has an eligible member', async ({
      h,
    }) => {
      await seedMembers(h.a, { cy: { active: false } });
      const fallback = await h.a.assignment.createRule({
        name: 'Everyone else',
        entity: 'person',
        priority: 100,
        strategy: 'roundRobin',
        pool: { memberIds: ['ann'] },
      });
      const north = await h.a.assignment.createRule({
        name: 'North',
        entity: 'person',
        priority: 1,
        strategy: 'roundRobin',
        condition: { field: 'region', op: 'eq', value: 'North' },
        pool: { memberIds: ['bo'] },
      });
      await h.a.assignment.createRule({
        name: 'VIP',
        entity: 'person',
        priority: 0,
        strategy: 'roundRobin',
        condition: { field: 'tags', op: 'hasAny', value: ['vip'] },
        pool: { memberIds: ['cy'] },
      });
      expect((await h.a.assignment.listRules()).map((rule) => rule.name)).toEqual([
        'VIP',
        'North',
        'Everyone else',
      ]);
      const [northern] = await leads(h.a, 1, { region: 'North' });
      const [vip] = await leads(h.a, 1, { region: 'North', tags: ['vip'] });
      const [southern] = await leads(h.a, 1, { region: 'South' });
      const toNorth = await h.a.assignment.assign({ entity: 'person', id: northern as string });
      expect(toNorth).toMatchObject({ memberId: 'bo', ruleId: north.id });
      expect(toNorth.rules.map((rule) => rule.outcome)).toEqual(['conditionFailed', 'assigned']);
      // The VIP rule's only member is inactive: the next rule that holds assigns.
      const toVip = await h.a.assignment.assign({ entity: 'person', id: vip as string });
      expect(toVip.rules.map((rule) => [rule.name, rule.outcome])).toEqual([
        ['VIP', 'noEligibleMember'],
        ['North', 'assigned'],
      ]);
      expect(await h.a.assignment.assign({ entity: 'person', id: southern as string })).toMatchObject({
        memberId: 'ann',
        ruleId: fallback.id,
      });
      // Archived rules assign nothing; without rules a decision says so and changes nothing.
      for (const rule of await h.a.assignment.listRules()) await h.a.assignment.archiveRule(rule.id);
      const [late] = await leads(h.a, 1);
      expect(await h.a.assignment.assign({ entity: 'person', id: late as string })).toMatchObject({
        outcome: 'unassigned',
        reason: 'No active assignment rule for person',
      });
    });

    it('logs every decision, readable by record, member and rule, newest first', async ({ h }) => {
      await seedMembers(h.a);
      const rule = await h.a.assignment.createRule({
        name: 'Pair',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { memberIds: ['ann', 'bo'] },
      });
      const ids = await leads(h.a, 3);
      const decisions = await h.a.assignment.assignMany({ entity: 'person', ids });
      expect(owners(decisions)).toEqual(['ann', 'bo', 'ann']);
      expect(await h.a.assignment.decisions()).toEqual([...decisions].reverse());
      expect(await h.a.assignment.decisions({ memberId: 'ann' })).toEqual([decisions[2], decisions[0]]);
      expect(await h.a.assignment.decisions({ recordId: ids[1] as string })).toEqual([decisions[1]]);
      expect(await h.a.assignment.decisions({ ruleId: rule.id, limit: 1 })).toEqual([decisions[2]]);
      expect(await h.a.assignment.decision(decisions[0]?.id as string)).toEqual(decisions[0]);
      await rapportError(h.a.assignment.decision('nope'), 'NOT_FOUND');
      // Reassigning a record records who owned it before.
      const again = await h.a.assignment.assign({ entity: 'person', id: ids[0] as string });
      expect(again).toMatchObject({ memberId: 'bo', previousOwnerId: 'ann' });
      expect(await h.b.assignment.decisions()).toEqual([]);
      expect((await h.tenantRows('assignment_decisions', tenantA)).length).toBe(4);
    });

    it('keeps the rotation and its log when assignMany fails part way: all or nothing', async ({ h }) => {
      await seedMembers(h.a);
      await h.a.assignment.createRule({ name: 'All', entity: 'person', strategy: 'roundRobin' });
      const ids = await leads(h.a, 2);
      await failsCleanly(h, 'NOT_FOUND', () =>
        h.a.assignment.assignMany({ entity: 'person', ids: [...ids, 'missing'] }),
      );
      expect(owners(await h.a.assignment.assignMany({ entity: 'person', ids }))).toEqual(['ann', 'bo']);
    });

    it('validates rules: every issue at its path, conditions as filters, members that exist', async ({
      h,
    }) => {
      await seedMembers(h.a);
      const invalid = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.assignment.createRule({
          name: '',
          entity: 'person',
          strategy: 'weighted',
          weights: { by: 'wonAmount', days: 0 },
          capacity: { period: 'year' as 'day' },
        }),
      );
      expectIssueAt(invalid, ['name']);
      expectIssueAt(invalid, ['weights', 'days']);
      expectIssueAt(invalid, ['capacity', 'period']);
      const missing = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.assignment.createRule({
          name: 'Skills',
          entity: 'person',
          strategy: 'weighted',
          match: [{ attribute: 'skill' }, { attribute: 'region', field: 'planet' }],
        }),
      );
      expectIssueAt(missing, ['match', 0, 'field']);
      expectIssueAt(missing, ['match', 1, 'field']);
      expectIssueAt(missing, ['weights']);
      const filter = await failsCleanly(h, 'INVALID_FILTER', () =>
        h.a.assignment.createRule({
          name: 'Bad',
          entity: 'person',
          strategy: 'roundRobin',
          // Loosely typed, as a filter read from a request is: the typed form refuses it at compile time.
          condition: {
            all: [
              { field: 'region', op: 'eq', value: 'N' },
              { field: 'shoeSize', op: 'eq', value: 9 },
            ],
          } as Filter,
        }),
      );
      expectIssueAt(filter, ['condition', 'all', 1, 'field']);
      const reference = await failsCleanly(h, 'INVALID_REFERENCE', () =>
        h.a.assignment.createRule({
          name: 'Ghosts',
          entity: 'person',
          strategy: 'roundRobin',
          pool: { memberIds: ['ann', 'ghost'] },
        }),
      );
      expectIssueAt(reference, ['pool', 'memberIds', 1]);
      await rapportError(h.a.assignment.assign({ entity: 'person', id: 'nobody' }), 'NOT_FOUND');
      await rapportError(h.a.assignment.assign({ entity: 'task' as 'person', id: 'x' }), 'MISUSE');
    });

    it('updates rules with their version, audits every change, and keeps the rotation', async ({ h }) => {
      await seedMembers(h.a);
      const rule = await h.a.assignment.createRule({
        name: 'Leads',
        entity: 'person',
        strategy: 'roundRobin',
        pool: { memberIds: ['ann', 'bo', 'cy'] },
      });
      await assignEach(h, await leads(h.a, 1));
      const renamed = await h.a.assignment.updateRule(rule.id, { name: 'Inbound leads' }, { version: 1 });
      expect(renamed).toMatchObject({ name: 'Inbound leads', version: 2 });
      expect(await h.a.assignment.updateRule(rule.id, { name: 'Inbound leads' }, { version: 2 })).toEqual(
        renamed,
      );
      await failsCleanly(h, 'VERSION_CONFLICT', () =>
        h.a.assignment.updateRule(rule.id, { priority: 5 }, { version: 1 }),
      );
      await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.assignment.updateRule(rule.id, { entity: 'deal' } as never, { version: 2 }),
      );
      expect(owners(await assignEach(h, await leads(h.a, 2)))).toEqual(['bo', 'cy']);
      await h.a.assignment.archiveRule(rule.id);
      expect(await h.a.assignment.listRules()).toEqual([]);
      expect((await h.a.assignment.listRules({ includeArchived: true })).map((r) => r.id)).toEqual([rule.id]);
      await h.a.assignment.restoreRule(rule.id);
      expect(owners(await assignEach(h, await leads(h.a, 1)))).toEqual(['ann']);
      const audit = await h.a.audit.list({ entity: 'assignmentRule' as never, recordId: rule.id });
      expect(audit.map((entry) => entry.action)).toEqual(['create', 'update', 'archive', 'restore']);
      expect(audit[1]?.changes.name).toEqual({ before: 'Leads', after: 'Inbound leads' });
      await rapportError(h.b.assignment.getRule(rule.id), 'NOT_FOUND');
    });

    it('passes over a rule whose condition no longer resolves instead of failing the assignment', async ({
      h,
    }) => {
      await seedMembers(h.a);
      const field = await h.a.customFields.define({
        entity: 'person',
        key: 'tier',
        label: 'Tier',
        type: 'text',
      });
      await h.a.assignment.createRule({
        name: 'Gold',
        entity: 'person',
        strategy: 'roundRobin',
        condition: { field: 'custom.tier', op: 'eq', value: 'gold' },
        pool: { memberIds: ['cy'] },
      });
      await h.a.assignment.createRule({
        name: 'Rest',
        entity: 'person',
        priority: 1,
        strategy: 'roundRobin',
        pool: { memberIds: ['ann'] },
      });
      await h.a.customFields.archive(field.id);
      const decision = (await assignEach(h, await leads(h.a, 1)))[0];
      expect(decision?.rules.map((rule) => rule.outcome)).toEqual(['conditionInvalid', 'assigned']);
      expect(decision?.memberId).toBe('ann');
    });
  });
}
