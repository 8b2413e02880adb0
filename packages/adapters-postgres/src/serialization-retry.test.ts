import { RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { isRetryableTransactionError } from './serialization-retry';

describe('isRetryableTransactionError', () => {
  it('retries serialization failures and deadlocks, also wrapped as a cause', () => {
    expect(isRetryableTransactionError({ code: '40001' })).toBe(true);
    expect(isRetryableTransactionError({ code: '40P01' })).toBe(true);
    const wrapped = new RapportError('STORAGE_ERROR', 'failed', { cause: { code: '40001' } });
    expect(isRetryableTransactionError(wrapped)).toBe(true);
  });

  it('does not retry other errors', () => {
    expect(isRetryableTransactionError({ code: '23505' })).toBe(false);
    expect(isRetryableTransactionError(new Error('boom'))).toBe(false);
    expect(isRetryableTransactionError(undefined)).toBe(false);
  });
});
