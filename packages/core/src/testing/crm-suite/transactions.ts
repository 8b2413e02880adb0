import { describe, expect } from 'vitest';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, tenantA } from './harness';

/** All or nothing: a write lands with its audit entry and outbox event, or not at all. */
export function describeTransactions(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('transactions', () => {
    it('leaves nothing when a createMany fails on its last row with the email of an existing person', async ({
      h,
    }) => {
      await h.a.people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
      const rows = Array.from({ length: 9 }, (_, index) => ({
        firstName: `P${index}`,
        emails: [{ address: `p${index}@example.com` }],
      }));
      rows.push({ firstName: 'Copy', emails: [{ address: 'ann@example.com' }] });
      const error = await failsCleanly(h, 'DUPLICATE', () => h.a.people.createMany(rows));
      expectIssueAt(error, [9, 'emails', 0, 'address']);
      expect(error.details.fields).toEqual(['email']);
    });

    it('leaves nothing, unique values included, when a createMany fails on a unique custom value in its last row', async ({
      h,
    }) => {
      await h.a.customFields.define({
        entity: 'company',
        key: 'code',
        label: 'Code',
        type: 'text',
        unique: true,
      });
      await h.a.companies.create({ name: 'Acme', custom: { code: 'X' } });
      const rows = ['A', 'B', 'C', 'D', 'X'].map((code) => ({ name: `Company ${code}`, custom: { code } }));
      const error = await failsCleanly(h, 'DUPLICATE', () => h.a.companies.createMany(rows));
      expectIssueAt(error, [4, 'custom', 'code']);
      await h.a.companies.createMany(rows.slice(0, 4));
    });

    it('writes a createMany larger than one insert chunk, with one audit entry and one event per row', async ({
      h,
    }) => {
      const tags = await h.a.tags.createMany(
        Array.from({ length: 1_100 }, (_, index) => ({ name: `tag-${index}` })),
      );
      expect(await h.a.tags.count()).toBe(1_100);
      expect(await h.rows('audit_log')).toHaveLength(1_100);
      expect(await h.rows('outbox')).toHaveLength(1_100);
      expect(
        (await h.a.tags.getMany([tags[1_099]?.id as string, tags[0]?.id as string])).map((tag) => tag.name),
      ).toEqual(['tag-1099', 'tag-0']);
    });

    it('leaves nothing when a createMany larger than one chunk fails on its last row', async ({ h }) => {
      await h.a.tags.create({ name: 'taken' });
      const rows = Array.from({ length: 1_100 }, (_, index) => ({
        name: index === 1_099 ? 'taken' : `tag-${index}`,
      }));
      const error = await failsCleanly(h, 'DUPLICATE', () => h.a.tags.createMany(rows));
      expect(error.issues.map((issue) => issue.path)).toEqual([[1_099, 'name']]);
    });

    it('rolls back the row of an update that fails on a unique custom value', async ({ h }) => {
      await h.a.customFields.define({
        entity: 'company',
        key: 'code',
        label: 'Code',
        type: 'text',
        unique: true,
      });
      await h.a.companies.create({ name: 'Acme', custom: { code: 'X' } });
      const other = await h.a.companies.create({ name: 'Globex', custom: { code: 'Y' } });
      await failsCleanly(h, 'DUPLICATE', () =>
        h.a.companies.update(other.id, { name: 'Globex 2', custom: { code: 'X' } }, { version: 1 }),
      );
      expect(await h.a.companies.get(other.id)).toEqual(other);
    });

    it('writes one audit entry and one outbox event per change, with the row', async ({ h }) => {
      const people = await h.a.people.createMany([
        { firstName: 'Ann' },
        { firstName: 'Bob' },
        { firstName: 'Cy' },
      ]);
      const ids = people.map((person) => person.id);
      const journal = async () => ({
        audit: await h.tenantRows('audit_log', tenantA),
        outbox: await h.tenantRows('outbox', tenantA),
      });
      let { audit, outbox } = await journal();
      expect(audit.map((row) => [row.record_id, row.action, row.record_version])).toEqual(
        ids.map((id) => [id, 'create', 1]),
      );
      expect(outbox.map((row) => [row.record_id, row.type])).toEqual(ids.map((id) => [id, 'person.created']));
      expect(audit[0]).toMatchObject({
        tenant_id: tenantA,
        at: h.clock.iso(),
        actor_id: 'user-a',
        actor_kind: 'member',
        entity: 'person',
        reason: null,
      });
      expect(outbox[0]).toMatchObject({
        tenant_id: tenantA,
        at: h.clock.iso(),
        entity: 'person',
        actor_id: 'user-a',
      });
      expect(outbox[0]?.payload).toMatchObject({ version: 1 });

      const [ann] = people;
      await h.a.people.update(ann?.id as string, { title: 'CEO' }, { version: 1 });
      await h.a.people.archive(ann?.id as string);
      await h.a.people.restore(ann?.id as string);
      await h.a.people.delete(ann?.id as string);
      ({ audit, outbox } = await journal());
      expect(audit.slice(3).map((row) => [row.action, row.record_version])).toEqual([
        ['update', 2],
        ['archive', 3],
        ['restore', 4],
        ['delete', 4],
      ]);
      expect(outbox.slice(3).map((row) => row.type)).toEqual([
        'person.updated',
        'person.archived',
        'person.restored',
        'person.deleted',
      ]);
      expect(outbox.slice(3)[0]?.payload).toEqual({ version: 2, changedFields: ['title'] });
      expect(audit.slice(3)[0]?.changes).toEqual({ title: { before: null, after: 'CEO' } });
    });

    it('writes no audit entry and no outbox event for any failed write', async ({ h }) => {
      const company = await makeCompany(h.a, { domain: 'acme.com' });
      const person = await makePerson(h.a, { companyId: company.id });
      const failures: [string, () => Promise<unknown>][] = [
        ['VALIDATION_FAILED', () => h.a.companies.create({ name: '' })],
        ['DUPLICATE', () => h.a.companies.create({ name: 'Copy', domain: 'acme.com' })],
        ['INVALID_REFERENCE', () => h.a.people.create({ firstName: 'X', companyId: 'missing' })],
        ['VERSION_CONFLICT', () => h.a.people.update(person.id, { title: 'x' }, { version: 9 })],
        ['REFERENCED', () => h.a.companies.delete(company.id)],
        ['NOT_FOUND', () => h.a.people.archive('missing')],
      ];
      for (const [code, action] of failures) await failsCleanly(h, code as never, action);
      expect(await h.rows('audit_log')).toHaveLength(2);
      expect(await h.rows('outbox')).toHaveLength(2);
    });

    it('records the reason and the actor kind of a write in its audit entry', async ({ h }) => {
      const importer = h.crm.as({ tenantId: tenantA, actor: { id: 'importer', kind: 'system' } });
      const person = await importer.people.create({ firstName: 'Ann' }, { reason: 'CSV import 2025-01' });
      await importer.people.update(person.id, { title: 'CEO' }, { version: 1, reason: 'enrichment' });
      const history = await h.a.people.history(person.id);
      expect(history.map((entry) => [entry.actor, entry.reason])).toEqual([
        [{ id: 'importer', kind: 'system' }, 'CSV import 2025-01'],
        [{ id: 'importer', kind: 'system' }, 'enrichment'],
      ]);
      expect(person.createdBy).toBe('importer');
    });

    it('audits a create with every value it set, and an update with only what changed', async ({ h }) => {
      await h.a.customFields.define({ entity: 'person', key: 'tier', label: 'Tier', type: 'text' });
      const person = await h.a.people.create({ firstName: 'Ann', region: 'North', custom: { tier: 'gold' } });
      await h.a.people.update(person.id, { region: 'South', custom: { tier: null } }, { version: 1 });
      const [created, updated] = await h.a.people.history(person.id);
      expect(created?.changes).toMatchObject({
        firstName: { before: null, after: 'Ann' },
        region: { before: null, after: 'North' },
        'custom.tier': { before: null, after: 'gold' },
      });
      expect(created?.changes).not.toHaveProperty('lastName');
      expect(updated?.changes).toEqual({
        region: { before: 'North', after: 'South' },
        'custom.tier': { before: 'gold', after: null },
      });
    });

    it('journals custom field definitions and settings changes too', async ({ h }) => {
      const field = await h.a.customFields.define({
        entity: 'deal',
        key: 'source',
        label: 'Source',
        type: 'text',
      });
      await h.a.settings.update({ timeZone: 'Europe/Paris' }, { version: 0 });
      const audit = await h.tenantRows('audit_log', tenantA);
      expect(audit.map((row) => [row.entity, row.action, row.record_id])).toEqual([
        ['customField', 'create', field.id],
        ['settings', 'update', 'settings'],
      ]);
      expect((await h.tenantRows('outbox', tenantA)).map((row) => row.type)).toEqual([
        'customField.created',
        'settings.updated',
      ]);
    });
  });
}
