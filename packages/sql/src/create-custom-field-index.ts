import type { CustomFieldIndexArgs, DropCustomFieldIndexArgs, StorageAdapter } from '@rapport/core';
import { sql } from 'kysely';
import { compileCondition } from './compile-condition';
import { toStatement } from './create-sql-compiler';
import { customFieldIndexName } from './custom-field-index-name';
import { indexableOperand } from './indexable-operand';
import type { SqlDriver } from './sql-driver';
import type { SqlStatement } from './sql-statement';
import { misuse } from './storage-errors';
import type { StoreContext } from './store-operations';
import { translateError } from './translate-error';

/** The optional `StorageAdapter` methods for custom field indexes, as every SQL store has them. */
export type CustomFieldIndexes = Required<Pick<StorageAdapter, 'indexCustomField' | 'dropCustomFieldIndex'>>;

/** The statements of one field's index. */
interface IndexStatements {
  readonly create: SqlStatement;
  /** SQLite only: gathers the new index's statistics. */
  readonly analyze: SqlStatement;
  /** A plain drop, for a transaction. */
  readonly drop: SqlStatement;
  /** What a failed build left behind, dropped without blocking the table's writes (on Postgres). */
  readonly discard: SqlStatement;
}

// Postgres only: a drop waits for the statements running on the table, and every statement that comes
// after waits behind it; giving up after a few seconds keeps a long report from stalling every tenant.
const DROP_LOCK_TIMEOUT: SqlStatement = { sql: `set local lock_timeout = '5s'`, parameters: [] };

/** Options of {@link createCustomFieldIndexes}. */
export interface CustomFieldIndexOptions {
  /**
   * Whether a read outside a tenant's session sees every tenant's rows. Not under row-level security,
   * where it sees none: a drop could then never know whether another tenant still asks for the index,
   * so indexes are kept.
   */
  readonly seesEveryTenant: boolean;
}

/** Thrown inside the drop's transaction to roll the drop back when the index is still asked for. */
class IndexStillAskedFor extends Error {}

/**
 * Expression indexes on custom fields, for every SQL engine. One index per table, JSON path and value type
 * serves every tenant: `(tenant_id, <value>) where <value> is not null`, where `<value>` is exactly the
 * expression conditions and orderings compile for the field (the dialect's `jsonValue`, under binary
 * collation for text: see `indexableOperand`), so the planner can use it. The partial `where` keeps rows
 * without the field out, so tenants that never use a key pay nothing for its index on writes.
 *
 * On Postgres the index is built `concurrently`, outside any transaction, so writes go on while it builds;
 * SQLite builds it in one statement. A drop runs in a transaction that takes the drop's lock first and only
 * then checks `keptBy` again, so it never removes an index that a definition committed before the check
 * asks for (see `DropCustomFieldIndex`). Under row-level security nothing is dropped (see
 * {@link CustomFieldIndexOptions}).
 *
 * @example
 * ```ts
 * const indexes = createCustomFieldIndexes(context, driver, assertOpen, { seesEveryTenant: true });
 * const tier = { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' } as const;
 * await indexes.indexCustomField({ table: 'people', field: tier });
 * // Postgres: create index concurrently if not exists "people_cf_tier_text_…" on "people" ("tenant_id",
 * //   ((case when jsonb_typeof(("custom" -> 'tier'::text)) = 'string' then ("custom" -> 'tier'::text) #>> '{}' end) collate "C"))
 * //   where … is not null
 * ```
 */
