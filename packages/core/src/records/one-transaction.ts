import mitt from 'mitt';
import { RapportError } from '../errors/rapport-error';
import type { CrmEvents } from '../events/crm-events';
import type { StorageAdapter, StorageTransaction } from '../storage/adapter';
import { emitToEach } from './publish';
import type { CrmRuntime } from './runtime';

type BufferedEvent = readonly [keyof CrmEvents, unknown];

/**
 * A storage adapter over a transaction already open: its reads and writes go through `tx`, and its
 * `transaction(fn)` joins `tx` instead of opening another (transactions do not nest). Every write path
 * that opens "its" transaction through the runtime therefore writes inside the caller's.
 */
function joinedStorage(tx: StorageTransaction, outer: StorageAdapter): StorageAdapter {
  const misuse = (call: string) => () =>
    Promise.reject(new RapportError('MISUSE', `${call} cannot run inside a transaction`));
  return {
    name: outer.name,
    capabilities: outer.capabilities,
    raw: outer.raw,
    findById: (args) => tx.findById(args),
    findMany: (args) => tx.findMany(args),
    count: (args) => tx.count(args),
    transaction: (fn) => fn(tx),
    // A claim commits on its own, so that other workers see it at once: never inside another transaction.
    claim: misuse('claim'),
    migrate: misuse('migrate'),
    close: misuse('close'),
  };
}

/**
 * A runtime whose writes join `tx` and whose events wait: everything the write path publishes (record
 * events, tier and membership events of its hooks) is kept in order and replayed on the real bus by the
 * returned `publish`, only once the whole transaction has committed.
 */
function joinedRuntime(
  runtime: CrmRuntime,
  tx: StorageTransaction,
): { runtime: CrmRuntime; publish: () => void } {
  const buffered: BufferedEvent[] = [];
  const events = mitt<CrmEvents>();
  // A wildcard listener keeps every event; a record event is built only when the bus has listeners.
  events.on('*', ((type: keyof CrmEvents, event: unknown) => buffered.push([type, event])) as never);
  return {
    runtime: { ...runtime, storage: joinedStorage(tx, runtime.storage), events },
    publish: () => {
      for (const [type, event] of buffered) emitToEach(runtime, type, event as never);
    },
  };
}

/**
 * Runs `fn` in one transaction with a runtime whose every write path (repositories, custom fields, the
 * APIs a session offers) writes inside that transaction: all of it commits or none of it. Events are
 * published after commit, in the order the writes made them. On Postgres a transaction that fails with a
 * serialization failure runs `fn` again, with nothing kept from the failed attempt.
 *
 * @example
 * ```ts
 * const { person, deal } = await inOneTransaction(runtime, async (joined) => {
 *   const people = new Repository({ runtime: joined, context, entity: entityDef('person') });
 *   const deals = new Repository({ runtime: joined, context, entity: entityDef('deal') });
 *   const person = await people.create({ firstName: 'Ann' });
 *   return { person, deal: await deals.create({ name: 'Ann, 10 seats', personIds: [person.id] }) };
 * });
 * ```
 */
export async function inOneTransaction<T>(
  runtime: CrmRuntime,
  fn: (joined: CrmRuntime) => Promise<T>,
): Promise<T> {
  const { result, publish } = await runtime.storage.transaction(async (tx) => {
    const joined = joinedRuntime(runtime, tx);
    return { result: await fn(joined.runtime), publish: joined.publish };
  });
  publish();
  return result;
}
