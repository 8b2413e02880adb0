/**
 * Rapport quickstart: a CRM in one script, on an SQLite file, or on PostgreSQL when `RAPPORT_PG_URL` is set.
 *
 * Run it with `pnpm demo` from the repository root (or `pnpm start` here after `pnpm build`).
 */
import { createCrm, isRapportError } from '@rapport/core';
import { postgresStorage, sqliteStorage } from './storage';

const line = (text = '') => console.log(text);

// 1. A CRM on an SQLite file or a PostgreSQL schema; the tables are created on first start.
const pgUrl = process.env.RAPPORT_PG_URL;
const demo = pgUrl === undefined || pgUrl === '' ? sqliteStorage() : await postgresStorage(pgUrl);
const crm = await createCrm({ storage: demo.storage });
line(`Storage: ${demo.storage.name}`);
crm.events.on('deal.updated', (event) =>
  line(`  event: ${event.type} changed ${Object.keys(event.changes).join(', ')}`),
);

// 2. Every call runs as a tenant and an actor that the host's own authentication supplies.
const acme = crm.as({ tenantId: 'acme-inc', actor: { id: 'maria' } });
await acme.settings.update(
  { defaultCurrency: 'EUR', defaultCountry: 'FR', timeZone: 'Europe/Paris' },
  { version: 0 },
);
const maria = await acme.members.create({ id: 'maria', name: 'Maria Lopez', role: 'sales', region: 'North' });

// 3. A custom field defined at run time, validated and filterable like a built-in one.
await acme.customFields.define({
  entity: 'person',
  key: 'tier',
  label: 'Customer tier',
  type: 'select',
  options: [
    { value: 'gold', label: 'Gold' },
    { value: 'silver', label: 'Silver' },
  ],
});

// 4. Companies, people, a deal, activities and an order.
const globex = await acme.companies.create({
  name: 'Globex',
  domain: 'https://www.globex.com/',
  region: 'North',
  ownerId: maria.id,
});
const ann = await acme.people.create({
  firstName: 'Ann',
  lastName: 'Martin',
  emails: [{ address: '  Ann.Martin@Globex.com ' }],
  phones: [{ number: '06 12 34 56 78' }],
  birthday: '1988-02-29',
  companyId: globex.id,
  ownerId: maria.id,
  lifecycleStage: 'customer',
  custom: { tier: 'gold' },
});
await acme.people.createMany([
  {
    firstName: 'Bob',
    lastName: 'Durand',
    emails: [{ address: 'bob@globex.com' }],
    companyId: globex.id,
    custom: { tier: 'silver' },
  },
  { firstName: 'Chloé', lastName: 'Petit', emails: [{ address: 'chloe@initech.fr' }], region: 'South' },
]);
line(`Created ${ann.fullName} <${ann.email}> ${ann.phone} at ${globex.domain}`);

const pipeline = await acme.pipelines.create({
  name: 'Sales',
  stages: [
    { id: 'qualify', name: 'Qualify', probability: 0.1 },
    { id: 'proposal', name: 'Proposal', probability: 0.5 },
    { id: 'won', name: 'Won', probability: 1, kind: 'won' },
  ],
});
const deal = await acme.deals.create({
  name: 'Globex renewal',
  amount: 1_250_000,
  pipelineId: pipeline.id,
  stageId: 'qualify',
  companyId: globex.id,
  personIds: [ann.id],
  ownerId: maria.id,
});
await acme.activities.create({
  type: 'call',
  subject: 'Discovery call',
  durationMinutes: 30,
  personIds: [ann.id],
  dealId: deal.id,
});
await acme.activities.create({ type: 'feedback', body: 'Loves the new dashboard', personIds: [ann.id] });
const product = await acme.products.create({ sku: 'PRO-1Y', name: 'Pro plan, 1 year', unitPrice: 99_00 });
const order = await acme.orders.create({
  personId: ann.id,
  lines: [{ productId: product.id, quantity: 3, unitPrice: product.unitPrice }],
});
line(
  `Deal ${deal.name}: ${(deal.amount / 100).toFixed(2)} ${deal.currency}; order total ${(order.total / 100).toFixed(2)} ${order.currency}`,
);

