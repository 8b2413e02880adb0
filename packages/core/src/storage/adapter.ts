import type { Condition, FieldRef, OrderTerm, Scalar } from './condition';
import type { Migration, Row } from './schema';

/**
 * What an adapter can do. Every flag is required: core never guesses a capability.
 *
 * @example
 * ```ts
 * const capabilities: StorageCapabilities = { dialect: 'sqlite', persistent: true, multiProcess: false };
 * ```
 */
export interface StorageCapabilities {
  /** The engine family, for diagnostics and for the few places where behaviour is documented per engine. */
  readonly dialect: 'memory' | 'sqlite' | 'postgres';
  /** Data survives `close()` and a process restart. */
  readonly persistent: boolean;
  /** Several processes may open the same store and write at once. */
  readonly multiProcess: boolean;
}

/** Arguments of {@link StorageReader.findById}. */
export interface FindByIdArgs {
  readonly table: string;
  readonly tenantId: string;
  readonly id: string;
}
/** Reads one row by primary key `(tenant_id, id)`. */
export type FindById = (args: FindByIdArgs) => Promise<Row | undefined>;

/** Arguments of {@link StorageReader.findMany}. */
export interface FindManyArgs {
  readonly table: string;
  readonly tenantId: string;
  readonly where?: Condition;
  readonly orderBy?: readonly OrderTerm[];
  readonly limit?: number;
}
/** Reads the rows of one tenant that match `where`, in `orderBy` order, at most `limit`. */
export type FindMany = (args: FindManyArgs) => Promise<Row[]>;

/** Arguments of {@link StorageReader.count}. */
export interface CountArgs {
  readonly table: string;
  readonly tenantId: string;
  readonly where?: Condition;
}
/** Counts the rows of one tenant that match `where`. */
export type Count = (args: CountArgs) => Promise<number>;

/** Arguments of {@link StorageWriter.insert}. */
export interface InsertArgs {
  readonly table: string;
  /**
   * Complete rows, each with its `tenant_id`. All rows of one call have the same columns. Rows of one call
   * may reference each other (a member and its manager): foreign keys are checked once all are in.
   */
  readonly rows: readonly Row[];
}
/**
 * Inserts rows. A unique-index or primary-key violation throws a RapportError `DUPLICATE` with
 * `details.table` and `details.columns` (the columns of the violated index, when the engine tells); a
 * foreign-key violation throws `INVALID_REFERENCE`. A failed insert leaves the transaction to be rolled
 * back by its caller: no row of the call is kept.
 */
export type Insert = (args: InsertArgs) => Promise<void>;

/** Arguments of {@link StorageWriter.update}. */
export interface UpdateArgs {
  readonly table: string;
  readonly tenantId: string;
  readonly id: string;
  /** When given, the row is updated only if its `version` column equals it. */
  readonly expectedVersion?: number;
  /** The columns to set. */
  readonly values: Row;
}
/**
 * Updates one row by id and returns how many rows changed (0 or 1). Of two concurrent updates with the
 * same expected version, exactly one returns 1. Unique and foreign-key violations throw as for insert.
 */
export type Update = (args: UpdateArgs) => Promise<number>;

/** Arguments of {@link StorageWriter.delete}. */
export interface DeleteArgs {
  readonly table: string;
  readonly tenantId: string;
  readonly where: Condition;
}
/**
 * Deletes the rows of one tenant that match `where` and returns how many. Deleting a row that a foreign
 * key still references throws `REFERENCED`.
 */
export type Delete = (args: DeleteArgs) => Promise<number>;

/** Arguments of {@link StorageAdapter.claim}. */
export interface ClaimArgs {
  readonly table: string;
  readonly tenantId: string;
  /** Which rows may be claimed: typically "due and not held by a live lease". */
  readonly where?: Condition;
  readonly orderBy?: readonly OrderTerm[];
  /** At most this many rows are claimed. */
  readonly limit: number;
  /** The columns set on every claimed row (a status, who holds it, until when). */
  readonly set: Row;
  /** Integer columns raised by one on every claimed row (a version for fencing, an attempt count). */
  readonly increment?: readonly string[];
}
/**
 * Claims rows for one worker: in one transaction of its own, finds at most `limit` rows of the tenant that
 * match `where` (in `orderBy` order), applies `set` and `increment` to them, and returns them as they are
 * after the change. Concurrency contract: of any number of concurrent claims (in one process or, on a
 * multi-process store, in several), no row is returned by two of them unless the first one's change left
 * it matching `where`; a row another claim holds is skipped, not waited for (Postgres: `for update skip
 * locked`; SQLite and memory: claims are transactions of the single writer, one after another). Called
 * outside any transaction.
 *
 * @example
 * ```ts
 * const rows = await adapter.claim({
 *   table: 'automation_jobs', tenantId, limit: 10, where: due, orderBy: byRunAt,
 *   set: { status: 'running', claimed_by: worker, claimed_until: leaseEnd }, increment: ['version'],
 * });
 * // postgres: select ... for update skip locked limit 10; update ... set status = $1, version = version + 1
 * ```
 */
export type Claim = (args: ClaimArgs) => Promise<Row[]>;

