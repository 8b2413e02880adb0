import type { EntityName } from '../entities/entity-name';
import type { RecordAction } from '../events/crm-events';
import type { StorageWriter } from '../storage/adapter';
import type { CrmContext } from './context';
import type { CrmRuntime } from './runtime';

/** One record a write changed, as write hooks see it. */
export interface WrittenRecord {
  readonly entity: EntityName;
  readonly action: RecordAction;
  /** The record before the write; undefined for a create. */
  readonly before: Readonly<Record<string, unknown>> | undefined;
  /** The record after the write; undefined for a delete. */
  readonly after: Readonly<Record<string, unknown>> | undefined;
}

/** What a write hook is given: the write's transaction, who writes, when, and the records written. */
export interface WriteHookArgs {
  readonly tx: StorageWriter;
  readonly runtime: CrmRuntime;
  readonly context: CrmContext;
  readonly at: string;
  readonly writes: readonly WrittenRecord[];
  /**
   * The write is a bulk import (`importMany`): records that already existed elsewhere. Hooks that react
   * to a record being new (follow-ups after a sale, duplicate checks) leave it alone; hooks that keep
   * derived state (segment membership, customer value) run as for any write.
   */
  readonly isImport?: boolean;
}

/** What a hook runs once the write commits (publishing its events), if anything. */
export type AfterCommit = () => void;

/**
 * Keeps derived state current in the same transaction as a write of records: it runs after the rows are
 * written and before the audit entries and outbox events, and may write rows of its own through `tx`
 * (an error rolls the whole write back). What it returns runs after commit. A transaction that runs again
 * (a serialization failure) runs its hooks again, so a hook keeps its side effects inside `tx` and in
 * what it returns.
 *
 * @example
 * ```ts
 * const hook: WriteHook = async ({ tx, writes }) => {
 *   const orders = writes.filter((write) => write.entity === 'order');
 *   if (orders.length === 0) return undefined;
 *   await recountCustomers(tx, orders);
 *   return () => console.log('recounted');
 * };
 * ```
 */
export type WriteHook = (args: WriteHookArgs) => Promise<AfterCommit | undefined>;

const nothing: AfterCommit = () => {};

/**
 * Runs the runtime's write hooks, in order, inside a write's transaction, and returns what to run after
 * it commits.
 *
 * @example
 * ```ts
 * const afterCommit = await runWriteHooks(runtime, context, tx, at, [{ entity: 'order', action: 'created', before: undefined, after: order }]);
 * ```
 */
export async function runWriteHooks(
  runtime: CrmRuntime,
  context: CrmContext,
  tx: StorageWriter,
  at: string,
  writes: readonly WrittenRecord[],
  isImport = false,
): Promise<AfterCommit> {
  const hooks = runtime.writeHooks ?? [];
  if (hooks.length === 0) return nothing;
  const afterCommit: AfterCommit[] = [];
  for (const hook of hooks) {
    const after = await hook({ tx, runtime, context, at, writes, isImport });
    if (after !== undefined) afterCommit.push(after);
  }
  return () => {
    for (const after of afterCommit) after();
  };
}
