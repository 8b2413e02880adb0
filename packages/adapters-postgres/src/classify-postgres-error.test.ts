import { describe, expect, it } from 'vitest';
import { classifyPostgresError } from './classify-postgres-error';

describe('classifyPostgresError', () => {
  it('reads a unique violation with the constraint it names', () => {
    expect(classifyPostgresError({ code: '23505', constraint: 'people_email' })).toEqual({
      kind: 'unique',
      constraint: 'people_email',
    });
  });

  it('reads a foreign-key violation', () => {
    expect(classifyPostgresError({ code: '23503', constraint: 'orders_company' })).toEqual({
      kind: 'foreignKey',
      constraint: 'orders_company',
    });
  });

  it('reads anything else, and non-objects, as other', () => {
    expect(classifyPostgresError({ code: '40001' })).toEqual({ kind: 'other' });
    expect(classifyPostgresError(new Error('socket closed'))).toEqual({ kind: 'other' });
    expect(classifyPostgresError(null)).toEqual({ kind: 'other' });
  });
});
