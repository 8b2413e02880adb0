import { describe, expect, it } from 'vitest';
import { fillEmpty } from './fill-empty';

describe('fillEmpty', () => {
  it('fills only the fields the stored record leaves empty', () => {
    const stored = { firstName: 'Ann', lastName: '', title: null, region: 'EU' };
    const captured = { firstName: 'Anne', lastName: 'Lee', title: 'CTO', region: 'US' };
    expect(fillEmpty(stored, captured, ['firstName', 'lastName', 'title', 'region'])).toEqual({
      lastName: 'Lee',
      title: 'CTO',
    });
  });

  it('never clears a stored value with an empty captured one', () => {
    expect(fillEmpty({ title: null }, { title: null }, ['title'])).toEqual({});
    expect(fillEmpty({ title: 'CTO' }, { title: '' }, ['title'])).toEqual({});
  });

  it('leaves fields it is not asked about alone', () => {
    expect(fillEmpty({ ownerId: null }, { ownerId: 'm1' }, ['title'])).toEqual({});
  });
});
