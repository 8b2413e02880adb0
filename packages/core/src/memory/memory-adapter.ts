import type {
  ClaimArgs,
  CountArgs,
  FindByIdArgs,
  FindManyArgs,
  MigrateArgs,
  StorageAdapter,
  StorageTransaction,
} from '../storage/adapter';
import { compareCodePoints } from '../storage/compare-text';
import { applyMigrations } from './apply-migrations';
import { checkClaimArgs, claimRowsAlone } from './claim-rows';
import { misuse } from './memory-errors';
import { countRows, readAllRows, readById, readMany } from './memory-reads';
import { MemoryStore } from './memory-store';
import { SerialQueue } from './serial-queue';
import { createTransactionHandle } from './transaction-handle';
import { UndoLog } from './undo-log';

/**
 * Options of {@link memoryAdapter}.
 *
 * @example
 * ```ts
 * const adapter = memoryAdapter({ name: 'memory (tests)' });
 * ```
 */
export interface MemoryAdapterOptions {
  /** The adapter's name, for diagnostics. Default `'memory'`. */
  readonly name?: string;
}

/**
 * A storage adapter that keeps everything in memory: the reference implementation of the storage contract,
 * which the SQL adapters are held to by the conformance suite. It enforces primary keys, unique indexes and
 * foreign keys with SQL's rules (a NULL in a key is never checked), serializes transactions, rolls a
 * failed transaction back completely, and shows readers outside a transaction only committed rows.
 * Point reads by id and constraint checks are map lookups, so a million rows stay workable.
 *
 * Transactions do not nest: starting one from inside another's callback waits for the outer one forever.
 *
 * @example
 * ```ts
 * const adapter = memoryAdapter();
 * await adapter.migrate({ migrations: rapportMigrations });
 * await adapter.transaction(async (tx) => {
 *   await tx.insert({ table: 'tags', rows: [{ tenant_id: 't1', id, name: 'vip', version: 1 }] });
 * });
 * await adapter.findById({ table: 'tags', tenantId: 't1', id });
 * ```
 */
export function memoryAdapter(options: MemoryAdapterOptions = {}): StorageAdapter {
  const store = new MemoryStore();
  const queue = new SerialQueue();
  let isClosed = false;

  const requireOpen = () => {
    if (isClosed)
      throw misuse('This adapter is closed. Create a new adapter instead of reusing a closed one.');
  };
  const whenOpen =
    <A extends unknown[], R>(operation: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      requireOpen();
      return await operation(...args);
    };

  const runTransaction = async <T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T> => {
    const log = new UndoLog();
    const { handle, settle } = createTransactionHandle(store, log);
    store.log = log;
    try {
      const result = await fn(handle);
      settle();
      return result;
    } catch (error) {
      settle();
      log.rollbackTo(0);
      throw error;
    } finally {
      store.log = null;
    }
  };

  return {
    name: options.name ?? 'memory',
    capabilities: { dialect: 'memory', persistent: false, multiProcess: false },
    findById: whenOpen((args: FindByIdArgs) => readById(store, args, 'committed')),
    findMany: whenOpen((args: FindManyArgs) => readMany(store, args, 'committed')),
    count: whenOpen((args: CountArgs) => countRows(store, args, 'committed')),
    migrate: whenOpen(({ migrations }: MigrateArgs) => queue.run(() => applyMigrations(store, migrations))),
    async transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T> {
      requireOpen();
      if (typeof fn !== 'function')
        throw misuse('transaction takes a callback: adapter.transaction(async (tx) => { ... }).');
      return queue.run(() => runTransaction(fn));
    },
    async claim(args: ClaimArgs) {
      requireOpen();
      checkClaimArgs(args);
      // Transactions run one after another, so a claim never sees a row another claim is changing.
      return queue.run(() => runTransaction((tx) => claimRowsAlone(tx, args)));
    },
    raw: {
      rows: whenOpen((table: string) => readAllRows(store, table)),
      tables: whenOpen(() => [...store.tables.keys()].sort(compareCodePoints)),
    },
    close: async () => {
      if (isClosed) return;
      isClosed = true;
      // Transactions already queued finish; nothing new starts.
      await queue.drain();
      store.tables.clear();
    },
  };
}
