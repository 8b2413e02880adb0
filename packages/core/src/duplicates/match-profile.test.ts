import { describe, expect, it } from 'vitest';
import { matchKeys, profileOf } from './match-profile';

describe('matchKeys', () => {
  it('keys a person by every email, every phone and three name blocks', () => {
    const profile = profileOf('person', {
      id: 'p1',
      firstName: 'Katherine',
      lastName: 'Smith',
      emails: [{ address: 'Kate@A.com' }, { address: 'kate@b.com' }],
      phones: [{ number: '+14155550132' }],
    });
    expect(matchKeys(profile)).toEqual([
      'email:kate@a.com',
      'email:kate@b.com',
      'phone:+14155550132',
      'name:smi|k',
      'name:kat|s',
      'name:~ine|s',
    ]);
  });

  it('shares a name key between a typo at the start and names the wrong way round', () => {
    const keys = (firstName: string, lastName: string) =>
      new Set(matchKeys(profileOf('person', { id: 'x', firstName, lastName, emails: [], phones: [] })));
    const shares = (a: Set<string>, b: Set<string>) => [...a].some((key) => b.has(key));
    expect(shares(keys('Katherine', 'Smith'), keys('Catherine', 'Smith'))).toBe(true);
    expect(shares(keys('Ann', 'Lee'), keys('Lee', 'Ann'))).toBe(true);
    expect(shares(keys('Ann', 'Lee'), keys('Bob', 'Brown'))).toBe(false);
  });

  it('keys a company by its domain and the start and end of its name without legal forms', () => {
    const profile = profileOf('company', { id: 'c1', name: 'The ACME Corp.', domain: 'acme.com' });
    expect(matchKeys(profile)).toEqual(['domain:acme.com', 'name:acme', 'name:~acme']);
  });
});
