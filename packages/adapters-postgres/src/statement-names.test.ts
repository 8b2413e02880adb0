import { describe, expect, it } from 'vitest';
import { createStatementNames } from './statement-names';

describe('statement names', () => {
  it('names a text from its second use on, the same name every time', () => {
    const names = createStatementNames();
    expect(names.nameOf('select 1')).toBeUndefined();
    const name = names.nameOf('select 1');
    expect(name).toMatch(/^rapport_[0-9a-f]{24}$/);
    expect(names.nameOf('select 1')).toBe(name);
  });

  it('gives two drivers the same name for the same text and different names for different texts', () => {
    const first = createStatementNames();
    const second = createStatementNames();
    for (const names of [first, second]) names.nameOf('select 1');
    expect(first.nameOf('select 1')).toBe(second.nameOf('select 1'));
    first.nameOf('select 2');
    expect(first.nameOf('select 2')).not.toBe(first.nameOf('select 1'));
  });

  it('stops naming after 500 texts', () => {
    const names = createStatementNames();
    const named = [];
    for (let index = 0; index < 600; index++) {
      names.nameOf(`select ${index}`);
      named.push(names.nameOf(`select ${index}`));
    }
    expect(named.filter((name) => name !== undefined)).toHaveLength(500);
  });
});
