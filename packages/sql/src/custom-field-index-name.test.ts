import type { FieldRef, ValueType } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { customFieldIndexName } from './custom-field-index-name';

const field = (path: string[], type: ValueType = 'text'): FieldRef => ({
  operand: { kind: 'jsonPath', column: 'custom', path },
  type,
});

describe('customFieldIndexName', () => {
  it('reads as the table, the path and the type, and is the same on every call', () => {
    const name = customFieldIndexName('people', field(['tier']));
    expect(name).toMatch(/^people_cf_tier_text_[0-9a-f]{8}$/);
    expect(customFieldIndexName('people', field(['tier']))).toBe(name);
  });

  it('stays within the 63 bytes of a Postgres identifier for the longest key', () => {
    const key = `k${'x'.repeat(62)}`;
    const name = customFieldIndexName('activities', field([key, 'amount'], 'timestamp'));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^activities_cf_kxxx\w*_[0-9a-f]{8}$/);
  });

  it('gives different names to fields whose readable parts collide', () => {
    const names = new Set([
      customFieldIndexName('people', field(['a_b'])),
      customFieldIndexName('people', field(['a', 'b'])),
      customFieldIndexName('people', field(['a_b'], 'date')),
      customFieldIndexName('companies', field(['a_b'])),
      customFieldIndexName('people', field([`${'y'.repeat(60)}1`])),
      customFieldIndexName('people', field([`${'y'.repeat(60)}2`])),
    ]);
    expect(names.size).toBe(6);
  });
});