export function createCustomFieldIndexes(
  context: StoreContext,
  driver: SqlDriver,
  assertOpen: () => void,
  options: CustomFieldIndexOptions,
): CustomFieldIndexes {
  const { dialect, db } = context;
  const isPostgres = dialect.engine === 'postgres';

  function statementsFor({ table, field }: CustomFieldIndexArgs): IndexStatements {
    const runtime = context.runtime(table);
    const operand = field?.operand;
    if (
      operand?.kind !== 'jsonPath' ||
      field.type === 'textList' ||
      runtime.scope.columns.get(operand.column)?.type !== 'json'
    ) {
      throw misuse(
        `A custom field index covers a path in a json column of ${table}, compared as a scalar type; got ${JSON.stringify(field)}.`,
        { table },
      );
    }
    // The column unqualified: SQLite refuses a table name in an index expression, and both engines match
    // "custom" here with the "people"."custom" of a query.
    const value = indexableOperand(
      dialect,
      field,
      dialect.jsonValue(sql.id(operand.column), operand.path, field.type),
    );
    const name = sql.id(customFieldIndexName(table, field));
    const concurrently = sql.raw(isPostgres ? 'concurrently ' : '');
    const create = toStatement(
      sql`create index ${concurrently}if not exists ${name} on ${sql.id(table)} (${sql.id('tenant_id')}, (${value})) where (${value}) is not null`.compile(
        db,
      ),
    );
    if (create.parameters.length > 0) {
      throw misuse(
        `Only paths of plain keys (letters, digits and _) can be indexed; got ${JSON.stringify(operand.path)}.`,
        { table },
      );
    }
    const dropIndex = (how: typeof concurrently) =>
      toStatement(sql`drop index ${how}if exists ${name}`.compile(db));
    return {
      create,
      analyze: toStatement(sql`analyze ${name}`.compile(db)),
      drop: dropIndex(sql.raw('')),
      discard: dropIndex(concurrently),
    };
  }

  function findAskingRow(keptBy: DropCustomFieldIndexArgs['keptBy']): SqlStatement {
    if (typeof keptBy?.table !== 'string' || keptBy.where === undefined)
      throw misuse(
        'dropCustomFieldIndex needs keptBy: { table, where }, the rows that still ask for the index.',
      );
    const runtime = context.runtime(keptBy.table);
    // The one read across tenants: the index serves them all, so any tenant's definition keeps it.
    return toStatement(
      db
        .selectFrom(keptBy.table)
        .select(sql.lit(1).as('found'))
        .where(compileCondition(runtime.scope, keptBy.where))
        .limit(1)
        .compile(),
    );
  }

  async function indexCustomField(args: CustomFieldIndexArgs): Promise<void> {
    assertOpen();
    const { create, analyze, discard } = statementsFor(args);
    try {
      await driver.execute(create);
      // Without statistics SQLite's planner prefers walking the primary key for an ordered, limited read
      // (every list) over searching a new index by equality; the index's own statistics settle it.
      // Postgres estimates an expression it has no statistics for as selective, and gathers them itself.
      if (!isPostgres) await driver.execute(analyze);
    } catch (error) {
      // Another session created the same index at that moment (its name is taken in the catalog), and
      // builds it.
      if (dialect.classifyError(error).kind === 'unique') return;
      // A failed concurrent build leaves an invalid index that `if not exists` would keep for ever.
      if (isPostgres) await Promise.resolve(driver.execute(discard)).catch(() => undefined);
      throw translateError(error, dialect, { operation: 'transaction' });
    }
  }

  async function dropCustomFieldIndex(args: DropCustomFieldIndexArgs): Promise<boolean> {
    assertOpen();
    const { drop } = statementsFor(args);
    const askingRow = findAskingRow(args?.keptBy);
    if (!options.seesEveryTenant) return false;
    try {
      // Usually some definition still asks for it: then no lock is taken at all.
      if ((await driver.queryFirst(askingRow)) !== undefined) return false;
      return await driver.transaction(async (connection) => {
        if (isPostgres) await connection.execute(DROP_LOCK_TIMEOUT);
        await connection.execute(drop);
        // Checked again holding the drop's lock: an index built again after a definition committed either
        // waits for this transaction or finished before it, and then this check sees that definition.
        if ((await connection.queryFirst(askingRow)) !== undefined) throw new IndexStillAskedFor();
        return true;
      });
    } catch (error) {
      if (error instanceof IndexStillAskedFor) return false;
      throw translateError(error, dialect, { operation: 'transaction' });
    }
  }

  return { indexCustomField, dropCustomFieldIndex };
}
