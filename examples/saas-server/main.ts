/**
 * Starts the multi-tenant SaaS example on PGlite (or on PostgreSQL with `RAPPORT_PG_URL`), signs up two
 * demo tenants and prints their tokens. Run `pnpm example:saas` from the repository root.
 */
import { randomBytes } from 'node:crypto';
import { createCrm } from '@rapport/core';
import { startSaasServer } from './server';
import { saasStorage } from './storage';

const demo = await saasStorage(process.env.RAPPORT_PG_URL);
const crm = await createCrm({ storage: demo.storage });
// A real host keeps its secret in its configuration; a fresh one per run is enough for a demo.
const secret = process.env.TOKEN_SECRET ?? randomBytes(32).toString('base64url');
const server = await startSaasServer({ crm, secret, port: Number(process.env.PORT ?? 3000) });

async function signup(company: string, kind: string, name: string) {
  const response = await fetch(`${server.url}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ company, kind, user: { name } }),
  });
  return (await response.json()) as { tenantId: string; token: string };
}

console.log(`Rapport SaaS example on ${server.url} (CRM in ${demo.where})`);
for (const [company, kind, name] of [
  ['Corner Shop', 'retail', 'Rita'],
  ['Pixel Agency', 'agency', 'Ahmed'],
] as const) {
  const { tenantId, token } = await signup(company, kind, name);
  console.log(`\n${company} (${kind}, tenant ${tenantId}), signed in as ${name}:`);
  console.log(
    `  curl -s -X POST ${server.url}/crm/people/create -H 'authorization: Bearer ${token}' -H 'content-type: application/json' -d '{"args":[{"firstName":"Ann"}]}'`,
  );
  console.log(
    `  curl -s -X POST ${server.url}/crm/customFields/list -H 'authorization: Bearer ${token}' -H 'content-type: application/json' -d '{"args":[]}'`,
  );
}
console.log('\nCtrl+C stops the server.');

const stop = async () => {
  await server.close();
  await crm.close();
  await demo.cleanUp();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
