import type { AssignmentDecision, CrmSession, StorageAdapter } from '@rapport/core';
import { createCrm } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import { serverSchemas } from './test-stores';

const url = process.env.RAPPORT_PG_URL ?? '';
const WRITERS = 8;
const clock = () => new Date('2025-01-15T09:30:00.000Z');

// Each writer has an adapter (a pool) of its own, as separate processes would: the assignments below race
// on real connections of one server, and only the tenant's state row orders them.
describe.skipIf(!url)('Postgres server: concurrent assignments', () => {
  const schemas = serverSchemas(url);
  const opened: StorageAdapter[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close()));
  });

  /** One session per writer over one freshly migrated schema, with members Ann, Bo, Cy and Di. */
  const openWriters = async (): Promise<CrmSession[]> => {
    const schema = await schemas.create();
    const adapters = Array.from({ length: WRITERS }, () =>
      postgresAdapter({ connectionString: url, schema }),
    );
    opened.push(...adapters);
    const [first, ...rest] = adapters as [StorageAdapter, ...StorageAdapter[]];
    const crms = [await createCrm({ storage: first, now: clock })];
    crms.push(...(await Promise.all(rest.map((storage) => createCrm({ storage, now: clock })))));
    const sessions = crms.map((crm, writer) =>
      crm.as({ tenantId: 'acme', actor: { id: `writer-${writer}` } }),
    );
    await sessions[0]?.members.createMany(
      ['ann', 'bo', 'cy', 'di'].map((id) => ({ id, name: id.toUpperCase(), team: 'sales' })),
    );
    return sessions;
  };

  /** Each writer assigns its own new lead at the same moment; returns the decisions in the order made. */
  const race = async (sessions: CrmSession[]): Promise<AssignmentDecision[]> => {
    const [owner] = sessions as [CrmSession];
    const leads = await owner.people.createMany(
      sessions.map((_, writer) => ({ firstName: `Lead ${writer}`, lifecycleStage: 'lead' as const })),
    );
    const decisions = await Promise.all(
      sessions.map((session, writer) =>
        session.assignment.assign({ entity: 'person', id: leads[writer]?.id as string }),
      ),
    );
    return decisions.sort((a, b) => a.sequence - b.sequence);
  };

  const countBy = (values: readonly (string | null)[]) =>
    Object.fromEntries(
      [...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]),
    );

  it('keeps the round robin rotation when eight leads arrive at once, round after round', async () => {
    const sessions = await openWriters();
    const [owner] = sessions as [CrmSession];
    await owner.assignment.createRule({
      name: 'Sales',
      entity: 'person',
      strategy: 'roundRobin',
      pool: { team: 'sales' },
    });
    const all: AssignmentDecision[] = [];
    for (let round = 0; round < 3; round++) {
      const decisions = await race(sessions);
      // Every arrival got its own place in the order: no two read the same rotation.
      expect(decisions.map((decision) => decision.sequence)).toEqual(
        Array.from({ length: WRITERS }, (_, index) => round * WRITERS + index + 1),
      );
      all.push(...decisions);
    }
    // In the order the assignments were made, the members take strict turns.
    expect(all.map((decision) => decision.memberId)).toEqual(
      Array.from({ length: 3 * WRITERS }, (_, index) => ['ann', 'bo', 'cy', 'di'][index % 4]),
    );
    expect(countBy(all.map((decision) => decision.memberId))).toEqual({ ann: 6, bo: 6, cy: 6, di: 6 });
    // No lost update: the stored rotation, the log and the owners all agree.
    const turns = await owner.assignment.decisions({ limit: 1_000 });
    expect(turns).toHaveLength(3 * WRITERS);
    for (const decision of all) {
      const person = await owner.people.get(decision.recordId);
      expect(person.ownerId).toBe(decision.memberId);
      expect(person.version).toBe(2);
    }
  });

  it('never lets a member past their quota when assignments race', async () => {
    const sessions = await openWriters();
    const [owner] = sessions as [CrmSession];
    await owner.assignment.createRule({
      name: 'Capped',
      entity: 'person',
      strategy: 'roundRobin',
      pool: { memberIds: ['ann', 'bo', 'cy'] },
      capacity: { period: 'day', limit: 2 },
    });
    const decisions = await race(sessions);
    expect(countBy(decisions.map((decision) => decision.memberId))).toEqual({
      ann: 2,
      bo: 2,
      cy: 2,
      null: 2,
    });
    expect(decisions.slice(6).map((decision) => decision.outcome)).toEqual(['unassigned', 'unassigned']);
  });

  it('keeps weighted shares exact when assignments race', async () => {
    const sessions = await openWriters();
    const [owner] = sessions as [CrmSession];
    await owner.members.update('ann', { assignmentWeight: 3 }, { version: 1 });
    await owner.assignment.createRule({
      name: 'Weighted',
      entity: 'person',
      strategy: 'weighted',
      weights: { by: 'member' },
      pool: { memberIds: ['ann', 'bo'] },
    });
    const decisions = await race(sessions);
    expect(decisions.map((decision) => decision.memberId)).toEqual([
      'ann',
      'ann',
      'bo',
      'ann',
      'ann',
      'ann',
      'bo',
      'ann',
    ]);
  });
});
