import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCompanyName, foldName } from './fold-name';
import { companyNameSimilarity, personNameSimilarity } from './name-similarity';

describe('foldName', () => {
  it('drops accents, case, apostrophes and punctuation', () => {
    expect(foldName('  Zoë  O’Brien-Smith ')).toBe('zoe obrien smith');
    expect(foldName('STRAßE & Söhne')).toBe('strasse and sohne');
    expect(foldName('Ｆｕｌｌ width')).toBe('full width');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(foldName(foldName(text))).toBe(foldName(text));
      }),
    );
  });
});

describe('foldCompanyName', () => {
  it('strips legal forms and filler, but keeps a name made only of them', () => {
    expect(foldCompanyName('The ACME Group, Inc.')).toBe('acme');
    expect(foldCompanyName('Müller GmbH & Co. KG')).toBe('muller and');
    expect(foldCompanyName('The Company')).toBe('the company');
  });
});

describe('name similarity', () => {
  it('matches names the same once folded, and names entered the wrong way round', () => {
    expect(personNameSimilarity('Zoë O’Brien', 'zoe obrien')).toBe(1);
    expect(personNameSimilarity('Lee Ann', 'Ann Lee')).toBe(1);
    expect(companyNameSimilarity('ACME, Inc.', 'Acme Corporation')).toBe(1);
  });

  it('scores a typo high and a different name low', () => {
    expect(personNameSimilarity('Jon Smith', 'John Smith')).toBeGreaterThan(0.95);
    expect(personNameSimilarity('Ann Lee', 'Bob Brown')).toBeLessThan(0.6);
    expect(companyNameSimilarity('Microsoft', 'Mircosoft')).toBeGreaterThan(0.9);
  });
});
