import { describe, expect, it } from 'vitest';
import { foldCase } from './fold-case';

describe('foldCase', () => {
  it('folds beyond ASCII as toLowerCase does', () => {
    expect(foldCase('ÉCLAIR')).toBe('éclair');
    expect(foldCase('İ')).toBe('i\u0307');
    expect(foldCase('STRASSE')).toBe('strasse');
  });

  it('reads a final sigma as a sigma, wherever Σ stands in the word', () => {
    expect(foldCase('ΟΔΟΣ')).toBe('οδοσ');
    expect(foldCase('οδος')).toBe('οδοσ');
    expect(foldCase('ΣΟΦΟΣ ΣΟΦΟΣ')).toBe(foldCase('σοφοσ σοφος'));
  });
});
