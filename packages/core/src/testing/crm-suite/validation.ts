import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { RapportErrorCode } from '../../errors/rapport-error';
import type { AnyRepository } from './fixtures';
import { makeCompany, makePerson } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly } from './harness';

/** One bad input: what is wrong, where the write goes, the error and the issue path it must carry. */
interface BadInput {
  readonly what: string;
  readonly repository: (s: CrmSession) => AnyRepository;
  readonly input: (h: Harness) => unknown;
  readonly code?: RapportErrorCode;
  readonly path: readonly (string | number)[];
}

const companies = (s: CrmSession) => s.companies;
const people = (s: CrmSession) => s.people;
const deals = (s: CrmSession) => s.deals;
const activities = (s: CrmSession) => s.activities;
const tasks = (s: CrmSession) => s.tasks;
const products = (s: CrmSession) => s.products;
const orders = (s: CrmSession) => s.orders;
const members = (s: CrmSession) => s.members;
const tags = (s: CrmSession) => s.tags;
const pipelines = (s: CrmSession) => s.pipelines;

const deal = (extra: Record<string, unknown>) => ({ name: 'Deal', amount: 100, currency: 'USD', ...extra });
const order = (extra: Record<string, unknown>) => ({
  personId: null,
  companyId: 'set-by-case',
  currency: 'USD',
  lines: [{ description: 'Widget', quantity: 1, unitPrice: 100 }],
  ...extra,
});
const stages = [{ id: 'new', name: 'New', probability: 0.1 }];

