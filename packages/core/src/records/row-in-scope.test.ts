import { describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../access/access-policy';
import { createCrm } from '../crm';
import { memoryAdapter } from '../memory/memory-adapter';
import type { Condition } from '../storage/condition';

// "Staff see the people of the companies they own": a scope that looks at a related row.
const ownCompanies = (actorId: string): Condition => ({
  kind: 'related',
  relation: { table: 'companies', link: 'column', foreignColumn: 'id', localColumn: 'company_id' },
  where: {
    kind: 'compare',
    field: { operand: { kind: 'column', column: 'owner_id' }, type: 'text' },
    op: 'eq',
    value: actorId,
    caseInsensitive: false,
  },
  aggregate: { fn: 'exists' },
  negate: false,
});

const policy: AccessPolicy = {
  readScope: ({ context, entity }) => (entity === 'person' ? ownCompanies(context.actor.id) : undefined),
  canWrite: () => true,
};

describe('a read scope over related rows', () => {
  it('limits get, getMany and update to the records inside it', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), access: policy });
    const admin = crm.as({ tenantId: 't1', actor: { id: 'ann' } });
    await admin.members.create({ id: 'ann', name: 'Ann' });
    await admin.members.create({ id: 'bob', name: 'Bob' });
    const annCo = await admin.companies.create({ name: 'Ann Co', ownerId: 'ann' });
    const bobCo = await admin.companies.create({ name: 'Bob Co', ownerId: 'bob' });
    const mine = await admin.people.create({ firstName: 'Mine', companyId: annCo.id });
    const theirs = await admin.people.create({ firstName: 'Theirs', companyId: bobCo.id });

    expect((await admin.people.get(mine.id))?.id).toBe(mine.id);
    await expect(admin.people.get(theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.people.getMany([mine.id, theirs.id])).map((person) => person.id)).toEqual([mine.id]);
    await expect(admin.people.update(theirs.id, { firstName: 'X' }, { version: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const bob = crm.as({ tenantId: 't1', actor: { id: 'bob' } });
    expect((await bob.people.get(theirs.id))?.firstName).toBe('Theirs');
    await crm.close();
  });
});
