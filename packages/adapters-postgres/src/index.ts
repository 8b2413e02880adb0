/**
 * Rapport's storage adapter for Postgres: a server through a `pg` pool, or PGlite in process. Wiring only:
 * the queries live in `@rapport/sql`.
 *
 * @module @rapport/adapter-postgres
 */
export { postgresAdapter } from './postgres-adapter';
export type { PostgresAdapterOptions } from './postgres-adapter-options';
export { postgresDialect } from './postgres-dialect';
