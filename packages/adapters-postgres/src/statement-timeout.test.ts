import { describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';
import { statementTimeoutConfig } from './statement-timeout';

describe('statementTimeout', () => {
  it('becomes the pool setting statement_timeout, and nothing when left out', () => {
    expect(statementTimeoutConfig(5_000)).toEqual({ statement_timeout: 5_000 });
    expect(statementTimeoutConfig(undefined)).toEqual({});
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '100'])(
    'refuses %s with MISUSE naming the option, before opening a pool',
    (statementTimeout) => {
      const open = () =>
        postgresAdapter({
          connectionString: 'postgres://nobody@127.0.0.1:1/none',
          statementTimeout: statementTimeout as number,
        });
      expect(open).toThrow(expect.objectContaining({ code: 'MISUSE', details: { statementTimeout } }));
    },
  );
});
