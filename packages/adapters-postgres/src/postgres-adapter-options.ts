import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * Options of `postgresAdapter`: a `pg.Pool` the host owns, a connection string (the adapter creates the
 * pool and ends it on `close()`), or a PGlite instance the host owns. `schema` puts the adapter's tables in
 * that schema (it must exist); with a host's pool, set `search_path` on the pool instead
 * (`new Pool({ options: '-c search_path=crm' })`).
 *
 * `rowLevelSecurity: true` holds every statement to one tenant in the database itself: `migrate` puts
 * each tenant table under a forced row-level security policy, and every operation runs in a transaction
 * that sets its tenant (`set_config('app.tenant_id', ..., true)`), so even a query that forgot its tenant
 * filter sees one tenant. Connect as a role that is neither a superuser nor BYPASSRLS (`migrate` throws
 * MISUSE otherwise). An insert's rows must then share one `tenant_id`; `raw` (for tests) sets no tenant,
 * so it sees no rows.
 *
 * @example
 * ```ts
 * const options: PostgresAdapterOptions = { connectionString: 'postgres://localhost/crm', schema: 'crm' };
 * const isolated: PostgresAdapterOptions = { connectionString: 'postgres://crm_app@localhost/crm', rowLevelSecurity: true };
 * ```
 */
export type PostgresAdapterOptions =
  | {
      /** A pool the host created and ends; the adapter never ends it. */
      readonly pool: Pool;
      readonly connectionString?: undefined;
      readonly pglite?: undefined;
      readonly schema?: undefined;
      /** Row-level security mode: see {@link PostgresAdapterOptions}. Off when left out. */
      readonly rowLevelSecurity?: boolean;
    }
  | {
      /** A libpq connection string; the adapter creates a pool on it and ends it on `close()`. */
      readonly connectionString: string;
      readonly pool?: undefined;
      readonly pglite?: undefined;
      /** The schema of the adapter's tables: a plain identifier, already created. */
      readonly schema?: string;
      /**
       * Cancels any statement that runs longer than this many milliseconds (Postgres' `statement_timeout`,
       * set on each connection of the pool); the call then fails with STORAGE_ERROR. Left out, the
       * server's setting applies. With a host `pool`, set `statement_timeout` on that pool instead.
       */
      readonly statementTimeout?: number;
      /** Row-level security mode: see {@link PostgresAdapterOptions}. Off when left out. */
      readonly rowLevelSecurity?: boolean;
    }
  | {
      /** A PGlite instance the host created and closes; several adapters may share one. */
      readonly pglite: PGlite;
      readonly pool?: undefined;
      readonly connectionString?: undefined;
      /** The schema of the adapter's tables: a plain identifier, already created. */
      readonly schema?: string;
      /** Row-level security mode: see {@link PostgresAdapterOptions}. Off when left out. */
      readonly rowLevelSecurity?: boolean;
    };
