import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * Options of `postgresAdapter`: a `pg.Pool` the host owns, a connection string (the adapter creates the
 * pool and ends it on `close()`), or a PGlite instance the host owns. `schema` puts the adapter's tables in
 * that schema (it must exist); with a host's pool, set `search_path` on the pool instead
 * (`new Pool({ options: '-c search_path=crm' })`).
 *
 * @example
 * ```ts
 * const options: PostgresAdapterOptions = { connectionString: 'postgres://localhost/crm', schema: 'crm' };
 * ```
 */
export type PostgresAdapterOptions =
  | {
      /** A pool the host created and ends; the adapter never ends it. */
      readonly pool: Pool;
      readonly connectionString?: undefined;
      readonly pglite?: undefined;
      readonly schema?: undefined;
    }
  | {
      /** A libpq connection string; the adapter creates a pool on it and ends it on `close()`. */
      readonly connectionString: string;
      readonly pool?: undefined;
      readonly pglite?: undefined;
      /** The schema of the adapter's tables: a plain identifier, already created. */
      readonly schema?: string;
    }
  | {
      /** A PGlite instance the host created and closes; several adapters may share one. */
      readonly pglite: PGlite;
      readonly pool?: undefined;
      readonly connectionString?: undefined;
      /** The schema of the adapter's tables: a plain identifier, already created. */
      readonly schema?: string;
    };
