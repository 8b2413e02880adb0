import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { LeadScoringInput } from '../../leads/scoring-config';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError } from './harness';

const day = 86_400_000;

async function salesPipeline(s: CrmSession, requiredFields: string[] = []) {
  return s.pipelines.create({
    name: 'New business',
    stages: [
      { id: 'won', name: 'Won', probability: 1, kind: 'won' },
      { id: 'new', name: 'New', probability: 0.1, requiredFields },
      { id: 'demo', name: 'Demo', probability: 0.4 },
    ],
  });
}

async function capturedLead(h: Harness) {
  return h.a.leads.capture({
    channel: 'web_form',
    person: { firstName: 'Ann', lastName: 'Lee', emails: [{ address: 'ann@example.com' }] },
    message: { subject: 'Pricing', body: 'Volume discounts?' },
  });
}

/** Rows of a table in tenant A, by id. */
async function countRows(h: Harness, table: string): Promise<number> {
  return (await h.tenantRows(table, 'tenant-a')).length;
}

const scoring: LeadScoringInput = {
  fit: [
    { key: 'eu', label: 'In the EU', filter: { field: 'region', op: 'eq', value: 'EU' }, points: 10 },
    {
      key: 'director',
      filter: { field: 'title', op: 'contains', value: 'director', mode: 'insensitive' },
      points: 15,
    },
    { key: 'no-email', filter: { field: 'email', op: 'isEmpty' }, points: -20 },
  ],
  engagement: [
    { type: 'meeting', points: 20 },
    { type: 'email', direction: 'inbound', points: 5 },
  ],
  halfLifeDays: 14,
  maxAgeDays: 90,
};

/**
 * Leads: capture from every channel with matching by normalised keys, qualification and conversion into
 * customer + company + deal in one transaction, and scoring by fit and decaying engagement with
 * explanations, under the test clock.
 */
