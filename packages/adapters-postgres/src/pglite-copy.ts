import type { PGlite } from '@electric-sql/pglite';
import type { SqlCopy } from '@rapport/sql';
import { copyStatement, copyText } from './copy-text';

/**
 * Bulk load for PGlite: `COPY ... FROM '/dev/blob'`, PGlite's device that reads the query's `blob`
 * option, with the rows as COPY text. One statement, so a failure (a unique or foreign-key
 * violation, with its SQLSTATE and constraint) writes none of its rows. Run it in the connection's turn.
 *
 * @example
 * ```ts
 * const written = await pgliteCopyRows(db, copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', id] }));
 * ```
 */
export async function pgliteCopyRows(db: PGlite, copy: SqlCopy): Promise<number> {
  const blob = new Blob([...copyText(copy)]);
  const result = await db.query(copyStatement(copy, `'/dev/blob'`), [], { blob });
  return result.affectedRows ?? 0;
}
