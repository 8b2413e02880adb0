import { foldCase } from '@rapport/core';
import type { Database } from 'better-sqlite3';
import { FOLD_FUNCTION } from './sqlite-dialect';

/**
 * Registers the SQL functions the SQLite dialect compiles to: `rapport_fold(x)`, core's
 * `foldCase()`, because SQLite's `lower()` folds ASCII only and case-insensitive conditions must fold
 * 'É' and 'Σ' as core's reference does. Deterministic, so SQLite may use it in indexes.
 *
 * @example
 * ```ts
 * registerSqliteFunctions(db);
 * db.prepare('select rapport_fold(?) as folded').get('ÉCLAIR'); // { folded: 'éclair' }
 * ```
 */
export function registerSqliteFunctions(db: Database): void {
  db.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldCase(value) : value,
  );
}