const badInputs: readonly BadInput[] = [
  // Wrong types, unknown keys, missing and empty values.
  { what: 'a number as a company name', repository: companies, input: () => ({ name: 42 }), path: ['name'] },
  { what: 'a company without a name', repository: companies, input: () => ({}), path: ['name'] },
  { what: 'a blank company name', repository: companies, input: () => ({ name: '   ' }), path: ['name'] },
  { what: 'a null company name', repository: companies, input: () => ({ name: null }), path: ['name'] },
  {
    what: 'an unknown key',
    repository: companies,
    input: () => ({ name: 'Acme', nickname: 'ACME' }),
    path: ['nickname'],
  },
  {
    what: 'a bookkeeping field as input',
    repository: companies,
    input: () => ({ name: 'Acme', version: 7 }),
    path: ['version'],
  },
  {
    what: 'an id on an entity that makes its own',
    repository: people,
    input: () => ({ firstName: 'Ann', id: 'mine' }),
    path: ['id'],
  },
  {
    what: 'a derived field as input',
    repository: people,
    input: () => ({ firstName: 'Ann', email: 'ann@example.com' }),
    path: ['email'],
  },
  {
    what: 'a NUL character in text',
    repository: companies,
    input: () => ({ name: 'Acme\u0000Corp' }),
    path: ['name'],
  },
  {
    what: 'a lone surrogate in text',
    repository: people,
    input: () => ({ firstName: 'Ann\uD800' }),
    path: ['firstName'],
  },
  {
    what: 'a NUL character in a tag',
    repository: companies,
    input: () => ({ name: 'Acme', tags: ['ok', 'v\u0000ip'] }),
    path: ['tags', 1],
  },
  {
    what: 'a name longer than allowed (1 MB)',
    repository: companies,
    input: () => ({ name: 'x'.repeat(1_000_000) }),
    path: ['name'],
  },
  {
    what: 'a huge text in a short field',
    repository: people,
    input: () => ({ firstName: 'é'.repeat(201) }),
    path: ['firstName'],
  },
  {
    what: 'an invalid domain',
    repository: companies,
    input: () => ({ name: 'Acme', domain: 'not a domain' }),
    path: ['domain'],
  },
  {
    what: 'a company size outside the enum',
    repository: companies,
    input: () => ({ name: 'Acme', size: '7' }),
    path: ['size'],
  },
  {
    what: 'a country name in an address',
    repository: companies,
    input: () => ({ name: 'Acme', address: { country: 'France' } }),
    path: ['address', 'country'],
  },
  {
    what: 'an unknown address key',
    repository: companies,
    input: () => ({ name: 'Acme', address: { planet: 'Mars' } }),
    path: ['address', 'planet'],
  },
  {
    what: 'a tag list that is a string',
    repository: companies,
    input: () => ({ name: 'Acme', tags: 'vip' }),
    path: ['tags'],
  },
  {
    what: 'an empty tag',
    repository: companies,
    input: () => ({ name: 'Acme', tags: ['vip', ' '] }),
    path: ['tags', 1],
  },
  // People.
  {
    what: 'a bad email address',
    repository: people,
    input: () => ({ emails: [{ address: 'ann-at-example.com' }] }),
    path: ['emails', 0, 'address'],
  },
  {
    what: 'a second bad email address',
    repository: people,
    input: () => ({ emails: [{ address: 'a@example.com' }, { address: 'b@' }] }),
    path: ['emails', 1, 'address'],
  },
  {
    what: 'two primary emails',
    repository: people,
    input: () => ({
      emails: [
        { address: 'a@example.com', primary: true },
        { address: 'b@example.com', primary: true },
      ],
    }),
    path: ['emails'],
  },
  {
    what: 'two primary phones',
    repository: people,
    input: () => ({
      firstName: 'Ann',
      phones: [
        { number: '+14155550132', primary: true },
        { number: '+14155550133', primary: true },
      ],
    }),
    path: ['phones'],
  },
  {
    what: 'a phone number that is not one',
    repository: people,
    input: () => ({ firstName: 'Ann', phones: [{ number: '12345' }] }),
    path: ['phones', 0, 'number'],
  },
  {
    what: 'a local phone number with no default country',
    repository: people,
    input: () => ({ firstName: 'Ann', phones: [{ number: '(415) 555-0132' }] }),
    path: ['phones', 0, 'number'],
  },
  {
    what: 'an email list that is a string',
    repository: people,
    input: () => ({ firstName: 'Ann', emails: 'ann@example.com' }),
    path: ['emails'],
  },
  {
    what: 'an unknown key in an email entry',
    repository: people,
    input: () => ({ emails: [{ address: 'a@example.com', verified: true }] }),
    path: ['emails', 0, 'verified'],
  },
  {
    what: 'a person with no name and no email',
    repository: people,
    input: () => ({ title: 'CEO' }),
    path: ['lastName'],
  },
  {
    what: '29 February of a common year',
    repository: people,
    input: () => ({ firstName: 'Ann', birthday: '2023-02-29' }),
    path: ['birthday'],
  },
  {
    what: 'a thirteenth month',
    repository: people,
    input: () => ({ firstName: 'Ann', birthday: '2024-13-01' }),
    path: ['birthday'],
  },
  {
    what: 'a date with a time',
    repository: people,
    input: () => ({ firstName: 'Ann', birthday: '1990-05-01T00:00:00Z' }),
    path: ['birthday'],
  },
  {
    what: 'a lifecycle stage outside the enum',
    repository: people,
    input: () => ({ firstName: 'Ann', lifecycleStage: 'vip' }),
    path: ['lifecycleStage'],
  },
  {
    what: 'a consent flag that is not a boolean',
    repository: people,
    input: () => ({ firstName: 'Ann', consent: { email: 'yes' } }),
    path: ['consent', 'email'],
  },
  // Deals and money.
  {
    what: 'an unknown currency',
    repository: deals,
    input: () => deal({ currency: 'XYZ' }),
    path: ['currency'],
  },
  {
    what: 'a float amount of money',
    repository: deals,
    input: () => deal({ amount: 10.5 }),
    path: ['amount'],
  },
  {
    what: 'an amount as a string',
    repository: deals,
    input: () => deal({ amount: '100' }),
    path: ['amount'],
  },
  {
    what: 'an infinite amount',
    repository: deals,
    input: () => deal({ amount: Number.POSITIVE_INFINITY }),
    path: ['amount'],
  },
  {
    what: 'NaN as an amount',
    repository: deals,
    input: () => deal({ amount: Number.NaN }),
    path: ['amount'],
  },
  {
    what: 'an amount beyond safe integers',
    repository: deals,
    input: () => deal({ amount: 2 ** 53 }),
    path: ['amount'],
  },
  {
    what: 'a lost deal without a lost reason',
    repository: deals,
    input: () => deal({ status: 'lost' }),
    path: ['lostReason'],
  },
  {
    what: 'a deal status outside the enum',
    repository: deals,
    input: () => deal({ status: 'pending' }),
    path: ['status'],
  },
  {
    what: 'a probability above 1',
    repository: deals,
    input: () => deal({ probability: 1.5 }),
    path: ['probability'],
  },
  {
    what: 'a stage without its pipeline',
    repository: deals,
    input: () => deal({ stageId: 'new' }),
    path: ['pipelineId'],
  },
  {
    what: '30 February as a close date',
    repository: deals,
    input: () => deal({ expectedCloseDate: '2025-02-30' }),
    path: ['expectedCloseDate'],
  },
  {
    what: 'an instant without an offset',
    repository: deals,
    input: () => deal({ closedAt: '2025-01-01T10:00:00' }),
    path: ['closedAt'],
  },
  {
    what: 'an instant in words',
    repository: deals,
    input: () => deal({ closedAt: 'yesterday' }),
    path: ['closedAt'],
  },
  // Activities, tasks, products, orders.
  {
    what: 'an activity type outside the enum',
    repository: activities,
    input: () => ({ type: 'lunch', companyId: 'x' }),
    path: ['type'],
  },
  {
    what: 'an activity linked to nothing',
    repository: activities,
    input: () => ({ type: 'note' }),
    path: ['personIds'],
  },
  {
    what: 'a negative duration',
    repository: activities,
    input: () => ({ type: 'call', companyId: 'x', durationMinutes: -5 }),
    path: ['durationMinutes'],
  },
  {
    what: 'a reminder after the due time',
    repository: tasks,
    input: () => ({ title: 'Call', dueAt: '2025-01-01T10:00:00Z', remindAt: '2025-01-02T10:00:00Z' }),
    path: ['remindAt'],
  },
  {
    what: 'a task status outside the enum',
    repository: tasks,
    input: () => ({ title: 'Call', status: 'pending' }),
    path: ['status'],
  },
  {
    what: 'a negative unit price',
    repository: products,
    input: () => ({ sku: 'A', name: 'A', unitPrice: -1 }),
    path: ['unitPrice'],
  },
  {
    what: 'a product without a sku',
    repository: products,
    input: () => ({ name: 'A', unitPrice: 1 }),
    path: ['sku'],
  },
  {
    what: 'a product flag that is not a boolean',
    repository: products,
    input: () => ({ sku: 'A', name: 'A', unitPrice: 1, active: 'yes' }),
    path: ['active'],
  },
  { what: 'an order with no lines', repository: orders, input: () => order({ lines: [] }), path: ['lines'] },
  {
    what: 'an order line whose amount is not quantity × unit price',
    repository: orders,
    input: () => order({ lines: [{ quantity: 2, unitPrice: 500, amount: 999 }] }),
    path: ['lines', 0, 'amount'],
  },
  {
    what: 'an order line with quantity 0',
    repository: orders,
    input: () => order({ lines: [{ quantity: 0, unitPrice: 500 }] }),
    path: ['lines', 0, 'quantity'],
  },
  {
    what: 'an order line with a float price',
    repository: orders,
    input: () => order({ lines: [{ quantity: 1, unitPrice: 4.99 }] }),
    path: ['lines', 0, 'unitPrice'],
  },
  {
    what: 'an unknown key in an order line',
    repository: orders,
    input: () => order({ lines: [{ quantity: 1, unitPrice: 5, discount: 1 }] }),
    path: ['lines', 0, 'discount'],
  },
  {
    what: 'an order for nobody',
    repository: orders,
    input: () => order({ companyId: null }),
    path: ['personId'],
  },
  {
    what: 'an order total as input',
    repository: orders,
    input: () => order({ total: 100 }),
    path: ['total'],
  },
  // Members, tags, pipelines.
  { what: 'a member without its id', repository: members, input: () => ({ name: 'Mia' }), path: ['id'] },
  {
    what: 'a member who manages themself',
    repository: members,
    input: () => ({ id: 'm1', name: 'Mia', managerId: 'm1' }),
    path: ['managerId'],
  },
  {
    what: 'a bad member email',
    repository: members,
    input: () => ({ id: 'm1', name: 'Mia', email: 'mia' }),
    path: ['email'],
  },
  {
    what: 'a fractional capacity',
    repository: members,
    input: () => ({ id: 'm1', name: 'Mia', capacity: 1.5 }),
    path: ['capacity'],
  },
  {
    what: 'a colour name instead of a hex colour',
    repository: tags,
    input: () => ({ name: 'vip', color: 'red' }),
    path: ['color'],
  },
  {
    what: 'custom values on an entity without custom fields',
    repository: tags,
    input: () => ({ name: 'vip', custom: {} }),
    path: ['custom'],
  },
  {
    what: 'a pipeline without stages',
    repository: pipelines,
    input: () => ({ name: 'Sales', stages: [] }),
    path: ['stages'],
  },
  {
    what: 'two stages with one id',
    repository: pipelines,
    input: () => ({ name: 'Sales', stages: [...stages, ...stages] }),
    path: ['stages', 1, 'id'],
  },
  {
    what: 'a stage probability above 1',
    repository: pipelines,
    input: () => ({ name: 'Sales', stages: [{ id: 'a', name: 'A', probability: 2 }] }),
    path: ['stages', 0, 'probability'],
  },
  // Custom values.
  {
    what: 'custom values that are not an object',
    repository: companies,
    input: () => ({ name: 'Acme', custom: 'gold' }),
    path: ['custom'],
  },
  {
    what: 'custom values as an array',
    repository: companies,
    input: () => ({ name: 'Acme', custom: ['gold'] }),
    path: ['custom'],
  },
  {
    what: 'an undefined custom field',
    repository: companies,
    input: () => ({ name: 'Acme', custom: { tier: 'gold' } }),
    path: ['custom', 'tier'],
  },
  // Prototype pollution.
  {
    what: 'a __proto__ key',
    repository: companies,
    input: () => JSON.parse('{"name":"Acme","__proto__":{"polluted":true}}'),
    path: ['__proto__'],
  },
  {
    what: 'a constructor key',
    repository: companies,
    input: () => ({ name: 'Acme', constructor: { prototype: { polluted: true } } }),
    path: ['constructor'],
  },
  {
    what: 'a __proto__ custom key',
    repository: companies,
    input: () => JSON.parse('{"name":"Acme","custom":{"__proto__":{"polluted":true}}}'),
    path: ['custom', '__proto__'],
  },
  {
    what: 'a constructor custom key',
    repository: companies,
    input: () => ({ name: 'Acme', custom: { constructor: { prototype: { polluted: true } } } }),
    path: ['custom', 'constructor'],
  },
  {
    what: 'a __proto__ key in an address',
    repository: companies,
    input: () => JSON.parse('{"name":"Acme","address":{"__proto__":{"polluted":true}}}'),
    path: ['address', '__proto__'],
  },
  // Non-objects.
  { what: 'null', repository: companies, input: () => null, path: [] },
  { what: 'undefined', repository: companies, input: () => undefined, path: [] },
  { what: 'a string', repository: companies, input: () => 'Acme', path: [] },
  { what: 'a number', repository: companies, input: () => 42, path: [] },
  { what: 'an array', repository: companies, input: () => [{ name: 'Acme' }], path: [] },
  { what: 'a Date', repository: companies, input: () => new Date(), path: [] },
];

