import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import { createCrm } from '@rapport/core';
import { personInput, seededRandom } from './people-generator';

const crm = await createCrm({ storage: sqliteAdapter({ filename: join(mkdtempSync(join(tmpdir(), 'p-')), 'x.db') }) });
const s = crm.as({ tenantId: 't', actor: { id: 'a' } });
const r = seededRandom(1);
const t0 = performance.now();
for (let b = 0; b < 10; b++) await s.people.createMany(Array.from({ length: 5000 }, (_, i) => personInput(b * 5000 + i, r)));
console.log('ms', performance.now() - t0);
