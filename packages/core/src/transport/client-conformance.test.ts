import { describe, expect, test, vi } from 'vitest';
import type { Crm } from '../crm';
import { createCrm } from '../crm';
import type { RapportError, RapportErrorCode } from '../errors/rapport-error';
import { isRapportError } from '../errors/rapport-error';
import { memoryAdapter } from '../memory/memory-adapter';
import type { ContextInput } from '../records/context';
import type { CrmClient } from './crm-client';
import { createFetchHandler } from './fetch-handler';
import { localClient } from './local-client';
import { toNodeListener } from './node-listener';
import { remoteClient } from './remote-client';
import { busListeners, closeServer, eventLog, listen } from './transport-test-support';

const tenantA: ContextInput = { tenantId: 'tenant-a', actor: { id: 'user-a' } };
const tenantB: ContextInput = { tenantId: 'tenant-b', actor: { id: 'user-b' } };
const boss: ContextInput = { tenantId: 'tenant-a', actor: { id: 'boss' } };

/** Makes a client of `crm` for one context; `close` ends whatever the client opened. */
type ClientMaker = (crm: Crm) => Promise<{
  clientFor(context: ContextInput): CrmClient;
  close(): Promise<void>;
}>;

const makeLocal: ClientMaker = async (crm) => ({
  clientFor: (context) => localClient(crm, context),
  close: async () => {},
});

// A real node:http server on a free port; a bearer token names the context, as a host's session would.
const makeRemote: ClientMaker = async (crm) => {
  const contexts = new Map<string, ContextInput>();
  const handler = createFetchHandler({
    crm,
    authenticate: (request) => contexts.get(request.headers.get('authorization') ?? '') ?? null,
  });
  const { server, origin } = await listen(toNodeListener(handler));
  const clients: { close(): void }[] = [];
  return {
    clientFor(context) {
      const token = `Bearer ${context.tenantId}:${context.actor.id}`;
      contexts.set(token, context);
      const client = remoteClient({ url: `${origin}/crm`, headers: { authorization: token } });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await closeServer(server);
    },
  };
};

async function refusal(promise: Promise<unknown>, code: RapportErrorCode): Promise<RapportError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(isRapportError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  return error as RapportError;
}

