import type { Row, TableDef } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { orderSelfReferences } from './order-self-references';

const members: TableDef = {
  name: 'members',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    { name: 'manager_id', type: 'text', nullable: true },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [
    {
      name: 'members_manager_fk',
      columns: ['tenant_id', 'manager_id'],
      references: { table: 'members', columns: ['tenant_id', 'id'] },
    },
  ],
};
const member = (id: string, manager: string | null): Row => ({ tenant_id: 't1', id, manager_id: manager });
const ids = (rows: readonly Row[]) => rows.map((row) => row.id);

describe('orderSelfReferences', () => {
  it('puts managers before their reports, however long the chain', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => member(`m${i}`, i === 4999 ? null : `m${i + 1}`));
    const ordered = orderSelfReferences(members, chain);
    expect(ordered[0]?.id).toBe('m4999');
    expect(ordered.at(-1)?.id).toBe('m0');
    expect(ordered).toHaveLength(5000);
  });

  it('keeps the order of rows that reference nothing in the call', () => {
    const rows = [member('a', null), member('b', 'outside'), member('c', 'a')];
    expect(ids(orderSelfReferences(members, rows))).toEqual(['a', 'b', 'c']);
  });

  it('keeps every row of a reference cycle', () => {
    const rows = [member('a', 'b'), member('b', 'a'), member('c', 'c')];
    expect(ids(orderSelfReferences(members, rows)).sort()).toEqual(['a', 'b', 'c']);
  });

  it('matches references within one tenant only', () => {
    const rows = [member('a', 'b'), { tenant_id: 't2', id: 'b', manager_id: null }];
    expect(ids(orderSelfReferences(members, rows))).toEqual(['a', 'b']);
  });

  it('returns the rows untouched for a table without self-references', () => {
    const rows = [member('a', 'b'), member('b', null)];
    expect(orderSelfReferences({ ...members, foreignKeys: [] }, rows)).toBe(rows);
  });
});
