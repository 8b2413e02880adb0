import type { StorageTransaction } from '../storage/adapter';
import { misuse } from './memory-errors';
import { countRows, readById, readMany } from './memory-reads';
import type { MemoryStore } from './memory-store';
import { deleteRows, insertRows, updateRow } from './memory-writes';
import type { UndoLog } from './undo-log';

/** A transaction handle and the switch that retires it once its callback settles. */
export interface TransactionHandle {
  readonly handle: StorageTransaction;
  settle(): void;
}

/**
 * Creates the handle a transaction callback receives: reads see the transaction's own writes, and every
 * call after `settle()` rejects with MISUSE, since the transaction it belonged to is over.
 *
 * @example
 * ```ts
 * const { handle, settle } = createTransactionHandle(store, log);
 * try { return await fn(handle); } finally { settle(); }
 * ```
 */
export function createTransactionHandle(store: MemoryStore, log: UndoLog): TransactionHandle {
  let isSettled = false;
  const guard =
    <A, R>(operation: (args: A) => R) =>
    async (args: A): Promise<R> => {
      if (isSettled) {
        throw misuse(
          'This transaction handle was used after its callback settled. Await every call inside the callback, or start a new transaction.',
        );
      }
      return operation(args);
    };
  const handle: StorageTransaction = {
    findById: guard((args) => readById(store, args, 'live')),
    findMany: guard((args) => readMany(store, args, 'live')),
    count: guard((args) => countRows(store, args, 'live')),
    insert: guard((args) => insertRows(store, log, args)),
    update: guard((args) => updateRow(store, log, args)),
    delete: guard((args) => deleteRows(store, log, args)),
  };
  return {
    handle,
    settle: () => {
      isSettled = true;
    },
  };
}