// 5. Optimistic concurrency: an update states the version it read.
const moved = await acme.deals.update(
  deal.id,
  { stageId: 'proposal', probability: 0.5 },
  { version: deal.version },
);
try {
  await acme.deals.update(deal.id, { amount: 1 }, { version: deal.version });
} catch (error) {
  if (!isRapportError(error, 'VERSION_CONFLICT')) throw error;
  line(`Caught ${error.code}: ${error.message}`);
}

// 6. Bad input gets a typed error naming each field, and writes nothing.
try {
  await acme.people.create({
    firstName: 'Eve',
    emails: [{ address: 'not-an-email' }],
    birthday: '2023-02-29',
    custom: { tier: 'platinum' },
  });
} catch (error) {
  if (!isRapportError(error, 'VALIDATION_FAILED')) throw error;
  line(`Caught ${error.code}:`);
  for (const [field, messages] of Object.entries(error.fieldErrors()))
    line(`  ${field}: ${messages.join('; ')}`);
}

// 7. A filtered, sorted page with the company of each person.
const page = await acme.people.list({
  where: {
    all: [
      { field: 'custom.tier', op: 'in', value: ['gold', 'silver'] },
      { field: 'email', op: 'endsWith', value: '@GLOBEX.COM', mode: 'insensitive' },
    ],
  },
  orderBy: ['lastName'],
  include: ['company'],
  withTotal: true,
  limit: 10,
});
line(`Gold or silver people at globex.com (${page.total}):`);
for (const person of page.items)
  line(`  ${person.fullName} (${person.custom.tier}) at ${person.company?.name}`);

// 8. The audit trail of a record: who changed what, when.
line(`Audit trail of deal ${moved.name}:`);
for (const entry of await acme.deals.history(deal.id)) {
  line(
    `  v${entry.version} ${entry.action} by ${entry.actor.id} at ${entry.at}: ${Object.keys(entry.changes).join(', ')}`,
  );
}

// 9. Sales: a lead from a web form, matched or created, converted into a customer with a deal; the deal
// moves by the pipeline's rules, and winning it plans the follow-up call.
await acme.followUps.define({
  name: 'After a sale',
  trigger: 'dealWon',
  steps: [{ offsetDays: 7, title: 'Call: how is it going?', kind: 'call' }],
});
const captured = await acme.leads.capture({
  channel: 'web_form',
  person: { firstName: 'Dan', lastName: 'Moreau', emails: [{ address: 'dan@initech.fr' }] },
  company: { name: 'Initech', domain: 'initech.fr' },
  message: { subject: 'Pricing request' },
});
const converted = await acme.leads.convert(captured.person.id, {
  deal: {
    name: 'Initech, 10 seats',
    amount: 450_000,
    pipelineId: pipeline.id,
    expectedCloseDate: '2027-03-31',
  },
});
line(
  `Lead ${captured.person.fullName} (person ${captured.personMatch}) became a customer with deal ${converted.deal?.name}`,
);
try {
  await acme.deals.update(converted.deal?.id as string, { stageId: 'won' }, { version: 1 });
} catch (error) {
  if (!isRapportError(error, 'INVALID_TRANSITION')) throw error;
  line(`Caught ${error.code}: ${error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
}
const won = await acme.dealStages.move(converted.deal?.id as string, { stageId: 'won', version: 1 });
line(`Won ${won.deal.name} at probability ${won.deal.probability}; follow-ups:`);
const followUps = await acme.tasks.list({ where: { field: 'dealId', op: 'eq', value: won.deal.id } });
for (const task of followUps.items) line(`  ${task.title}, due ${task.dueAt}`);
const forecast = await acme.forecast.byPeriod({ period: 'quarter' });
for (const row of forecast.rows)
  line(`  forecast ${row.period.key}: weighted ${(row.weighted / 100).toFixed(2)} ${row.currency}`);

// 10. Tenants never see each other.
const other = crm.as({ tenantId: 'other-co', actor: { id: 'sam' } });
line(`Another tenant sees ${await other.people.count()} people; acme sees ${await acme.people.count()}.`);

await crm.close();
await demo.cleanUp();
line(`Done: ${demo.where}`);
