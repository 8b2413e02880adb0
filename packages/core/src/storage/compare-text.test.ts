import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './compare-text';

describe('compareCodePoints', () => {
  it('puts a character above U+FFFF after U+E000–U+FFFF, unlike UTF-16 order', () => {
    expect('\u{1F600}' < '\uFF5E').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uFF5E')).toBeGreaterThan(0);
    expect(compareCodePoints('\uE000', '\u{10000}')).toBeLessThan(0);
  });

  it('keeps UTF-16 order below the surrogate range', () => {
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
    expect(compareCodePoints('é', 'z')).toBeGreaterThan(0);
    expect(compareCodePoints('\uD7FF', '\u{10000}')).toBeLessThan(0);
  });

  it('orders characters above U+FFFF among themselves by code point', () => {
    expect(compareCodePoints('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(compareCodePoints('\u{20000}', '\u{1F600}')).toBeGreaterThan(0);
  });

  it('puts a prefix before the longer string and returns 0 for equal strings', () => {
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('', 'a')).toBeLessThan(0);
    expect(compareCodePoints('a😀', 'a😀')).toBe(0);
  });

  it('matches the order of UTF-8 bytes', () => {
    const words = ['z', 'é', '\uFF5E', '\u{1F600}', 'A', '', 'İ', '\uE000', 'ab', 'a'];
    const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    expect([...words].sort(compareCodePoints)).toEqual(byBytes);
  });
});