/** Bad references: to records that do not exist, or that exist only in another tenant. */
const badReferences: readonly BadInput[] = [
  {
    what: 'a company that does not exist',
    repository: people,
    input: () => ({ firstName: 'Ann', companyId: 'no-such-company' }),
    code: 'INVALID_REFERENCE',
    path: ['companyId'],
  },
  {
    what: "another tenant's company",
    repository: people,
    input: async (h) => ({ firstName: 'Ann', companyId: (await makeCompany(h.b)).id }),
    code: 'INVALID_REFERENCE',
    path: ['companyId'],
  },
  {
    what: 'an owner who is not a member',
    repository: companies,
    input: () => ({ name: 'Acme', ownerId: 'nobody' }),
    code: 'INVALID_REFERENCE',
    path: ['ownerId'],
  },
  {
    what: "another tenant's member as owner",
    repository: companies,
    input: async (h) => ({
      name: 'Acme',
      ownerId: (await h.b.members.create({ id: 'shared-id', name: 'Bea' })).id,
    }),
    code: 'INVALID_REFERENCE',
    path: ['ownerId'],
  },
  {
    what: 'a missing person among the people of a deal',
    repository: deals,
    input: async (h) => deal({ personIds: [(await makePerson(h.a)).id, 'no-such-person'] }),
    code: 'INVALID_REFERENCE',
    path: ['personIds', 1],
  },
  {
    what: "another tenant's person among the people of a deal",
    repository: deals,
    input: async (h) => deal({ personIds: [(await makePerson(h.b)).id] }),
    code: 'INVALID_REFERENCE',
    path: ['personIds', 0],
  },
  {
    what: 'a pipeline that does not exist',
    repository: deals,
    input: () => deal({ pipelineId: 'no-such-pipeline', stageId: 'new' }),
    code: 'INVALID_REFERENCE',
    path: ['pipelineId'],
  },
  {
    what: 'a deal that does not exist',
    repository: activities,
    input: () => ({ type: 'call', dealId: 'no-such-deal' }),
    code: 'INVALID_REFERENCE',
    path: ['dealId'],
  },
  {
    what: 'an assignee who is not a member',
    repository: tasks,
    input: () => ({ title: 'Call', assigneeId: 'nobody' }),
    code: 'INVALID_REFERENCE',
    path: ['assigneeId'],
  },
  {
    what: 'a manager who is not a member',
    repository: members,
    input: () => ({ id: 'm1', name: 'Mia', managerId: 'nobody' }),
    code: 'INVALID_REFERENCE',
    path: ['managerId'],
  },
  {
    what: "another tenant's company on an order",
    repository: orders,
    input: async (h) => order({ companyId: (await makeCompany(h.b)).id }),
    code: 'INVALID_REFERENCE',
    path: ['companyId'],
  },
];

