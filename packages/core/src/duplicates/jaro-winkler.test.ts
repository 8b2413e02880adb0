import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler';

describe('jaroWinkler', () => {
  it('gives the published values of the standard examples', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('scores nothing in common, or an empty string, as 0', () => {
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('is symmetric, between 0 and 1, and 1 exactly for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const score = jaroWinkler(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBeCloseTo(score, 12);
        expect(score === 1).toBe(a === b);
      }),
    );
  });

  it('never scores below Jaro: a shared prefix only raises the score', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(jaroWinkler(a, b)).toBeGreaterThanOrEqual(jaro(a, b) - 1e-12);
      }),
    );
  });

  it('scores a typo, a transposition or a dropped letter in a name above 0.9', () => {
    expect(jaroWinkler('catherine', 'katherine')).toBeGreaterThan(0.9);
    expect(jaroWinkler('johnson', 'jhonson')).toBeGreaterThan(0.9);
    expect(jaroWinkler('stephenson', 'stevenson')).toBeGreaterThan(0.9);
    expect(jaroWinkler('williams', 'wiliams')).toBeGreaterThan(0.9);
  });
});
