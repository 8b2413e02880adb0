/**
 * Rapport's shared SQL layer: every query of the SQL storage adapters, written once on Kysely (used only
 * as a compiler). An engine adapter supplies a {@link SqlDialect} (its true differences) and a
 * {@link SqlDriver} (statements in, rows out) and gets a complete `StorageAdapter` from
 * {@link createSqlStore}.
 *
 * @module @rapport/sql
 */

export type { CopyValues } from './copy-rows';
export { copyOfValues } from './copy-rows';
export type { SqlCompiler } from './create-sql-compiler';
export type { CreateSqlStoreOptions } from './create-sql-store';
export { createSqlStore } from './create-sql-store';
export { jsonPathText } from './json-path-text';
export type { MaybePromise } from './maybe-promise';
export type { SerialQueue } from './serial-queue';
export { createSerialQueue } from './serial-queue';
export type { ColumnCodec, DriverFailure, KyselyParts, SqlDialect } from './sql-dialect';
export type { SqlConnection, SqlCopy, SqlDriver } from './sql-driver';
export type { SqlStatement } from './sql-statement';
export type { TenantSession } from './tenant-session';
