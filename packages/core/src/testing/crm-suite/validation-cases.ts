/**
 * The bad inputs the validation tests feed to create: wrong types, unknown keys, missing and empty values,
 * bad formats, broken cross-field rules, prototype-pollution keys, non-objects and dangling references.
 */
import type { CrmSession } from '../../crm';
import type { RapportErrorCode } from '../../errors/rapport-error';
import type { AnyRepository } from './fixtures';
import { makeCompany, makePerson } from './fixtures';
import type { Harness } from './harness';

/** One bad input: what is wrong, where the write goes, the error and the issue path it must carry. */
export interface BadInput {
  readonly what: string;
  readonly repository: (s: CrmSession) => AnyRepository;
  readonly input: (h: Harness) => unknown;
  readonly code?: RapportErrorCode;
  readonly path: readonly (string | number)[];
}

/** A bad input, in one line. */
function bad(
  what: string,
  repository: BadInput['repository'],
  input: BadInput['input'],
  path: BadInput['path'],
  code?: RapportErrorCode,
): BadInput {
  return { what, repository, input, path, ...(code === undefined ? {} : { code }) };
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

export const badInputs: readonly BadInput[] = [
  // Wrong types, unknown keys, missing and empty values.
  bad('a number as a company name', companies, () => ({ name: 42 }), ['name']),
  bad('a company without a name', companies, () => ({}), ['name']),
  bad('a blank company name', companies, () => ({ name: '   ' }), ['name']),
  bad('a null company name', companies, () => ({ name: null }), ['name']),
  bad('an unknown key', companies, () => ({ name: 'Acme', nickname: 'ACME' }), ['nickname']),
  bad('a bookkeeping field as input', companies, () => ({ name: 'Acme', version: 7 }), ['version']),
  bad('an id on an entity that makes its own', people, () => ({ firstName: 'Ann', id: 'mine' }), ['id']),
  bad('a derived field as input', people, () => ({ firstName: 'Ann', email: 'ann@example.com' }), ['email']),
  bad('a NUL character in text', companies, () => ({ name: 'Acme\u0000Corp' }), ['name']),
  bad('a lone surrogate in text', people, () => ({ firstName: 'Ann\uD800' }), ['firstName']),
  bad('a NUL character in a tag', companies, () => ({ name: 'Acme', tags: ['ok', 'v\u0000ip'] }), [
    'tags',
    1,
  ]),
  bad('a name longer than allowed (1 MB)', companies, () => ({ name: 'x'.repeat(1_000_000) }), ['name']),
  bad('a huge text in a short field', people, () => ({ firstName: 'é'.repeat(201) }), ['firstName']),
  bad('an invalid domain', companies, () => ({ name: 'Acme', domain: 'not a domain' }), ['domain']),
  bad('a company size outside the enum', companies, () => ({ name: 'Acme', size: '7' }), ['size']),
  bad('a country name in an address', companies, () => ({ name: 'Acme', address: { country: 'France' } }), [
    'address',
    'country',
  ]),
  bad('an unknown address key', companies, () => ({ name: 'Acme', address: { planet: 'Mars' } }), [
    'address',
    'planet',
  ]),
  bad('a tag list that is a string', companies, () => ({ name: 'Acme', tags: 'vip' }), ['tags']),
  bad('an empty tag', companies, () => ({ name: 'Acme', tags: ['vip', ' '] }), ['tags', 1]),
  // People.
  bad('a bad email address', people, () => ({ emails: [{ address: 'ann-at-example.com' }] }), [
    'emails',
    0,
    'address',
  ]),
  bad(
    'a second bad email address',
    people,
    () => ({ emails: [{ address: 'a@example.com' }, { address: 'b@' }] }),
    ['emails', 1, 'address'],
  ),
  bad(
    'two primary emails',
    people,
    () => ({
      emails: [
        { address: 'a@example.com', primary: true },
        { address: 'b@example.com', primary: true },
      ],
    }),
    ['emails'],
  ),
  bad(
    'two primary phones',
    people,
    () => ({
      firstName: 'Ann',
      phones: [
        { number: '+14155550132', primary: true },
        { number: '+14155550133', primary: true },
      ],
    }),
    ['phones'],
  ),
  bad('a phone number that is not one', people, () => ({ firstName: 'Ann', phones: [{ number: '12345' }] }), [
    'phones',
    0,
    'number',
  ]),
  bad(
    'a local phone number with no default country',
    people,
    () => ({ firstName: 'Ann', phones: [{ number: '(415) 555-0132' }] }),
    ['phones', 0, 'number'],
  ),
  bad('an email list that is a string', people, () => ({ firstName: 'Ann', emails: 'ann@example.com' }), [
    'emails',
  ]),
  bad(
    'an unknown key in an email entry',
    people,
    () => ({ emails: [{ address: 'a@example.com', verified: true }] }),
    ['emails', 0, 'verified'],
  ),
  bad('a person with no name and no email', people, () => ({ title: 'CEO' }), ['lastName']),
  bad('29 February of a common year', people, () => ({ firstName: 'Ann', birthday: '2023-02-29' }), [
    'birthday',
  ]),
  bad('a thirteenth month', people, () => ({ firstName: 'Ann', birthday: '2024-13-01' }), ['birthday']),
  bad('a date with a time', people, () => ({ firstName: 'Ann', birthday: '1990-05-01T00:00:00Z' }), [
    'birthday',
  ]),
  bad('a lifecycle stage outside the enum', people, () => ({ firstName: 'Ann', lifecycleStage: 'vip' }), [
    'lifecycleStage',
  ]),
  bad(
    'a consent flag that is not a boolean',
    people,
    () => ({ firstName: 'Ann', consent: { email: 'yes' } }),
    ['consent', 'email'],
  ),
  // Deals and money.
  bad('an unknown currency', deals, () => deal({ currency: 'XYZ' }), ['currency']),
  bad('a float amount of money', deals, () => deal({ amount: 10.5 }), ['amount']),
  bad('an amount as a string', deals, () => deal({ amount: '100' }), ['amount']),
  bad('an infinite amount', deals, () => deal({ amount: Number.POSITIVE_INFINITY }), ['amount']),
  bad('NaN as an amount', deals, () => deal({ amount: Number.NaN }), ['amount']),
  bad('an amount beyond safe integers', deals, () => deal({ amount: 2 ** 53 }), ['amount']),
  bad('a lost deal without a lost reason', deals, () => deal({ status: 'lost' }), ['lostReason']),
  bad('a deal status outside the enum', deals, () => deal({ status: 'pending' }), ['status']),
  bad('a probability above 1', deals, () => deal({ probability: 1.5 }), ['probability']),
  bad('a stage without its pipeline', deals, () => deal({ stageId: 'new' }), ['pipelineId']),
  bad('30 February as a close date', deals, () => deal({ expectedCloseDate: '2025-02-30' }), [
    'expectedCloseDate',
  ]),
  bad('an instant without an offset', deals, () => deal({ closedAt: '2025-01-01T10:00:00' }), ['closedAt']),
  bad('an instant in words', deals, () => deal({ closedAt: 'yesterday' }), ['closedAt']),
  // Activities, tasks, products, orders.
  bad('an activity type outside the enum', activities, () => ({ type: 'lunch', companyId: 'x' }), ['type']),
  bad('an activity linked to nothing', activities, () => ({ type: 'note' }), ['personIds']),
  bad('a negative duration', activities, () => ({ type: 'call', companyId: 'x', durationMinutes: -5 }), [
    'durationMinutes',
  ]),
  bad(
    'a reminder after the due time',
    tasks,
    () => ({ title: 'Call', dueAt: '2025-01-01T10:00:00Z', remindAt: '2025-01-02T10:00:00Z' }),
    ['remindAt'],
  ),
  bad('a task status outside the enum', tasks, () => ({ title: 'Call', status: 'pending' }), ['status']),
  bad('a negative unit price', products, () => ({ sku: 'A', name: 'A', unitPrice: -1 }), ['unitPrice']),
  bad('a product without a sku', products, () => ({ name: 'A', unitPrice: 1 }), ['sku']),
  bad(
    'a product flag that is not a boolean',
    products,
    () => ({ sku: 'A', name: 'A', unitPrice: 1, active: 'yes' }),
    ['active'],
  ),
  bad('an order with no lines', orders, () => order({ lines: [] }), ['lines']),
  bad(
    'an order line whose amount is not quantity × unit price',
    orders,
    () => order({ lines: [{ quantity: 2, unitPrice: 500, amount: 999 }] }),
    ['lines', 0, 'amount'],
  ),
  bad('an order line with quantity 0', orders, () => order({ lines: [{ quantity: 0, unitPrice: 500 }] }), [
    'lines',
    0,
    'quantity',
  ]),
  bad(
    'an order line with a float price',
    orders,
    () => order({ lines: [{ quantity: 1, unitPrice: 4.99 }] }),
    ['lines', 0, 'unitPrice'],
  ),
  bad(
    'an unknown key in an order line',
    orders,
    () => order({ lines: [{ quantity: 1, unitPrice: 5, discount: 1 }] }),
    ['lines', 0, 'discount'],
  ),
  bad('an order for nobody', orders, () => order({ companyId: null }), ['personId']),
  bad('an order total as input', orders, () => order({ total: 100 }), ['total']),
  // Members, tags, pipelines.
  bad('a member without its id', members, () => ({ name: 'Mia' }), ['id']),
  bad('a member who manages themself', members, () => ({ id: 'm1', name: 'Mia', managerId: 'm1' }), [
    'managerId',
  ]),
  bad('a bad member email', members, () => ({ id: 'm1', name: 'Mia', email: 'mia' }), ['email']),
  bad('a fractional capacity', members, () => ({ id: 'm1', name: 'Mia', capacity: 1.5 }), ['capacity']),
  bad('a colour name instead of a hex colour', tags, () => ({ name: 'vip', color: 'red' }), ['color']),
  bad('custom values on an entity without custom fields', tags, () => ({ name: 'vip', custom: {} }), [
    'custom',
  ]),
  bad('a pipeline without stages', pipelines, () => ({ name: 'Sales', stages: [] }), ['stages']),
  bad('two stages with one id', pipelines, () => ({ name: 'Sales', stages: [...stages, ...stages] }), [
    'stages',
    1,
    'id',
  ]),
  bad(
    'a stage probability above 1',
    pipelines,
    () => ({ name: 'Sales', stages: [{ id: 'a', name: 'A', probability: 2 }] }),
    ['stages', 0, 'probability'],
  ),
  // Custom values.
  bad('custom values that are not an object', companies, () => ({ name: 'Acme', custom: 'gold' }), [
    'custom',
  ]),
  bad('custom values as an array', companies, () => ({ name: 'Acme', custom: ['gold'] }), ['custom']),
  bad('an undefined custom field', companies, () => ({ name: 'Acme', custom: { tier: 'gold' } }), [
    'custom',
    'tier',
  ]),
  // Prototype pollution.
  bad('a __proto__ key', companies, () => JSON.parse('{"name":"Acme","__proto__":{"polluted":true}}'), [
    '__proto__',
  ]),
  bad(
    'a constructor key',
    companies,
    () => ({ name: 'Acme', constructor: { prototype: { polluted: true } } }),
    ['constructor'],
  ),
  bad(
    'a __proto__ custom key',
    companies,
    () => JSON.parse('{"name":"Acme","custom":{"__proto__":{"polluted":true}}}'),
    ['custom', '__proto__'],
  ),
  bad(
    'a constructor custom key',
    companies,
    () => ({ name: 'Acme', custom: { constructor: { prototype: { polluted: true } } } }),
    ['custom', 'constructor'],
  ),
  bad(
    'a __proto__ key in an address',
    companies,
    () => JSON.parse('{"name":"Acme","address":{"__proto__":{"polluted":true}}}'),
    ['address', '__proto__'],
  ),
  // Non-objects.
  bad('null', companies, () => null, []),
  bad('undefined', companies, () => undefined, []),
  bad('a string', companies, () => 'Acme', []),
  bad('a number', companies, () => 42, []),
  bad('an array', companies, () => [{ name: 'Acme' }], []),
  bad('a Date', companies, () => new Date(), []),
];

/** Bad references: to records that do not exist, or that exist only in another tenant. */
export const badReferences: readonly BadInput[] = [
  bad(
    'a company that does not exist',
    people,
    () => ({ firstName: 'Ann', companyId: 'no-such-company' }),
    ['companyId'],
    'INVALID_REFERENCE',
  ),
  bad(
    "another tenant's company",
    people,
    async (h) => ({ firstName: 'Ann', companyId: (await makeCompany(h.b)).id }),
    ['companyId'],
    'INVALID_REFERENCE',
  ),
  bad(
    'an owner who is not a member',
    companies,
    () => ({ name: 'Acme', ownerId: 'nobody' }),
    ['ownerId'],
    'INVALID_REFERENCE',
  ),
  bad(
    "another tenant's member as owner",
    companies,
    async (h) => ({
      name: 'Acme',
      ownerId: (await h.b.members.create({ id: 'shared-id', name: 'Bea' })).id,
    }),
    ['ownerId'],
    'INVALID_REFERENCE',
  ),
  bad(
    'a missing person among the people of a deal',
    deals,
    async (h) => deal({ personIds: [(await makePerson(h.a)).id, 'no-such-person'] }),
    ['personIds', 1],
    'INVALID_REFERENCE',
  ),
  bad(
    "another tenant's person among the people of a deal",
    deals,
    async (h) => deal({ personIds: [(await makePerson(h.b)).id] }),
    ['personIds', 0],
    'INVALID_REFERENCE',
  ),
  bad(
    'a pipeline that does not exist',
    deals,
    () => deal({ pipelineId: 'no-such-pipeline', stageId: 'new' }),
    ['pipelineId'],
    'INVALID_REFERENCE',
  ),
  bad(
    'a deal that does not exist',
    activities,
    () => ({ type: 'call', dealId: 'no-such-deal' }),
    ['dealId'],
    'INVALID_REFERENCE',
  ),
  bad(
    'an assignee who is not a member',
    tasks,
    () => ({ title: 'Call', assigneeId: 'nobody' }),
    ['assigneeId'],
    'INVALID_REFERENCE',
  ),
  bad(
    'a manager who is not a member',
    members,
    () => ({ id: 'm1', name: 'Mia', managerId: 'nobody' }),
    ['managerId'],
    'INVALID_REFERENCE',
  ),
  bad(
    "another tenant's company on an order",
    orders,
    async (h) => order({ companyId: (await makeCompany(h.b)).id }),
    ['companyId'],
    'INVALID_REFERENCE',
  ),
];
