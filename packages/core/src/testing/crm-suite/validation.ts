import { describe, expect } from 'vitest';
import { makeCompany, makePerson } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly } from './harness';
import { badInputs, badReferences } from './validation-cases';

/** Bad input of every kind is refused with a typed error, an issue at the right path, and no write. */
export function describeValidation(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('validation', () => {
    for (const bad of badInputs) {
      it(`rejects ${bad.what} with ${bad.code ?? 'VALIDATION_FAILED'} at ${bad.path.join('.') || '(root)'} and changes nothing`, async ({
        h,
      }) => {
        // Orders need a company to point at so that only the bad part is wrong.
        let input = await bad.input(h);
        if (
          typeof input === 'object' &&
          input !== null &&
          (input as { companyId?: unknown }).companyId === 'set-by-case'
        ) {
          input = { ...input, companyId: (await makeCompany(h.a)).id };
        }
        const error = await failsCleanly(h, bad.code ?? 'VALIDATION_FAILED', () =>
          bad.repository(h.a).create(input as never),
        );
        expectIssueAt(error, bad.path);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    }

    for (const bad of badReferences) {
      it(`rejects a reference to ${bad.what} with INVALID_REFERENCE at ${bad.path.join('.')} and changes nothing`, async ({
        h,
      }) => {
        const input = await bad.input(h);
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          bad.repository(h.a).create(input as never),
        );
        expectIssueAt(error, bad.path);
      });
    }

    it('reports every issue of an input at once', async ({ h }) => {
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.companies.create({ name: '', domain: 'nope', size: 'huge', nickname: 'x' } as never),
      );
      for (const path of [['name'], ['domain'], ['size'], ['nickname']]) expectIssueAt(error, path);
    });

    it('rejects a createMany with one bad row among many, writing nothing, the issue path starting with its index', async ({
      h,
    }) => {
      const rows = Array.from({ length: 6 }, (_, index) => ({
        firstName: `P${index}`,
        emails: [{ address: `p${index}@example.com` }],
      }));
      rows[3] = { firstName: 'P3', emails: [{ address: 'not-an-email' }] };
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () => h.a.people.createMany(rows));
      expect(error.issues.map((issue) => issue.path)).toEqual([[3, 'emails', 0, 'address']]);
    });

    it('rejects a createMany whose last row points at a missing record, writing nothing, with the row index in the path', async ({
      h,
    }) => {
      const company = await makeCompany(h.a);
      const rows = [
        { firstName: 'A', companyId: company.id },
        { firstName: 'B' },
        { firstName: 'C', companyId: 'no-such-company' },
      ];
      const error = await failsCleanly(h, 'INVALID_REFERENCE', () => h.a.people.createMany(rows));
      expect(error.issues.map((issue) => issue.path)).toEqual([[2, 'companyId']]);
    });

    it('rejects a null, a string or an object where createMany takes a list, with MISUSE', async ({ h }) => {
      for (const notAList of [null, undefined, 'rows', { firstName: 'Ann' }]) {
        await failsCleanly(h, 'MISUSE', () => h.a.people.createMany(notAList as never));
      }
    });

    it('rejects null and non-objects inside a createMany at their index', async ({ h }) => {
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.people.createMany([{ firstName: 'Ann' }, null, 'Bob'] as never),
      );
      expectIssueAt(error, [1]);
      expectIssueAt(error, [2]);
    });

    it('accepts an empty createMany and writes nothing', async ({ h }) => {
      const before = await h.snapshot();
      expect(await h.a.people.createMany([])).toEqual([]);
      expect(await h.snapshot()).toEqual(before);
    });

    describe('updates', () => {
      it('rejects a bad value on update with VALIDATION_FAILED at its path and changes nothing', async ({
        h,
      }) => {
        const person = await makePerson(h.a, { emails: [{ address: 'ann@example.com' }] });
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.people.update(
            person.id,
            { birthday: '2023-02-29', lifecycleStage: 'vip' as never },
            { version: 1 },
          ),
        );
        expectIssueAt(error, ['birthday']);
        expectIssueAt(error, ['lifecycleStage']);
      });

      it('rejects an unknown key on update', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { nickname: 'x' } as never, { version: 1 }),
        );
        expectIssueAt(error, ['nickname']);
      });

      it('rejects bookkeeping fields on update: version, createdAt, archivedAt', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const field of ['version', 'createdAt', 'archivedAt', 'updatedBy']) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, { [field]: null } as never, { version: 1 }),
          );
          expectIssueAt(error, [field]);
        }
      });

      it('rejects a change of id', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { id: 'other' } as never, { version: 1 }),
        );
        expectIssueAt(error, ['id']);
      });

      it('rejects changes that are not an object', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const changes of [null, 'x', 42, [{ name: 'B' }]]) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(company.id, changes as never, { version: 1 }),
          );
          expectIssueAt(error, []);
        }
      });

      it('rejects clearing a required field', async ({ h }) => {
        const company = await makeCompany(h.a);
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, { name: null } as never, { version: 1 }),
        );
        expectIssueAt(error, ['name']);
      });

      it('rejects prototype-pollution keys on update', async ({ h }) => {
        const company = await makeCompany(h.a);
        const changes = JSON.parse(
          '{"__proto__":{"polluted":true},"custom":{"__proto__":{"polluted":true}}}',
        );
        const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
          h.a.companies.update(company.id, changes, { version: 1 }),
        );
        expectIssueAt(error, ['__proto__']);
        expectIssueAt(error, ['custom', '__proto__']);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });

      it('rejects an update to a missing reference with INVALID_REFERENCE', async ({ h }) => {
        const person = await makePerson(h.a);
        const other = await makeCompany(h.b);
        const error = await failsCleanly(h, 'INVALID_REFERENCE', () =>
          h.a.people.update(person.id, { companyId: other.id }, { version: 1 }),
        );
        expectIssueAt(error, ['companyId']);
      });

      it('rejects an update without a version with MISUSE', async ({ h }) => {
        const company = await makeCompany(h.a);
        for (const options of [undefined, {}, { version: '1' }, { version: 1.5 }]) {
          await failsCleanly(h, 'MISUSE', () =>
            h.a.companies.update(company.id, { industry: 'x' }, options as never),
          );
        }
      });

      it('rejects an update of a record that does not exist with NOT_FOUND', async ({ h }) => {
        await failsCleanly(h, 'NOT_FOUND', () =>
          h.a.companies.update('no-such-id', { industry: 'x' }, { version: 1 }),
        );
      });

      it('rejects an id that is not a non-empty string with VALIDATION_FAILED at id', async ({ h }) => {
        await makeCompany(h.a);
        for (const id of [42, null, '', 'x'.repeat(300)]) {
          const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
            h.a.companies.update(id as never, { industry: 'x' }, { version: 1 }),
          );
          expectIssueAt(error, ['id']);
        }
      });
    });

    it('rejects a session without a tenant or an actor with MISUSE', async ({ h }) => {
      for (const context of [
        { tenantId: '', actor: { id: 'u' } },
        { tenantId: 't', actor: { id: ' ' } },
        { tenantId: 't' },
        null,
      ]) {
        expect(() => h.crm.as(context as never)).toThrowError(expect.objectContaining({ code: 'MISUSE' }));
      }
    });
  });
}
