import { RapportError } from '@rapport/core';
import type { PoolConfig } from 'pg';

/**
 * The pool settings for the adapter's `statementTimeout` option: Postgres' `statement_timeout`, sent when
 * each connection opens, so the server cancels any statement that runs longer (SQLSTATE 57014). Nothing
 * when the option is left out (the server's setting applies). Throws MISUSE for anything but a positive
 * whole number of milliseconds.
 *
 * @example
 * ```ts
 * new pg.Pool({ connectionString, ...statementTimeoutConfig(5_000) }); // statement_timeout: 5000
 * ```
 */
export function statementTimeoutConfig(
  statementTimeout: number | undefined,
): Pick<PoolConfig, 'statement_timeout'> {
  if (statementTimeout === undefined) return {};
  // pg sends no setting for 0, so 0 could not mean "no timeout" as it does in Postgres: leave it out instead.
  if (!Number.isSafeInteger(statementTimeout) || statementTimeout <= 0) {
    throw new RapportError(
      'MISUSE',
      `statementTimeout is a positive whole number of milliseconds, not ${String(statementTimeout)}; leave it out to keep the server's setting.`,
      { details: { statementTimeout } },
    );
  }
  return { statement_timeout: statementTimeout };
}
