import { describe, expect, it } from 'vitest';
import { companyEntity } from '../entities/company';
import { personEntity } from '../entities/person';
import { checkSurvivorship, survivingChanges } from './survivorship';

const winner = {
  id: 'w',
  name: 'Acme',
  domain: null,
  industry: 'Retail',
  region: null,
  tags: ['a'],
  custom: { tier: 'gold' },
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const older = {
  id: 'l1',
  name: 'Acme Inc',
  domain: 'acme.com',
  industry: 'Software',
  region: 'South',
  tags: ['b'],
  custom: { tier: 'silver', size: 5 },
  updatedAt: '2024-06-01T00:00:00.000Z',
};
const newer = {
  id: 'l2',
  name: 'ACME',
  domain: null,
  industry: 'Hardware',
  region: 'North',
  tags: ['a', 'c'],
  custom: {},
  updatedAt: '2025-03-01T00:00:00.000Z',
};

describe('survivingChanges', () => {
  it('keeps the winner and fills its gaps from the losers in order, with lists united, by default', () => {
    expect(survivingChanges(companyEntity, winner, [older, newer], {})).toEqual({
      domain: 'acme.com',
      region: 'South',
      tags: ['a', 'b', 'c'],
      custom: { size: 5 },
    });
  });

  it('takes the most recent non-empty value, a chosen record, or a given value', () => {
    const changes = survivingChanges(companyEntity, winner, [older, newer], {
      default: 'mostRecent',
      fields: { name: { from: 'l1' }, industry: { value: 'Tools' }, tags: 'winner', 'custom.tier': 'winner' },
    });
    expect(changes).toEqual({
      name: 'Acme Inc',
      domain: 'acme.com',
      industry: 'Tools',
      region: 'North',
      custom: { size: 5 },
    });
  });

  it('takes the value of the most complete record that has one', () => {
    const changes = survivingChanges(companyEntity, winner, [older, newer], {
      fields: { industry: 'mostComplete' },
    });
    expect(changes.industry).toBe('Software');
  });

  it('unites email lists with one primary: the winner keeps its own', () => {
    const ann = {
      id: 'w',
      emails: [{ address: 'ann@a.com', label: null, primary: true }],
      phones: [],
      custom: {},
    };
    const anne = {
      id: 'l',
      emails: [
        { address: 'ANN@a.com', label: null, primary: true },
        { address: 'ann@b.com', label: 'home', primary: false },
      ],
      phones: [],
      custom: {},
    };
    expect(survivingChanges(personEntity, ann, [anne], {}).emails).toEqual([
      { address: 'ann@a.com', label: null, primary: true },
      { address: 'ann@b.com', label: 'home', primary: false },
    ]);
  });
});

describe('checkSurvivorship', () => {
  it('refuses unknown fields, union on a scalar and a record that is not merged, at their paths', () => {
    const error = (() => {
      try {
        checkSurvivorship(
          companyEntity,
          { fields: { planet: 'winner', name: 'union', region: { from: 'x' } } },
          ['w', 'l1'],
        );
      } catch (caught) {
        return caught as { issues: { path: unknown[] }[] };
      }
      throw new Error('expected a refusal');
    })();
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['survivorship', 'fields', 'planet'],
      ['survivorship', 'fields', 'name'],
      ['survivorship', 'fields', 'region', 'from'],
    ]);
  });
});
