import type { Crm } from '@rapport/core';
import { createCrm, isRapportError, remoteClient } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaasServer } from './server';
import { startSaasServer } from './server';
import type { SaasStorage } from './storage';
import { saasStorage } from './storage';
import { signToken } from './tokens';

// PGlite in process by default; a fresh schema (dropped afterwards) on RAPPORT_PG_URL's server when set.
let storage: SaasStorage;
let crm: Crm;
let server: SaasServer;
const secret = 'test-secret';

beforeAll(async () => {
  storage = await saasStorage(process.env.RAPPORT_PG_URL);
  crm = await createCrm({ storage: storage.storage });
  server = await startSaasServer({ crm, secret });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await crm?.close();
  await storage?.cleanUp();
});

interface Issued {
  readonly tenantId: string;
  readonly userId: string;
  readonly token: string;
}

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function signup(company: string, kind: 'retail' | 'agency', name: string): Promise<Issued> {
  const response = await post('/signup', { company, kind, user: { name } });
  expect(response.status).toBe(201);
  return (await response.json()) as Issued;
}

const clientFor = (token: string) =>
  remoteClient({ url: `${server.url}/crm`, headers: { authorization: `Bearer ${token}` } });

describe('the SaaS server', () => {
  it('keeps each tenant to its own records and custom fields', async () => {
    const shop = await signup('Corner Shop', 'retail', 'Rita');
    const agency = await signup('Pixel Agency', 'agency', 'Ahmed');
    const shopCrm = clientFor(shop.token);
    const agencyCrm = clientFor(agency.token);

    await shopCrm.people.create({
      firstName: 'Ann',
      custom: { loyaltyPoints: 120, favouriteStore: 'online' },
    });
    await agencyCrm.people.create({ firstName: 'Bo', custom: { timezone: 'Europe/Oslo' } });
    await agencyCrm.companies.create({
      name: 'Client Co',
      custom: { retainer: { amount: 500_000, currency: 'EUR' } },
    });

    const shopPeople = await shopCrm.people.list();
    const agencyPeople = await agencyCrm.people.list();
    expect(shopPeople.items.map((person) => person.firstName)).toEqual(['Ann']);
    expect(agencyPeople.items.map((person) => person.firstName)).toEqual(['Bo']);
    expect(await shopCrm.companies.count()).toBe(0);

    const keys = async (client: ReturnType<typeof clientFor>) =>
      (await client.customFields.list()).map((field) => `${field.entity}.${field.key}`).sort();
    expect(await keys(shopCrm)).toEqual(['person.favouriteStore', 'person.loyaltyPoints']);
    expect(await keys(agencyCrm)).toEqual(['company.retainer', 'person.timezone']);

    // A field of the other tenant does not exist here: the write is refused and changes nothing.
    const crossed = shopCrm.people.create({ firstName: 'Cy', custom: { timezone: 'UTC' } });
    await expect(crossed).rejects.toSatisfy((error) => isRapportError(error, 'VALIDATION_FAILED'));
    expect(await shopCrm.people.count()).toBe(1);
    shopCrm.close();
    agencyCrm.close();
  });

  it('records the user of the token as the actor in the audit trail', async () => {
    const shop = await signup('Bakery', 'retail', 'Bea');
    const invited = await post('/invite', { name: 'Carl', role: 'sales' }, shop.token);
    expect(invited.status).toBe(201);
    const carl = (await invited.json()) as Issued;
    expect(carl.tenantId).toBe(shop.tenantId);

    const asBea = clientFor(shop.token);
    const asCarl = clientFor(carl.token);
    const person = await asBea.people.create({ firstName: 'Dora' });
    await asCarl.people.update(person.id, { lastName: 'Lind' }, { version: person.version });

    const history = await asBea.people.history(person.id);
    expect(history.map((entry) => [entry.action, entry.actor.id])).toEqual([
      ['create', shop.userId],
      ['update', carl.userId],
    ]);
    asBea.close();
    asCarl.close();
  });

  it('answers 401 to a missing, forged or malformed token and lets nothing through', async () => {
    const shop = await signup('Florist', 'retail', 'Flo');
    const forged = signToken(
      { tenantId: shop.tenantId, userId: 'mallory', roles: ['owner'] },
      'not-the-secret',
    );
    for (const token of [undefined, forged, 'garbage', `${shop.token}x`]) {
      const response = await post('/crm/people/create', { args: [{ firstName: 'Eve' }] }, token);
      expect(response.status).toBe(401);
    }
    const client = clientFor(forged);
    await expect(client.people.count()).rejects.toSatisfy((error) => isRapportError(error));
    const asFlo = clientFor(shop.token);
    expect(await asFlo.people.count()).toBe(0);
    client.close();
    asFlo.close();
  });

  it('lets only an owner invite', async () => {
    const shop = await signup('Kiosk', 'retail', 'Kim');
    const seller = (await (await post('/invite', { name: 'Lou' }, shop.token)).json()) as Issued;
    expect((await post('/invite', { name: 'Max' }, seller.token)).status).toBe(403);
    expect((await post('/invite', { name: 'Max' })).status).toBe(401);
  });
});