/** The reads every store offers, inside and outside a transaction. */
export interface StorageReader {
  readonly findById: FindById;
  readonly findMany: FindMany;
  readonly count: Count;
}

/** The writes, offered only inside a transaction. */
export interface StorageWriter extends StorageReader {
  readonly insert: Insert;
  readonly update: Update;
  readonly delete: Delete;
}

/** The handle a transaction callback receives. Using it after the callback settles is an error. */
export type StorageTransaction = StorageWriter;

/** Arguments of {@link StorageAdapter.migrate}. */
export interface MigrateArgs {
  readonly migrations: readonly Migration[];
}
/** What `migrate` did. */
export interface MigrateResult {
  /** Versions applied by this call, ascending; empty when the store was up to date. */
  readonly applied: readonly number[];
  /** The highest version now applied. */
  readonly version: number;
}

/** Direct access to what an adapter stored, for tests: it bypasses core, tenants and access checks. */
export interface RawAccessor {
  /** Every row of a table, across tenants, decoded as the adapter reads them, ordered by primary key. */
  rows(table: string): Promise<Row[]>;
  /** Names of the tables that exist in the store, sorted. */
  tables(): Promise<string[]>;
}

/** Arguments of {@link StorageAdapter.indexCustomField}. */
export interface CustomFieldIndexArgs {
  /** The records table, e.g. `people`. */
  readonly table: string;
  /**
   * The custom field exactly as conditions and orderings read it: a path in a `json` column and the type
   * its values compare as (`custom` + `['tier']` as `text`; a money field's `['budget', 'amount']` as
   * `number`).
   */
  readonly field: FieldRef;
}
/**
 * Makes sure an index serves conditions and orderings on `field` of `table`. One index serves every
 * tenant. Idempotent; called outside any transaction, and may take as long as indexing the table takes.
 */
export type IndexCustomField = (args: CustomFieldIndexArgs) => Promise<void>;

/** Arguments of {@link StorageAdapter.dropCustomFieldIndex}. */
export interface DropCustomFieldIndexArgs extends CustomFieldIndexArgs {
  /**
   * What still needs the index: it serves every tenant, so it stays while a row of `keptBy.table` in any
   * tenant matches `keptBy.where` (core passes the definitions that still ask for it).
   */
  readonly keptBy: { readonly table: string; readonly where: Condition };
}
/**
 * Drops the index {@link IndexCustomField} made for `field`, unless `keptBy` still matches a row; returns
 * false when that kept it. Idempotent; called outside any transaction. Against a concurrent
 * `indexCustomField` for the same field whose caller committed a `keptBy` row before calling it, the index
 * survives: the drop either sees that row and keeps the index, or ends before the index is made again.
 */
export type DropCustomFieldIndex = (args: DropCustomFieldIndexArgs) => Promise<boolean>;

/**
 * The contract a storage adapter implements. It is deliberately small: core does ids, validation,
 * normalisation, access checks, audit, events and custom fields once for every adapter; an adapter stores
 * rows, evaluates {@link Condition}s and runs transactions.
 *
 * Guarantees an adapter must give (the conformance suite in `@rapport/core/testing` checks each):
 * - Every read and write is limited to `tenantId`; no argument can reach another tenant's rows.
 * - `transaction(fn)` commits when `fn` resolves and rolls back every write when it throws, then rethrows.
 *   Transactions are isolated: a concurrent reader never sees a transaction's writes before it commits.
 * - `migrate` is idempotent and applies each migration's steps in one transaction.
 * - Driver errors are translated into RapportErrors (`DUPLICATE`, `INVALID_REFERENCE`, `REFERENCED`,
 *   `STORAGE_ERROR`).
 *
 * @example
 * ```ts
 * const adapter = sqliteAdapter({ filename: 'crm.db' });
 * await adapter.migrate({ migrations });
 * await adapter.transaction(async (tx) => {
 *   await tx.insert({ table: 'tags', rows: [{ tenant_id: 't1', id, name: 'vip', version: 1 }] });
 * });
 * ```
 */
export interface StorageAdapter extends StorageReader {
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  migrate(args: MigrateArgs): Promise<MigrateResult>;
  /**
   * Runs `fn` in one transaction. Transactions do not nest, and inside `fn` every read and write goes
   * through `tx`: an adapter that serialises transactions makes a call on the adapter itself wait for the
   * transaction to end, which never comes. After an operation inside `fn` throws, the transaction can only
   * be rolled back (Postgres aborts it): let the error propagate.
   */
  transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T>;
  /** Claims rows for a worker without overlap with concurrent claims: see {@link Claim}. */
  readonly claim: Claim;
  readonly raw: RawAccessor;
  /**
   * Optional, with {@link dropCustomFieldIndex}: expression indexes for the custom fields a tenant marks
   * as indexed. An adapter that scans anyway (the memory adapter) offers neither.
   */
  readonly indexCustomField?: IndexCustomField;
  /** Optional, with {@link indexCustomField}: drops an index no definition asks for any more. */
  readonly dropCustomFieldIndex?: DropCustomFieldIndex;
  /** Releases connections and files. Calls after close reject with MISUSE. */
  close(): Promise<void>;
}

export type { Condition, OrderTerm, Scalar };
