import { columnEquals } from '../../records/conditions';
import type { StorageTransaction } from '../../storage/adapter';
import type { Row } from '../../storage/schema';
import { effectsTableName } from './action-tables';
import type { ExecuteActionArgs } from './action-types';

/** What `once` did: performed the effect now, or found it recorded by an earlier run of the same job. */
export type EffectResult<T> =
  | { readonly performed: true; readonly value: T }
  | { readonly performed: false; readonly detail: unknown };

/** What an effect records and does. */
export interface EffectArgs<T> {
  readonly kind: 'sendMessage' | 'issueCoupon' | 'callWebhook';
  /**
   * Writes what the effect stores (a coupon row) inside the transaction that records the effect, and
   * returns the detail kept with the record and the value `perform` gets.
   */
  readonly prepare?: (tx: StorageTransaction) => Promise<T>;
  /** Removes what `prepare` wrote, when the host refused: the retry prepares afresh. */
  readonly forget?: (tx: StorageTransaction, value: T) => Promise<void>;
  /** Calls the host (a sender, a callback, an HTTP endpoint). */
  readonly perform: (value: T) => Promise<void>;
}

/**
 * Runs an outside effect at most once per idempotency key. In one transaction it records the effect as
 * `pending` under the key (and lets `prepare` write what belongs with it); after the commit it calls the
 * host and marks the record `done`. When the host throws, the record (and what `prepare` wrote) is removed so the job's retry tries
 * again. A retry that finds the record skips the call: when the process died between the commit and the
 * host's answer the record stays `pending` and the effect is never repeated (at most once), the safe
 * choice for messages and coupons a customer must not get twice.
 *
 * @example
 * ```ts
 * await once(args, { kind: 'sendMessage', perform: () => sender(message) });
 * ```
 */
export async function once<T>(args: ExecuteActionArgs, effect: EffectArgs<T>): Promise<EffectResult<T>> {
  const { runtime, context, idempotencyKey: id, rule, record } = args;
  const tenantId = context.tenantId;
  const at = runtime.now().toISOString();
  const claimed = await runtime.storage.transaction(async (tx) => {
    const existing = await tx.findById({ table: effectsTableName, tenantId, id });
    if (existing !== undefined) return { existing };
    const value = effect.prepare === undefined ? (undefined as T) : await effect.prepare(tx);
    const row: Row = {
      tenant_id: tenantId,
      id,
      version: 1,
      kind: effect.kind,
      rule_id: rule.id,
      entity: record.entity,
      record_id: record.id,
      status: 'pending',
      detail: value === undefined ? null : value,
      created_at: at,
      updated_at: at,
    };
    await tx.insert({ table: effectsTableName, rows: [row] });
    return { value };
  });
  if ('existing' in claimed) return { performed: false, detail: claimed.existing?.detail ?? null };
  const value = claimed.value as T;
  try {
    await effect.perform(value);
  } catch (error) {
    // Nothing reached the outside (or the host says so by throwing): forget the claim so a retry can try.
    await runtime.storage.transaction(async (tx) => {
      await tx.delete({ table: effectsTableName, tenantId, where: columnEquals('id', id) });
      await effect.forget?.(tx, value);
    });
    throw error;
  }
  await runtime.storage.transaction((tx) =>
    tx.update({
      table: effectsTableName,
      tenantId,
      id,
      expectedVersion: 1,
      values: { status: 'done', version: 2, updated_at: runtime.now().toISOString() },
    }),
  );
  return { performed: true, value };
}