/** Bad input of every kind is refused with a typed error, an issue at the right path, and no write. */
export function describeValidation(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('validation', () => {
    for (const bad of badInputs) {
      it(`rejects ${bad.what} with ${bad.code ?? 'VALIDATION_FAILED'} at ${bad.path.join('.') || '(root)'} and changes nothing`, async ({
        h,
      }) => {
        // Orders need a company to point at so that only the bad part is wrong.
        let input = await bad.input(h);
        if (
          typeof input === 'object' &&
          input !== null &&
          (input as { companyId?: unknown }).companyId === 'set-by-case'
        ) {
          input = { ...input, companyId: (await makeCompany(h.a)).id };
        }
        const error = await failsCleanly(h, bad.code ?? 'VALIDATION_FAILED', () =>
          bad.repository(h.a).create(input as never),
        );
        expectIssueAt(error, bad.path);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    }

    for (const bad of badReferences) {
      it(`rejects a reference to ${bad.what} with INVALID_REFERENCE at ${bad.path.join('.')} and changes nothing`, async ({
        h,
      }) => {
        const input = await bad.input(h);
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          bad.repository(h.a).create(input as never),
        );
        expectIssueAt(error, bad.path);
      });
    }

    it('reports every issue of an input at once', async ({ h }) => {
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.companies.create({ name: '', domain: 'nope', size: 'huge', nickname: 'x' } as never),
      );
      for (const path of [['name'], ['domain'], ['size'], ['nickname']]) expectIssueAt(error, path);
    });

    it('rejects a createMany with one bad row among many, writing nothing, the issue path starting with its index', async ({
      h,
    }) => {
      const rows = Array.from({ length: 6 }, (_, index) => ({
        firstName: `P${index}`,
        emails: [{ address: `p${index}@example.com` }],
      }));
      rows[3] = { firstName: 'P3', emails: [{ address: 'not-an-email' }] };
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.people.createMany(rows));
      expect(error.issues.map((issue) => issue.path)).toEqual([[3, 'emails', 0, 'address']]);
    });

    it('rejects a createMany whose last row points at a missing record, writing nothing, with the row index in the path', async ({
      h,
    }) => {
      const company = await makeCompany(h.a);
      const rows = [
        { firstName: 'A', companyId: company.id },
        { firstName: 'B' },
        { firstName: 'C', companyId: 'no-such-company' },
      ];
      const error = await failsCleanly(h, 'INVALID_REFERENCE', () => h.a.people.createMany(rows));
      expect(error.issues.map((issue) => issue.path)).toEqual([[2, 'companyId']]);
    });

    it('rejects a null, a string or an object where createMany takes a list, with MISUSE', async ({ h }) => {
      for (const notAList of [null, undefined, 'rows', { firstName: 'Ann' }]) {
        await failsCleanly(h, 'MISUSE', () => h.a.people.createMany(notAList as never));
      }
    });

    it('rejects null and non-objects inside a createMany at their index', async ({ h }) => {
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.people.createMany([{ firstName: 'Ann' }, null, 'Bob'] as never),
      );
      expectIssueAt(error, [1]);
      expectIssueAt(error, [2]);
    });

    it('accepts an empty createMany and writes nothing', async ({ h }) => {
      const before = await h.snapshot();
      expect(await h.a.people.createMany([])).toEqual([]);
      expect(await h.snapshot()).toEqual(before);
    });

    describe('updates', () => {
      it('rejects a bad value on update with VALIDATION_FAILED at its path and changes nothing', async ({
        h,
      }) => {
        const person = await makePerson(h.a, { emails: [{ address: 'ann@example.com' }] });
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.people.update(
            person.id,
            { birthday: '2023-02-29', lifecycleStage: 'vip' as never },
            { version: 1 },
          ),
        );
        expectIssueAt(error, ['birthday']);
        expectIssueAt(error, ['lifecycleStage']);
      });

      it('rejects an unknown key on update', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { nickname: 'x' } as never, { version: 1 }),
        );
        expectIssueAt(error, ['nickname']);
      });

      it('rejects bookkeeping fields on update: version, createdAt, archivedAt', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const field of ['version', 'createdAt', 'archivedAt', 'updatedBy']) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, { [field]: null } as never, { version: 1 }),
          );
          expectIssueAt(error, [field]);
        }
      });

      it('rejects a change of id', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { id: 'other' } as never, { version: 1 }),
        );
        expectIssueAt(error, ['id']);
      });

      it('rejects changes that are not an object', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const changes of [null, 'x', 42, [{ name: 'B' }]]) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, changes as never, { version: 1 }),
          );
          expectIssueAt(error, []);
        }
      });

      it('rejects clearing a required field', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { name: null } as never, { version: 1 }),
        );
        expectIssueAt(error, ['name']);
      });

      it('rejects prototype-pollution keys on update', async ({ h }) => {
        const company = await makeCompany(h.a);
        const changes = JSON.parse(
          '{"__proto__":{"polluted":true},"custom":{"__proto__":{"polluted":true}}}',
        );
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, changes, { version: 1 }),
        );
        expectIssueAt(error, ['__proto__']);
        expectIssueAt(error, ['custom', '__proto__']);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });

      it('rejects an update to a missing reference with INVALID_REFERENCE', async ({ h }) => {
        const person = await makePerson(h.a);
        const other = await makeCompany(h.b);
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.a.people.update(person.id, { companyId: other.id }, { version: 1 }),
        );
        expectIssueAt(error, ['companyId']);
      });

      it('rejects an update without a version with MISUSE', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const options of [undefined, {}, { version: '1' }, { version: 1.5 }]) {
          await failsCleanly(h, 'MISUSE', () =>
            h.a.companies.update(company.id, { industry: 'x' }, options as never),
          );
        }
      });

      it('rejects an update of a record that does not exist with NOT_FOUND', async ({ h }) => {
        await failsCleanly(h, 'NOT_FOUND', () =>
          h.a.companies.update('no-such-id', { industry: 'x' }, { version: 1 }),
        );
      });

      it('rejects an id that is not a non-empty string with VALIDATION_FAILED at id', async ({ h }) => {
        await makeCompany(h.a);
        for (const id of [42, null, '', 'x'.repeat(300)]) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(id as never, { industry: 'x' }, { version: 1 }),
          );
          expectIssueAt(error, ['id']);
        }
      });
    });

    it('rejects a session without a tenant or an actor with MISUSE', async ({ h }) => {
      for (const context of [
        { tenantId: '', actor: { id: 'u' } },
        { tenantId: 't', actor: { id: ' ' } },
        { tenantId: 't' },
        null,
      ]) {
        expect(() => h.crm.as(context as never)).toThrowError(expect.objectContaining({ code: 'MISUSE' }));
      }
    });
  });
}
