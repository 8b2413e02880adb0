/**
 * The demo tenant's data: a team, companies, fifty people with two custom fields, a pipeline whose
 * Proposal stage needs an expected close date, deals, a timeline of activities and a saved segment.
 * Names and values come from a fixed-seed generator, so every fresh database holds the same records;
 * close dates are counted from the month the seed runs in, so the forecast always has months ahead.
 */
import type { CrmSession } from '@rapport/core';

/** The stage ids of the demo pipeline, in board order. */
export const demoStages = ['lead', 'qualified', 'proposal', 'won', 'lost'] as const;

const firstNames = [
  'Ann',
  'Bob',
  'Chloé',
  'Dan',
  'Eva',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kai',
  'Lena',
  'Malik',
  'Nora',
  'Omar',
  'Paula',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
];
const lastNames = [
  'Martin',
  'Durand',
  'Petit',
  'Moreau',
  'Laurent',
  'Schmidt',
  'Rossi',
  'Novak',
  'Silva',
  'Berg',
  'Okafor',
  'Haddad',
  'Kowalski',
  'Tanaka',
  'Walsh',
];
const companies = [
  { name: 'Globex', domain: 'globex.com', industry: 'Manufacturing', size: '201-1000', region: 'North' },
  { name: 'Initech', domain: 'initech.fr', industry: 'Software', size: '51-200', region: 'South' },
  {
    name: 'Umbrella Health',
    domain: 'umbrella-health.com',
    industry: 'Healthcare',
    size: '1001-5000',
    region: 'North',
  },
  {
    name: 'Stark Logistics',
    domain: 'stark-logistics.io',
    industry: 'Logistics',
    size: '201-1000',
    region: 'East',
  },
  { name: 'Hooli', domain: 'hooli.xyz', industry: 'Software', size: '5000+', region: 'West' },
  { name: 'Vandelay Imports', domain: 'vandelay.com', industry: 'Retail', size: '11-50', region: 'East' },
  { name: 'Wayne Foods', domain: 'waynefoods.com', industry: 'Food', size: '51-200', region: 'South' },
  { name: 'Soylent Labs', domain: 'soylentlabs.com', industry: 'Biotech', size: '1-10', region: 'West' },
] as const;
const lifecycle = ['lead', 'prospect', 'customer', 'churned'] as const;
const tiers = ['gold', 'silver', 'bronze'] as const;
const activityKinds = ['call', 'email', 'meeting', 'note'] as const;

/** A small deterministic generator (mulberry32): the same seed gives the same demo data. */
function createRandom(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    integer: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

/** `YYYY-MM-DD` of a day in the month `offset` months after the month of `from`. */
function dayInMonth(from: Date, offset: number, day: number): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + offset, day));
  return date.toISOString().slice(0, 10);
}

/** Whether the tenant has no data yet, so a restart keeps what the demo user changed. */
export async function isEmpty(session: CrmSession): Promise<boolean> {
  return (await session.members.count()) === 0;
}

/**
 * Fills an empty tenant with the demo data; returns the pipeline's id.
 *
 * @example
 * ```ts
 * const session = crm.as(demoContext);
 * if (await isEmpty(session)) await seedDemo(session);
 * ```
 */
