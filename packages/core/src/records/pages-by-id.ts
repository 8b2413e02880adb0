import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import { allOf } from './conditions';

/** Arguments of {@link pagesById}. */
export interface PagesByIdArgs {
  readonly reader: StorageReader;
  readonly table: string;
  readonly tenantId: string;
  readonly where?: Condition;
  readonly pageSize?: number;
}

const idField = { operand: { kind: 'column', column: 'id' }, type: 'text' } as const;

/**
 * Every matching row of a table, in pages in id order, each page read after the last id of the one
 * before: scans of a whole tenant (a custom field's type change, a long history) never hold it all at once
 * and never skip or repeat a row.
 *
 * @example
 * ```ts
 * for await (const rows of pagesById({ reader, table: 'people', tenantId })) count += rows.length;
 * ```
 */
export async function* pagesById(args: PagesByIdArgs): AsyncGenerator<Row[]> {
  const pageSize = args.pageSize ?? 1_000;
  let lastId: string | undefined;
  for (;;) {
    const after: Condition | undefined =
      lastId === undefined
        ? undefined
        : { kind: 'compare', field: idField, op: 'gt', value: lastId, caseInsensitive: false };
    const where = allOf(args.where, after);
    const rows = await args.reader.findMany({
      table: args.table,
      tenantId: args.tenantId,
      ...(where ? { where } : {}),
      orderBy: [{ field: idField, direction: 'asc' }],
      limit: pageSize,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    lastId = rows.at(-1)?.id as string;
  }
}
