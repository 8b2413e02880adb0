import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { classifySqliteError } from './classify-sqlite-error';

// Real errors from the engine, so a change in better-sqlite3's messages or codes shows up here.
const failureOf = (db: Database.Database, sql: string) => {
  try {
    db.exec(sql);
  } catch (error) {
    return error;
  }
  throw new Error(`Expected ${sql} to fail.`);
};

describe('classifySqliteError', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`
    create table parents (t text not null, id text not null, name text, code text, primary key (t, id));
    create unique index parents_name on parents (t, name);
    create unique index parents_code on parents (lower(code));
    create table children (t text not null, id text not null, parent text, primary key (t, id), foreign key (t, parent) references parents (t, id));
    insert into parents values ('t1', 'p1', 'Ann', 'A');
    insert into children values ('t1', 'c1', 'p1');
  `);

  it('reads the columns of a primary-key and a unique-index violation', () => {
    expect(
      classifySqliteError(failureOf(db, `insert into parents values ('t1', 'p1', 'Bob', null)`)),
    ).toEqual({ kind: 'unique', columns: ['t', 'id'] });
    expect(
      classifySqliteError(failureOf(db, `insert into parents values ('t1', 'p2', 'Ann', null)`)),
    ).toEqual({ kind: 'unique', columns: ['t', 'name'] });
  });

  it('reads the name of a violated expression index', () => {
    expect(classifySqliteError(failureOf(db, `insert into parents values ('t2', 'p2', 'Bob', 'a')`))).toEqual(
      { kind: 'unique', constraint: 'parents_code' },
    );
  });

  it('recognises foreign-key violations on write and on delete', () => {
    expect(classifySqliteError(failureOf(db, `insert into children values ('t1', 'c2', 'ghost')`))).toEqual({
      kind: 'foreignKey',
    });
    expect(classifySqliteError(failureOf(db, `delete from parents where id = 'p1'`))).toEqual({
      kind: 'foreignKey',
    });
  });

  it('leaves every other failure to STORAGE_ERROR', () => {
    expect(classifySqliteError(failureOf(db, `insert into parents values ('t1', null, 'x', null)`))).toEqual({
      kind: 'other',
    });
    expect(classifySqliteError(failureOf(db, 'select * from nowhere'))).toEqual({ kind: 'other' });
    expect(classifySqliteError(new TypeError('not from the engine'))).toEqual({ kind: 'other' });
  });
});
