/**
 * Starts the React example: opens (and on first start seeds) the SQLite CRM in `.data/crm.db`, then
 * serves the built app and the CRM API. Run `pnpm example:react` from the repository root.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import { createCrm } from '@rapport/core';
import { startAppServer } from './app-server';
import { demoContext } from './demo-auth';
import { isEmpty, seedDemo } from './seed';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const filename = process.env.RAPPORT_EXAMPLE_DB ?? join(exampleDir, '.data', 'crm.db');
mkdirSync(dirname(filename), { recursive: true });

const crm = await createCrm({ storage: sqliteAdapter({ filename }) });
const session = crm.as(demoContext);
if (await isEmpty(session)) {
  await seedDemo(session);
  console.log(`Seeded the demo CRM in ${filename}`);
}

const server = await startAppServer({
  crm,
  staticDir: join(exampleDir, 'dist'),
  port: Number(process.env.PORT ?? 5180),
});
console.log(`Rapport React example: open ${server.url} (Ctrl+C stops it; delete ${filename} to start over)`);

const stop = async () => {
  await server.close();
  await crm.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