export async function seedDemo(session: CrmSession, now = new Date()): Promise<string> {
  const random = createRandom(20_240_601);
  await session.members.createMany([
    { id: 'alex', name: 'Alex Kim', role: 'manager', team: 'Sales', email: 'alex@example.com' },
    { id: 'sam', name: 'Sam Rivera', role: 'sales', team: 'Sales', email: 'sam@example.com' },
    { id: 'priya', name: 'Priya Shah', role: 'sales', team: 'Sales', email: 'priya@example.com' },
  ]);
  const owners = ['alex', 'sam', 'priya'] as const;

  await session.customFields.define({
    entity: 'person',
    key: 'tier',
    label: 'Tier',
    type: 'select',
    options: tiers.map((value) => ({ value, label: value[0]?.toUpperCase() + value.slice(1) })),
    position: 0,
  });
  await session.customFields.define({
    entity: 'person',
    key: 'nps',
    label: 'NPS',
    description: 'Last Net Promoter Score answer, 0 to 10',
    type: 'number',
    min: 0,
    max: 10,
    position: 1,
  });

  const companyRows = await session.companies.createMany(
    companies.map((company, index) => ({ ...company, ownerId: owners[index % owners.length] })),
  );

  const people = await session.people.createMany(
    Array.from({ length: 50 }, (_, index) => {
      const firstName = firstNames[index % firstNames.length] as string;
      const lastName = lastNames[(index * 7) % lastNames.length] as string;
      const company = companyRows[index % companyRows.length];
      const domain = companies[index % companies.length]?.domain;
      return {
        firstName,
        lastName,
        emails: [{ address: `${firstName}.${lastName}${index}@${domain}`.toLowerCase().replace('é', 'e') }],
        title: random.pick(['CEO', 'CTO', 'Head of Sales', 'Buyer', 'Operations lead', 'Engineer']),
        region: company?.region ?? null,
        companyId: company?.id ?? null,
        ownerId: random.pick(owners),
        lifecycleStage: random.pick(lifecycle),
        custom: { tier: random.pick(tiers), nps: index % 4 === 0 ? null : random.integer(0, 10) },
      };
    }),
  );

  const pipeline = await session.pipelines.create({
    name: 'New business',
    moves: 'forward',
    lostReasons: ['Price', 'Timing', 'Competitor'],
    stages: [
      { id: 'lead', name: 'Lead', probability: 0.1 },
      { id: 'qualified', name: 'Qualified', probability: 0.3 },
      { id: 'proposal', name: 'Proposal', probability: 0.6, requiredFields: ['expectedCloseDate'] },
      { id: 'won', name: 'Won', probability: 1, kind: 'won' },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });

  // Early deals have no close date yet: moving one to Proposal is the stage rule the board shows.
  const openDeals = Array.from({ length: 14 }, (_, index) => {
    const stageId = (['lead', 'qualified', 'proposal'] as const)[index % 3] ?? 'lead';
    const company = companyRows[index % companyRows.length];
    const isDated = stageId === 'proposal' || index % 2 === 0;
    return {
      name: `${company?.name} ${random.pick(['renewal', 'expansion', 'pilot', 'new seats'])}`,
      amount: random.integer(20, 400) * 100_00,
      currency: 'EUR',
      pipelineId: pipeline.id,
      stageId,
      probability: pipeline.stages.find((stage) => stage.id === stageId)?.probability ?? null,
      expectedCloseDate: isDated ? dayInMonth(now, index % 6, 10 + (index % 15)) : null,
      companyId: company?.id ?? null,
      personIds: [people[index]?.id].filter((id): id is string => id !== undefined),
      ownerId: owners[index % owners.length],
    };
  });
  const deals = await session.deals.createMany(openDeals);
  for (const deal of deals.slice(0, 2)) {
    await session.dealStages.move(deal.id, { stageId: 'won', version: deal.version });
  }

  await session.activities.createMany(
    people.slice(0, 30).flatMap((person, index) =>
      [0, 1].map((step) => ({
        type: random.pick(activityKinds),
        subject: random.pick(['Intro call', 'Sent pricing', 'Demo', 'Follow-up', 'Contract questions']),
        body: step === 0 ? null : 'Interested in the annual plan; wants a second demo for the team.',
        occurredAt: new Date(now.getTime() - (index * 2 + step + 1) * 36e5 * 20).toISOString(),
        personIds: [person.id],
        companyId: person.companyId,
        ownerId: person.ownerId,
      })),
    ),
  );

  await session.segments.create({
    entity: 'person',
    kind: 'dynamic',
    name: 'Gold customers',
    description: 'Customers on the gold tier',
    filter: {
      all: [
        { field: 'lifecycleStage', op: 'eq', value: 'customer' },
        { field: 'custom.tier', op: 'eq', value: 'gold' },
      ],
    },
  });
  return pipeline.id;
}