export function describeLeads(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('leads', () => {
    describe('capture', () => {
      it('creates a lead, its company and a capture activity when nothing matches', async ({ h }) => {
        const result = await h.a.leads.capture({
          channel: 'web_form',
          person: { firstName: 'Ann', emails: [{ address: 'Ann@Example.com' }], title: 'CTO' },
          company: { name: 'Example Ltd', domain: 'https://www.example.com/contact' },
          message: { subject: 'Pricing request', body: 'Do you offer volume discounts?' },
        });
        expect(result).toMatchObject({
          personMatch: 'created',
          companyMatch: 'created',
          filled: [],
          order: null,
        });
        expect(result.person).toMatchObject({
          email: 'ann@example.com',
          lifecycleStage: 'lead',
          source: 'web_form',
          companyId: result.company?.id,
        });
        expect(result.company).toMatchObject({ name: 'Example Ltd', domain: 'example.com' });
        expect(result.activity).toMatchObject({
          type: 'note',
          direction: 'inbound',
          subject: 'Pricing request',
          body: 'Do you offer volume discounts?',
          personIds: [result.person.id],
          companyId: result.company?.id,
          occurredAt: h.clock.iso(),
        });
        const reasons = (await h.a.audit.list()).map((entry) => [entry.entity, entry.reason]);
        expect(reasons).toEqual(
          expect.arrayContaining([
            ['company', 'lead capture: web_form'],
            ['person', 'lead capture: web_form'],
            ['activity', 'lead capture: web_form'],
          ]),
        );
      });

      it('matches a person by normalised email and a company by domain, filling only empty fields', async ({
        h,
      }) => {
        const company = await h.a.companies.create({ name: 'Example', domain: 'example.com' });
        const known = await h.a.people.create({
          firstName: 'Ann',
          emails: [{ address: 'ann@example.com' }],
          lifecycleStage: 'customer',
          source: 'import',
        });
        const result = await h.a.leads.capture({
          channel: 'email',
          person: { firstName: 'Annie', lastName: 'Lee', emails: [{ address: '  ANN@example.COM ' }] },
          company: { name: 'Example Ltd', domain: 'http://WWW.Example.com' },
          message: { subject: 'Re: renewal', body: 'Can we talk?' },
        });
        expect(result).toMatchObject({ personMatch: 'email', companyMatch: 'domain' });
        expect(result.filled.slice().sort()).toEqual(['companyId', 'lastName']);
        expect(result.person).toMatchObject({
          id: known.id,
          firstName: 'Ann',
          lastName: 'Lee',
          lifecycleStage: 'customer',
          source: 'import',
          companyId: company.id,
          version: 2,
        });
        expect(result.company?.id).toBe(company.id);
        expect(result.activity).toMatchObject({ type: 'email', direction: 'inbound', personIds: [known.id] });
        expect(await countRows(h, 'people')).toBe(1);
        expect(await countRows(h, 'companies')).toBe(1);
      });

      it('matches by phone when no email matches, and a company by its exact name without a domain', async ({
        h,
      }) => {
        await h.a.settings.update({ defaultCountry: 'DE' }, { version: 0 });
        const company = await h.a.companies.create({ name: 'Nordwind GmbH' });
        const known = await h.a.people.create({ lastName: 'Becker', phones: [{ number: '+49 30 1234567' }] });
        const result = await h.a.leads.capture({
          channel: 'social',
          person: {
            firstName: 'Bea',
            emails: [{ address: 'bea@nordwind.de' }],
            phones: [{ number: '030 1234567' }],
          },
          company: { name: 'Nordwind GmbH' },
        });
        expect(result).toMatchObject({
          personMatch: 'phone',
          companyMatch: 'name',
          filled: ['firstName', 'companyId'],
        });
        expect(result.person.id).toBe(known.id);
        expect(result.company?.id).toBe(company.id);
        expect(result.activity).toMatchObject({ type: 'note', subject: 'Lead captured from social' });
      });

      it('creates an e-commerce order for the lead and takes a channel the host names', async ({ h }) => {
        const shop = await h.a.leads.capture({
          channel: 'ecommerce',
          person: { firstName: 'Cy', emails: [{ address: 'cy@example.org' }] },
          order: { number: 'W-1001', lines: [{ description: 'Starter kit', quantity: 2, unitPrice: 4900 }] },
        });
        expect(shop.order).toMatchObject({ number: 'W-1001', personId: shop.person.id, total: 9800 });
        expect(shop.person.source).toBe('ecommerce');
        expect(shop.activity.body).toBe('Order W-1001');
        const partner = await h.a.leads.capture({
          channel: 'Partner_Referral',
          person: { lastName: 'Dee' },
          message: { occurredAt: '2025-01-10T08:00:00+01:00' },
        });
        expect(partner.person.source).toBe('partner_referral');
        expect(partner.activity.occurredAt).toBe('2025-01-10T07:00:00.000Z');
      });

      it('refuses bad input with every issue under its part and writes nothing', async ({ h }) => {
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.leads.capture({
            channel: 'web form!',
            person: { emails: [{ address: 'not-an-email' }], lifecycleStage: 'customer' } as never,
            company: { name: '' },
            order: { lines: [] } as never,
          }),
        );
        expectIssueAt(error, ['channel']);
        expectIssueAt(error, ['person', 'emails', 0, 'address']);
        expectIssueAt(error, ['person', 'lifecycleStage']);
        expectIssueAt(error, ['company', 'name']);
        expectIssueAt(error, ['order', 'lines']);
      });

      it('writes everything in one transaction: a failing order leaves no person, company or event', async ({
        h,
      }) => {
        const events: string[] = [];
        h.crm.events.on('*', (type) => events.push(type));
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.a.leads.capture({
            channel: 'ecommerce',
            person: { firstName: 'Eve', emails: [{ address: 'eve@example.com' }] },
            company: { name: 'Eve Co', domain: 'eve.example' },
            // The order is written last: its owner is checked inside the transaction, after the others.
            order: { ownerId: 'no-such-member', lines: [{ quantity: 1, unitPrice: 100 }] },
          }),
        );
        expectIssueAt(error, ['order', 'ownerId']);
        expect(events).toEqual([]);
      });

      it('publishes the events of its writes after commit, in order', async ({ h }) => {
        const events: string[] = [];
        h.crm.events.on('*', (type) => events.push(type));
        await h.a.leads.capture({
          channel: 'web_form',
          person: { firstName: 'Fay', emails: [{ address: 'fay@example.com' }] },
          company: { name: 'Fay Co' },
        });
        expect(events).toEqual(['company.created', 'person.created', 'activity.created']);
      });
    });

    describe('qualification and conversion', () => {
      it('converts a lead into a customer with a company and a deal in the first open stage, keeping its history', async ({
        h,
      }) => {
        const pipeline = await salesPipeline(h.a);
        const { person: lead, activity: captured } = await capturedLead(h);
        h.clock.advance(day);
        const result = await h.a.leads.convert(lead.id, {
          version: lead.version,
          company: { name: 'Example Ltd', domain: 'example.com' },
          deal: { name: 'Example, 20 seats', amount: 480_000, pipelineId: pipeline.id },
          note: 'Signed the pilot',
        });
        expect(result.person).toMatchObject({
          id: lead.id,
          lifecycleStage: 'customer',
          companyId: result.company?.id,
          source: 'web_form',
          version: lead.version + 1,
        });
        expect(result.companyMatch).toBe('created');
        expect(result.deal).toMatchObject({
          pipelineId: pipeline.id,
          stageId: 'new',
          status: 'open',
          companyId: result.company?.id,
          personIds: [lead.id],
          currency: 'USD',
        });
        expect(result.activity).toMatchObject({
          type: 'note',
          subject: 'Lead converted',
          body: 'Signed the pilot',
          personIds: [lead.id],
          companyId: result.company?.id,
          dealId: result.deal?.id,
        });
        const history = await h.a.people.history(lead.id);
        expect(history.map((entry) => [entry.action, entry.reason])).toEqual([
          ['create', 'lead capture: web_form'],
          ['update', `lead conversion: ${lead.id}`],
        ]);
        const timeline = await h.a.activities.list({
          where: { field: 'personIds', op: 'hasAny', value: [lead.id] },
        });
        expect(timeline.items.map((activity) => activity.id).sort()).toEqual(
          [captured.id, result.activity.id].sort(),
        );
        const reasons = (await h.a.audit.list())
          .filter((entry) => entry.reason === `lead conversion: ${lead.id}`)
          .map((entry) => entry.entity)
          .sort();
        expect(reasons).toEqual(['activity', 'company', 'deal', 'person']);
      });

      it('links a company given by id and opens the deal in the stage given', async ({ h }) => {
        const pipeline = await salesPipeline(h.a);
        const company = await h.a.companies.create({ name: 'Given Co' });
        const { person } = await capturedLead(h);
        const result = await h.a.leads.convert(person.id, {
          company: { id: company.id },
          deal: { name: 'Demo deal', amount: 1000, pipelineId: pipeline.id, stageId: 'demo' },
        });
        expect(result).toMatchObject({ companyMatch: 'given', company: { id: company.id } });
        expect(result.deal).toMatchObject({ stageId: 'demo', companyId: company.id });
      });

      it('qualifies a lead into a prospect, which still converts', async ({ h }) => {
        const { person } = await capturedLead(h);
        const qualified = await h.a.leads.qualify(person.id, { note: 'Budget confirmed' });
        expect(qualified.person.lifecycleStage).toBe('prospect');
        expect(qualified.activity).toMatchObject({ subject: 'Lead qualified', body: 'Budget confirmed' });
        await failsCleanly(h, 'INVALID_TRANSITION', () => h.a.leads.qualify(person.id));
        const converted = await h.a.leads.convert(person.id);
        expect(converted).toMatchObject({
          person: { lifecycleStage: 'customer' },
          deal: null,
          company: null,
        });
      });

      it('refuses a customer, an archived lead and a stale version, changing nothing', async ({ h }) => {
        const customer = await h.a.people.create({ firstName: 'Cus', lifecycleStage: 'customer' });
        const customerError = await failsCleanly(h, 'INVALID_TRANSITION', () =>
          h.a.leads.convert(customer.id),
        );
        expect(customerError.details).toMatchObject({ lifecycleStage: 'customer' });
        const { person } = await capturedLead(h);
        await failsCleanly(h, 'VERSION_CONFLICT', () =>
          h.a.leads.convert(person.id, { version: person.version + 1, company: { name: 'Never Co' } }),
        );
        await h.a.people.archive(person.id);
        await failsCleanly(h, 'INVALID_TRANSITION', () => h.a.leads.convert(person.id));
        await failsCleanly(h, 'NOT_FOUND', () => h.b.leads.convert(customer.id));
      });

      it('creates the deal through the deals write path, so stage rules refuse it and roll back the conversion', async ({
        h,
      }) => {
        const pipeline = await salesPipeline(h.a, ['expectedCloseDate']);
        const { person } = await capturedLead(h);
        const error = await failsCleanly(h, 'INVALID_TRANSITION', () =>
          h.a.leads.convert(person.id, {
            company: { name: 'Rolled Back Co' },
            deal: { name: 'No close date', amount: 100, pipelineId: pipeline.id },
          }),
        );
        expectIssueAt(error, ['deal', 'expectedCloseDate']);
        const converted = await h.a.leads.convert(person.id, {
          deal: { name: 'Dated', amount: 100, pipelineId: pipeline.id, expectedCloseDate: '2025-03-31' },
        });
        expect(converted.deal).toMatchObject({ stageId: 'new', expectedCloseDate: '2025-03-31' });
      });

      it('refuses a deal in an unknown pipeline at its path', async ({ h }) => {
        const { person } = await capturedLead(h);
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.a.leads.convert(person.id, { deal: { name: 'Lost', amount: 1, pipelineId: 'no-such-pipeline' } }),
        );
        expectIssueAt(error, ['deal', 'pipelineId']);
      });
    });

    describe('scoring', () => {
      it('validates the configuration with typed errors and versions it', async ({ h }) => {
        expect(await h.a.leads.scoring()).toMatchObject({
          version: 0,
          fit: [],
          engagement: [],
          halfLifeDays: 30,
        });
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.leads.configureScoring(
            {
              fit: [
                { key: 'x', filter: { field: 'planet', op: 'eq', value: 'Mars' } as never, points: 5 },
                { key: 'x', filter: { field: 'region', op: 'eq', value: 'EU' }, points: 1 },
              ],
              engagement: [
                { type: 'telepathy' as never, points: 1 },
                { type: 'call', points: 1.5 },
              ],
              halfLifeDays: 0,
            },
            { version: 0 },
          ),
        );
        expectIssueAt(error, ['fit', 1, 'key']);
        expectIssueAt(error, ['engagement', 0, 'type']);
        expectIssueAt(error, ['engagement', 1, 'points']);
        expectIssueAt(error, ['halfLifeDays']);
        const filterError = await rapportError(
          h.a.leads.configureScoring(
            { fit: [{ key: 'x', filter: { field: 'planet', op: 'eq', value: 'Mars' } as never, points: 5 }] },
            { version: 0 },
          ),
          'VALIDATION_FAILED',
        );
        expect(filterError.issues[0]).toMatchObject({
          code: 'invalid_filter',
          path: ['fit', 0, 'filter', 'field'],
        });
        const saved = await h.a.leads.configureScoring(scoring, { version: 0 });
        expect(saved).toMatchObject({ version: 1, halfLifeDays: 14, updatedAt: h.clock.iso() });
        expect(saved.engagement.map((rule) => rule.key)).toEqual(['meeting', 'email.inbound']);
        await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.leads.configureScoring(scoring, { version: 0 }));
        expect(await h.b.leads.scoring()).toMatchObject({ version: 0 });
      });

      it('explains a score: fit rules matched or not, engagement decaying with a half-life under the clock', async ({
        h,
      }) => {
        await h.a.leads.configureScoring(scoring, { version: 0 });
        const lead = await h.a.people.create({
          firstName: 'Gil',
          emails: [{ address: 'gil@example.com' }],
          region: 'EU',
          title: 'Sales Director',
        });
        const at = (daysAgo: number) => new Date(h.clock.now().getTime() - daysAgo * day).toISOString();
        const meeting = await h.a.activities.create({
          type: 'meeting',
          occurredAt: at(14),
          personIds: [lead.id],
        });
        const inbound = await h.a.activities.create({
          type: 'email',
          direction: 'inbound',
          occurredAt: at(0),
          personIds: [lead.id],
        });
        await h.a.activities.create({
          type: 'email',
          direction: 'outbound',
          occurredAt: at(1),
          personIds: [lead.id],
        });
        await h.a.activities.create({ type: 'meeting', occurredAt: at(91), personIds: [lead.id] });
        const score = await h.a.leads.score(lead.id);
        expect(score).toMatchObject({ score: 40, fitPoints: 25, engagementPoints: 15, configVersion: 1 });
        expect(score.fit.map(({ key, matched, points }) => ({ key, matched, points }))).toEqual([
          { key: 'eu', matched: true, points: 10 },
          { key: 'director', matched: true, points: 15 },
          { key: 'no-email', matched: false, points: 0 },
        ]);
        expect(score.fit[0]?.explanation).toMatchObject({
          kind: 'comparison',
          field: 'region',
          actual: 'EU',
          held: true,
        });
        expect(score.engagement).toEqual([
          expect.objectContaining({
            activityId: inbound.id,
            rule: 'email.inbound',
            ageDays: 0,
            decay: 1,
            points: 5,
          }),
          expect.objectContaining({
            activityId: meeting.id,
            rule: 'meeting',
            ageDays: 14,
            decay: 0.5,
            points: 10,
          }),
        ]);
        h.clock.advance(14 * day);
        const later = await h.a.leads.score(lead.id);
        expect(later).toMatchObject({ score: 33, engagementPoints: 7.5 });
        expect(later.engagement.map((contribution) => contribution.ageDays)).toEqual([14, 28]);
      });

      it("counts an activity's age in days of the tenant's time zone", async ({ h }) => {
        await h.a.leads.configureScoring(
          { engagement: [{ type: 'call', points: 8 }], halfLifeDays: 1 },
          { version: 0 },
        );
        const lead = await h.a.people.create({ firstName: 'Hal' });
        // 2025-01-15T09:30Z is the evening of the 15th in Auckland; 2025-01-14T12:00Z is already the 15th there.
        await h.a.activities.create({
          type: 'call',
          occurredAt: '2025-01-14T12:00:00.000Z',
          personIds: [lead.id],
        });
        expect((await h.a.leads.score(lead.id)).engagement[0]).toMatchObject({
          day: '2025-01-14',
          ageDays: 1,
          points: 4,
        });
        await h.a.settings.update({ timeZone: 'Pacific/Auckland' }, { version: 0 });
        expect((await h.a.leads.score(lead.id)).engagement[0]).toMatchObject({
          day: '2025-01-15',
          ageDays: 0,
          points: 8,
        });
      });

      it('ranks leads best first and stores their scores for filters and sorts', async ({ h }) => {
        await h.a.leads.configureScoring(scoring, { version: 0 });
        const eu = await h.a.people.create({
          firstName: 'Eu',
          emails: [{ address: 'eu@example.com' }],
          region: 'EU',
        });
        const director = await h.a.people.create({
          firstName: 'Dir',
          emails: [{ address: 'dir@example.com' }],
          title: 'director of IT',
          region: 'EU',
        });
        const cold = await h.a.people.create({ firstName: 'Cold' });
        await h.a.people.create({ firstName: 'Customer', region: 'EU', lifecycleStage: 'customer' });
        await h.a.activities.create({ type: 'meeting', personIds: [eu.id] });
        const ranked = await h.a.leads.rank({ store: true });
        expect(ranked.items.map((lead) => [lead.person.firstName, lead.score])).toEqual([
          ['Eu', 30],
          ['Dir', 25],
          ['Cold', -20],
        ]);
        expect(ranked).toMatchObject({ scored: 3, stored: 3 });
        const sorted = await h.a.people.list({
          orderBy: '-leadScore',
          where: { field: 'leadScore', op: 'gte', value: 0 },
        });
        expect(sorted.items.map((person) => person.id)).toEqual([eu.id, director.id]);
        expect((await h.a.people.get(cold.id)).leadScore).toBe(-20);
        const history = await h.a.people.history(cold.id);
        expect(history.at(-1)).toMatchObject({ action: 'update', reason: 'lead score' });
        expect(await h.a.leads.rank({ store: true })).toMatchObject({ stored: 0 });
        const narrowed = await h.a.leads.rank({ where: { field: 'title', op: 'isNotEmpty' }, limit: 1 });
        expect(narrowed.items.map((lead) => lead.personId)).toEqual([director.id]);
      });
    });
  });
}
