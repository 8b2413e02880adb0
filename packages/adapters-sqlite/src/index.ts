/**
 * Rapport's storage adapter for SQLite on better-sqlite3: a CRM in one file, or in memory. Wiring only:
 * the queries live in `@rapport/sql`.
 *
 * @module @rapport/adapter-sqlite
 */
export { sqliteAdapter } from './sqlite-adapter';
export type { SqliteAdapterOptions } from './sqlite-adapter-options';
export { sqliteDialect } from './sqlite-dialect';
export type { SqlitePragmas } from './sqlite-pragmas';