async function salesPipeline(crm: Crm) {
  const host = crm.as(tenantA);
  await host.members.createMany([
    { id: 'user-a', name: 'Alex', role: 'rep' },
    { id: 'boss', name: 'Bo', role: 'manager' },
  ]);
  return host.pipelines.create({
    name: 'Sales',
    moves: 'next',
    lostReasons: ['Price'],
    stages: [
      { id: 'lead', name: 'Lead', probability: 0.1 },
      { id: 'qualified', name: 'Qualified', probability: 0.3 },
      { id: 'won', name: 'Won', probability: 1, kind: 'won', allowedRoles: ['manager'] },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
  });
}

function describeClientConformance(name: string, makeClients: ClientMaker): void {
  const it = test.extend<{ crm: Crm; clientFor: (context: ContextInput) => CrmClient }>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
    crm: async ({}, use) => {
      const crm = await createCrm({ storage: memoryAdapter() });
      await use(crm);
      await crm.close();
    },
    clientFor: async ({ crm }, use) => {
      const clients = await makeClients(crm);
      await use(clients.clientFor);
      await clients.close();
    },
  });

  describe(`CrmClient conformance: ${name}`, () => {
    it('names the entity of each records API', ({ clientFor }) => {
      const client = clientFor(tenantA);
      expect(client.people.entity).toBe('person');
      expect(client.pipelines.entity).toBe('pipeline');
    });

    it('creates, reads and updates a record, and refuses a stale version with VERSION_CONFLICT', async ({
      clientFor,
    }) => {
      const client = clientFor(tenantA);
      const ann = await client.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
      expect(await client.people.get(ann.id)).toEqual(ann);
      const renamed = await client.people.update(ann.id, { lastName: 'Lee' }, { version: ann.version });
      expect(renamed).toMatchObject({ lastName: 'Lee', version: ann.version + 1 });
      const stale = await refusal(
        client.people.update(ann.id, { lastName: 'Old' }, { version: ann.version }),
        'VERSION_CONFLICT',
      );
      expect(stale.message).toMatch(/version/i);
      expect(await client.people.get(ann.id)).toEqual(renamed);
    });

    it('lists with a filter and pages through it with the cursor', async ({ clientFor }) => {
      const client = clientFor(tenantA);
      for (const [firstName, region] of [
        ['Ann', 'North'],
        ['Bob', 'South'],
        ['Cy', 'North'],
        ['Di', 'North'],
      ] as const) {
        await client.people.create({ firstName, region });
      }
      const north = {
        where: { field: 'region', op: 'eq', value: 'North' },
        orderBy: 'firstName',
        limit: 2,
      } as const;
      const first = await client.people.list({ ...north, withTotal: true });
      expect(first.items.map((person) => person.firstName)).toEqual(['Ann', 'Cy']);
      expect(first.total).toBe(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await client.people.list({ ...north, cursor: first.nextCursor });
      expect(second.items.map((person) => person.firstName)).toEqual(['Di']);
      expect(second.nextCursor).toBeNull();
      expect(await client.people.count({ where: north.where })).toBe(3);
    });

    it('refuses invalid input with VALIDATION_FAILED, its issues and field errors, writing nothing', async ({
      clientFor,
    }) => {
      const client = clientFor(tenantA);
      const error = await refusal(
        client.people.create({
          firstName: 'Ann',
          emails: [{ address: 'not-an-email' }],
          // A value the types forbid, as a form or an older client may still send.
          lifecycleStage: 'bogus' as 'lead',
        }),
        'VALIDATION_FAILED',
      );
      expect(error.name).toBe('RapportError');
      expect(error.issues.map((issue) => issue.path)).toEqual([['emails', 0, 'address'], ['lifecycleStage']]);
      expect(Object.keys(error.fieldErrors())).toEqual(['emails.0.address', 'lifecycleStage']);
      expect(await client.people.count()).toBe(0);
    });

    it('refuses a missing record with NOT_FOUND', async ({ clientFor }) => {
      const client = clientFor(tenantA);
      const missing = '01900000-0000-7000-8000-000000000000';
      await refusal(client.companies.get(missing), 'NOT_FOUND');
      await refusal(client.companies.archive(missing), 'NOT_FOUND');
    });

    it('keeps tenants apart: a record of one tenant is NOT_FOUND for another', async ({ clientFor }) => {
      const acme = await clientFor(tenantA).companies.create({ name: 'Acme' });
      await refusal(clientFor(tenantB).companies.get(acme.id), 'NOT_FOUND');
    });

    it('counts and lists the members of a saved segment', async ({ clientFor }) => {
      const client = clientFor(tenantA);
      await client.people.create({ firstName: 'Ann', region: 'North' });
      await client.people.create({ firstName: 'Bob', region: 'South' });
      const segment = await client.segments.create({
        name: 'North',
        entity: 'person',
        kind: 'dynamic',
        filter: { field: 'region', op: 'eq', value: 'North' },
      });
      expect(await client.segments.count(segment.id)).toBe(1);
      const members = await client.segments.members(segment.id);
      expect(members.items.map((person) => (person as { firstName: string }).firstName)).toEqual(['Ann']);
      expect((await client.segments.get(segment.id)).name).toBe('North');
    });

    it('moves a deal by the stage rules: refuses a skip with INVALID_TRANSITION, allows the next stage', async ({
      crm,
      clientFor,
    }) => {
      const pipeline = await salesPipeline(crm);
      const client = clientFor(tenantA);
      const deal = await client.deals.create({
        name: 'Big one',
        amount: 10_000,
        currency: 'USD',
        pipelineId: pipeline.id,
        stageId: 'lead',
      });
      const skip = await refusal(
        client.dealStages.move(deal.id, { stageId: 'won', version: deal.version }),
        'INVALID_TRANSITION',
      );
      expect(skip.issues).toContainEqual(expect.objectContaining({ path: ['stageId'] }));
      expect((await client.deals.get(deal.id)).stageId).toBe('lead');
      const { deal: moved, effects } = await client.dealStages.move(deal.id, {
        stageId: 'qualified',
        version: deal.version,
      });
      expect(moved).toMatchObject({ stageId: 'qualified', probability: 0.3 });
      expect(effects.map((effect) => effect.type)).toEqual(['stageLeft', 'stageEntered']);
      const notAManager = await refusal(
        client.dealStages.move(deal.id, { stageId: 'won', version: moved.version }),
        'INVALID_TRANSITION',
      );
      expect(notAManager.issues).toContainEqual(expect.objectContaining({ path: ['stageId'] }));
      const won = await clientFor(boss).dealStages.move(deal.id, { stageId: 'won', version: moved.version });
      expect(won.deal.status).toBe('won');
    });

    it("delivers events to subscribers, each only its own tenant's", async ({ crm, clientFor }) => {
      const clientA = clientFor(tenantA);
      const clientB = clientFor(tenantB);
      const logA = eventLog();
      const logB = eventLog();
      const stopA = clientA.subscribe(logA.listener);
      const stopB = clientB.subscribe(logB.listener);
      await vi.waitFor(() => expect(busListeners(crm)).toBe(2));

      const ann = await clientA.people.create({ firstName: 'Ann' });
      await clientB.people.create({ firstName: 'Bob' });
      await logB.until(1);
      // Each stream is in order: had B's event reached A, it would come before this one.
      await clientA.companies.create({ name: 'Acme' });
      await logA.until(2);

      expect(logA.events.map((event) => event.type)).toEqual(['person.created', 'company.created']);
      expect(logA.events[0]).toMatchObject({
        tenantId: 'tenant-a',
        record: { id: ann.id, firstName: 'Ann' },
      });
      expect(logA.events.every((event) => event.tenantId === 'tenant-a')).toBe(true);
      expect(logB.events).toEqual([
        expect.objectContaining({ type: 'person.created', tenantId: 'tenant-b' }),
      ]);

      stopA();
      stopB();
      await vi.waitFor(() => expect(busListeners(crm)).toBe(0));
    });
  });
}

describeClientConformance('localClient', makeLocal);
describeClientConformance('remoteClient over node:http', makeRemote);
