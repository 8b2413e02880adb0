import type { Condition, FieldRef } from '@rapport/core';
import { memoryAdapter, rapportMigrations } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { guardSchema } from './schema-guard';

const field = (operand: FieldRef['operand']): FieldRef => ({ operand, type: 'text' });
const isNull = (ref: FieldRef): Condition => ({ kind: 'null', field: ref, negate: false });

// The injection test trusts the guard to see escapes; this shows that it does.
describe('the schema guard', () => {
  it('lets reads that name schema columns and defined custom keys through unremarked', async () => {
    const guard = guardSchema(memoryAdapter(), { people: new Set(['tier']) });
    await guard.adapter.migrate({ migrations: rapportMigrations });
    const where: Condition = {
      kind: 'and',
      conditions: [
        isNull(field({ kind: 'column', column: 'region' })),
        isNull(field({ kind: 'jsonPath', column: 'custom', path: ['tier'] })),
      ],
    };
    await guard.adapter.findMany({ table: 'people', tenantId: 't', where });
    await guard.adapter.count({ table: 'people', tenantId: 't', where });
    expect(guard.escapes).toEqual([]);
  });

  it('reports an unknown column, an undefined custom key and a related table, inside transactions too', async () => {
    const guard = guardSchema(memoryAdapter(), { people: new Set(['tier']) });
    await guard.adapter.migrate({ migrations: rapportMigrations });
    await guard.adapter.count({
      table: 'people',
      tenantId: 't',
      where: isNull(field({ kind: 'jsonPath', column: 'custom', path: ['secret'] })),
    });
    await guard.adapter.transaction(async (tx) => {
      await tx
        .findMany({
          table: 'people',
          tenantId: 't',
          where: isNull(field({ kind: 'column', column: 'password' })),
        })
        .catch(() => []);
    });
    await guard.adapter
      .count({
        table: 'people',
        tenantId: 't',
        where: {
          kind: 'related',
          relation: { table: 'secrets', link: 'column', foreignColumn: 'id', localColumn: 'id' },
          aggregate: { fn: 'exists' },
          negate: false,
        },
      })
      .catch(() => 0);
    expect(guard.escapes).toEqual([
      'people.custom: the undefined key "secret"',
      'people: column "password"',
      'the table "secrets"',
    ]);
  });
});
