import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteJsonPath } from './sqlite-json-path';

describe('sqliteJsonPath', () => {
  it('quotes every key', () => {
    expect(sqliteJsonPath([])).toBe('$');
    expect(sqliteJsonPath(['address', 'city'])).toBe('$."address"."city"');
  });

  it('reaches keys with dots, quotes, backslashes, brackets and non-ASCII letters in SQLite', () => {
    const db = new Database(':memory:');
    const keys = ['a.b', 'q"uote', 'back\\slash', '[0]', 'Éclair 🍰', '$', ''];
    const document = JSON.stringify(Object.fromEntries(keys.map((key, i) => [key, i])));
    const read = db.prepare('select json_extract(?, ?) as value');
    for (const [i, key] of keys.entries())
      expect(read.get(document, sqliteJsonPath([key]))).toEqual({ value: i });
    db.close();
  });
});
