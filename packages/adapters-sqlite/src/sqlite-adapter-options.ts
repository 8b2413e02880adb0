import type { Database } from 'better-sqlite3';
import type { SqlitePragmas } from './sqlite-pragmas';

/**
 * Options of `sqliteAdapter`: a file to open (`':memory:'` for a private in-memory database), or a
 * better-sqlite3 database the host already opened, plus PRAGMA settings applied after Rapport's defaults.
 *
 * @example
 * ```ts
 * const options: SqliteAdapterOptions = { filename: 'crm.db', pragmas: { cache_size: -64000 } };
 * ```
 */
export type SqliteAdapterOptions = (
  | {
      /** A path, or `':memory:'`. The adapter opens it and closes it on `close()`. */
      readonly filename: string;
      readonly database?: undefined;
    }
  | {
      /** An open database. The adapter configures it (pragmas, a `rapport_fold` function) but never closes it. */
      readonly database: Database;
      readonly filename?: undefined;
    }
) & {
  /** PRAGMA settings, e.g. `{ cache_size: -64000 }`; they override the defaults. */
  readonly pragmas?: SqlitePragmas;
};
