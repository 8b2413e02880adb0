import { createCrm, isRapportError, memoryAdapter } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { demoContext } from './demo-auth';
import { isEmpty, seedDemo } from './seed';

async function seeded() {
  const crm = await createCrm({ storage: memoryAdapter() });
  const session = crm.as(demoContext);
  const pipelineId = await seedDemo(session, new Date('2026-03-15T12:00:00.000Z'));
  return { crm, session, pipelineId };
}

describe('the demo seed', () => {
  it('fills an empty tenant with people, custom fields, deals, activities and a segment', async () => {
    const { crm, session } = await seeded();
    expect(await isEmpty(session)).toBe(false);
    expect(await session.people.count()).toBe(50);
    expect((await session.customFields.list({ entity: 'person' })).map((field) => field.key)).toEqual([
      'tier',
      'nps',
    ]);
    expect(await session.deals.count()).toBe(14);
    expect(await session.activities.count()).toBe(60);
    const [segment] = await session.segments.list();
    expect(segment?.name).toBe('Gold customers');
    expect(await session.segments.count(segment?.id as string)).toBeGreaterThan(0);
    await crm.close();
  });

  it('writes the same records on every fresh database', async () => {
    const names = async () => {
      const { crm, session } = await seeded();
      const page = await session.people.list({ orderBy: ['email'], limit: 50 });
      await crm.close();
      return page.items.map((person) => `${person.email} ${String(person.custom.tier)}`);
    };
    expect(await names()).toEqual(await names());
  });

  it('leaves undated deals that the Proposal stage refuses', async () => {
    const { crm, session } = await seeded();
    const undated = await session.deals.list({
      where: {
        all: [
          { field: 'stageId', op: 'eq', value: 'qualified' },
          { field: 'expectedCloseDate', op: 'isEmpty' },
        ],
      },
    });
    const deal = undated.items[0];
    expect(deal).toBeDefined();
    const move = session.dealStages.move(deal?.id as string, {
      stageId: 'proposal',
      version: deal?.version as number,
    });
    await expect(move).rejects.toSatisfy(
      (error) =>
        isRapportError(error, 'INVALID_TRANSITION') &&
        error.issues.some((issue) => issue.path.join('.') === 'expectedCloseDate'),
    );
    await crm.close();
  });
});
