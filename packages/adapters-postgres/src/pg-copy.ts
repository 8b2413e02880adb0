import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SqlConnection, SqlCopy } from '@rapport/sql';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, copyText } from './copy-text';

/**
 * Bulk load for a `pg` connection: `copyRows` runs `COPY ... FROM STDIN` on a checked-out client
 * (through `pg-copy-streams`), streaming the rows as COPY text. The pool itself gets none:
 * COPY needs one connection from start to end, and the store writes only inside transactions, which run
 * on their own client. A failing COPY rejects with the server's error (a unique or foreign-key violation
 * keeps its SQLSTATE and constraint), and the server has then written none of its rows.
 *
 * @example
 * ```ts
 * const connection: SqlConnection = { query, queryFirst, execute, ...pgCopy(client) };
 * await connection.copyRows?.(copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', id] }));
 * ```
 */
export function pgCopy(queryable: Pick<Pool, 'query'> | PoolClient): Pick<SqlConnection, 'copyRows'> {
  if (!isClient(queryable)) return {};
  return { copyRows: (copy) => copyRowsOn(queryable, copy) };
}

async function copyRowsOn(client: PoolClient, copy: SqlCopy): Promise<number> {
  const stream = client.query(copyFrom(copyStatement(copy, 'stdin')));
  // Settles once the server has answered (the COPY stream finishes after its CommandComplete) or failed;
  // the pieces of text go out as the socket takes them.
  await pipeline(Readable.from(copyText(copy)), stream);
  return stream.rowCount;
}

function isClient(queryable: Pick<Pool, 'query'> | PoolClient): queryable is PoolClient {
  return typeof (queryable as Partial<PoolClient>).release === 'function';
}
