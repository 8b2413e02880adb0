import type { CrmSession } from '../../crm';
import type { EntityName } from '../../entities/entity-name';
import type { Repository } from '../../records/repository';

/** The repository of an entity, with its types erased so one test can run over every entity. */
// biome-ignore lint/suspicious/noExplicitAny: the CRUD cases drive ten repositories through one code path
export type AnyRepository = Repository<any>;

/** One entity as the CRUD tests drive it: a valid input (made with its dependencies) and a change. */
export interface EntityCase {
  readonly entity: EntityName;
  readonly table: string;
  readonly repository: (session: CrmSession) => AnyRepository;
  /** A valid create input; creates the records it references first. */
  readonly input: (session: CrmSession) => Promise<Record<string, unknown>>;
  /** A change that changes one field, and the field with its value after the change. */
  readonly change: Record<string, unknown>;
  readonly changed: readonly [field: string, value: unknown];
}

let sequence = 0;
/** A value unique within the process, for names and keys that must not clash. */
export const unique = (prefix: string) => `${prefix}-${++sequence}`;

export async function makeCompany(s: CrmSession, input: Record<string, unknown> = {}) {
  return s.companies.create({ name: unique('Company'), ...input });
}

export async function makePerson(s: CrmSession, input: Record<string, unknown> = {}) {
  return s.people.create({ firstName: 'Ann', lastName: unique('Lee'), ...input });
}

export async function makeDeal(s: CrmSession, input: Record<string, unknown> = {}) {
  return s.deals.create({ name: unique('Deal'), amount: 10_000, currency: 'USD', ...input });
}

export const entityCases: readonly EntityCase[] = [
  {
    entity: 'company',
    table: 'companies',
    repository: (s) => s.companies,
    input: async () => ({ name: unique('Acme'), domain: `${unique('acme')}.com` }),
    change: { industry: 'Software' },
    changed: ['industry', 'Software'],
  },
  {
    entity: 'person',
    table: 'people',
    repository: (s) => s.people,
    input: async () => ({
      firstName: 'Ann',
      lastName: 'Lee',
      emails: [{ address: `${unique('ann')}@example.com` }],
    }),
    change: { title: 'CTO' },
    changed: ['title', 'CTO'],
  },
  {
    entity: 'deal',
    table: 'deals',
    repository: (s) => s.deals,
    input: async () => ({ name: unique('Renewal'), amount: 150_000, currency: 'EUR' }),
    change: { amount: 175_000 },
    changed: ['amount', 175_000],
  },
  {
    entity: 'activity',
    table: 'activities',
    repository: (s) => s.activities,
    input: async (s) => ({
      type: 'call',
      subject: 'Intro call',
      companyId: (await makeCompany(s)).id,
      occurredAt: '2025-01-10T10:00:00.000Z',
    }),
    change: { outcome: 'Interested' },
    changed: ['outcome', 'Interested'],
  },
  {
    entity: 'task',
    table: 'tasks',
    repository: (s) => s.tasks,
    input: async () => ({ title: 'Call back', dueAt: '2025-02-01T09:00:00.000Z' }),
    change: { status: 'done' },
    changed: ['status', 'done'],
  },
  {
    entity: 'product',
    table: 'products',
    repository: (s) => s.products,
    input: async () => ({ sku: unique('SKU'), name: 'Widget', unitPrice: 1_250, currency: 'USD' }),
    change: { unitPrice: 1_500 },
    changed: ['unitPrice', 1_500],
  },
  {
    entity: 'order',
    table: 'orders',
    repository: (s) => s.orders,
    input: async (s) => ({
      companyId: (await makeCompany(s)).id,
      currency: 'USD',
      lines: [{ description: 'Widget', quantity: 2, unitPrice: 500 }],
    }),
    change: { status: 'fulfilled' },
    changed: ['status', 'fulfilled'],
  },
  {
    entity: 'member',
    table: 'members',
    repository: (s) => s.members,
    input: async () => ({ id: unique('member'), name: 'Mia Park', email: 'mia@example.com' }),
    change: { team: 'Sales' },
    changed: ['team', 'Sales'],
  },
  {
    entity: 'tag',
    table: 'tags',
    repository: (s) => s.tags,
    input: async () => ({ name: unique('vip'), color: '#1f6feb' }),
    change: { description: 'Most valued' },
    changed: ['description', 'Most valued'],
  },
  {
    entity: 'pipeline',
    table: 'pipelines',
    repository: (s) => s.pipelines,
    input: async () => ({
      name: unique('Sales'),
      stages: [
        { id: 'new', name: 'New', probability: 0.1 },
        { id: 'won', name: 'Won', probability: 1, kind: 'won' },
      ],
    }),
    change: { position: 3 },
    changed: ['position', 3],
  },
];
