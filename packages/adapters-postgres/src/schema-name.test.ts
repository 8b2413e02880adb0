import { describe, expect, it } from 'vitest';
import { searchPathOf } from './schema-name';

describe('searchPathOf', () => {
  it('quotes a plain identifier and defaults to the server default', () => {
    expect(searchPathOf('rapport_test_1')).toBe('"rapport_test_1"');
    expect(searchPathOf(undefined)).toBe('"$user", public');
  });

  it('refuses a name that would need escaping with MISUSE', () => {
    expect(() => searchPathOf('a"; drop table x; --')).toThrow(expect.objectContaining({ code: 'MISUSE' }));
  });
});
