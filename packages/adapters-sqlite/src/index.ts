export { sqliteAdapter } from './sqlite-adapter';
export type { SqliteAdapterOptions } from './sqlite-adapter-options';
export type { SqlitePragmas } from './sqlite-pragmas';
export { sqliteDialect } from './sqlite-dialect';
