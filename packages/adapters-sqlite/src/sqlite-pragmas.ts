import { RapportError } from '@rapport/core';
import type { Database } from 'better-sqlite3';

/**
 * PRAGMA settings by name; booleans become ON/OFF. Names are lower-case words, values numbers, booleans
 * or single words.
 *
 * @example
 * ```ts
 * const pragmas: SqlitePragmas = { cache_size: -64000, synchronous: 'FULL', recursive_triggers: false };
 * ```
 */
export type SqlitePragmas = Readonly<Record<string, string | number | boolean>>;

const NAME = /^[a-z_]+$/;
const WORD = /^[A-Za-z0-9_-]+$/;

/**
 * Applies Rapport's defaults, then the host's `pragmas`, which win: foreign keys enforced, a 5-second
 * busy timeout, temporary storage in memory, and for files WAL journaling with `synchronous = NORMAL`
 * (readers do not block the writer; a commit survives a process crash).
 *
 * `temp_store = MEMORY` keeps statement journals off the disk: every multi-row insert inside a transaction
 * keeps the pages it changes in one, so that it can be undone alone, and SQLite writes that journal to a
 * temporary file once it passes 64 KiB. A bulk create of 20,000 people wrote some 28,000 pages there, in
 * 75,000 system calls; in memory each page costs a copy.
 *
 * @example
 * ```ts
 * applySqlitePragmas(db, { cache_size: -64000 });
 * ```
 */
export function applySqlitePragmas(db: Database, pragmas: SqlitePragmas = {}): void {
  const defaults: SqlitePragmas = db.memory
    ? { busy_timeout: 5000, foreign_keys: true, temp_store: 'MEMORY' }
    : {
        // First: switching the journal mode takes a lock, which must wait for another process's
        // transaction instead of failing at once.
        busy_timeout: 5000,
        journal_mode: 'WAL',
        synchronous: 'NORMAL',
        foreign_keys: true,
        temp_store: 'MEMORY',
      };
  for (const [name, value] of Object.entries({ ...defaults, ...pragmas })) {
    // PRAGMA takes no bound parameters, so names and values are checked before they reach SQL.
    const isValid =
      typeof value === 'string' ? WORD.test(value) : typeof value === 'boolean' || Number.isFinite(value);
    if (!NAME.test(name) || !isValid) {
      throw new RapportError('MISUSE', `Invalid SQLite pragma ${name} = ${String(value)}.`, {
        details: { pragma: name },
      });
    }
    db.pragma(`${name} = ${typeof value === 'boolean' ? (value ? 'ON' : 'OFF') : String(value)}`);
  }
}
