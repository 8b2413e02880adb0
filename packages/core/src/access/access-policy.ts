import type { EntityName } from '../entities/entity-name';
import type { CrmContext } from '../records/context';
import type { Condition } from '../storage/condition';

/** The kinds of write an access policy is asked about. */
export type WriteAction = 'create' | 'update' | 'archive' | 'restore' | 'delete';

/** Arguments of {@link AccessPolicy.canWrite}. */
export interface CanWriteArgs {
  readonly context: CrmContext;
  readonly entity: EntityName;
  readonly action: WriteAction;
  /** The stored record before the write (absent on create). */
  readonly before?: Readonly<Record<string, unknown>>;
  /** The record as it would be after the write (absent on delete). */
  readonly after?: Readonly<Record<string, unknown>>;
}

/** Arguments of {@link AccessPolicy.readScope}. */
export interface ReadScopeArgs {
  readonly context: CrmContext;
  readonly entity: EntityName;
}

/**
 * The single access-check seam of the read and write paths. Every read is limited by `readScope`; every
 * write asks `canWrite` after validation and before the transaction. The default allows everything; the
 * permissions module plugs roles, ownership and field-level rules in here.
 *
 * @example
 * ```ts
 * const ownRecordsOnly: AccessPolicy = {
 *   readScope: () => undefined,
 *   canWrite: ({ context, after }) => after?.ownerId === context.actor.id,
 * };
 * ```
 */
export interface AccessPolicy {
  /** A condition every row read must also match, or undefined for no limit. */
  readScope(args: ReadScopeArgs): Condition | undefined;
  /** Whether the write may happen. */
  canWrite(args: CanWriteArgs): boolean;
}

/** The policy that allows every read and write. */
export const allowAll: AccessPolicy = {
  readScope: () => undefined,
  canWrite: () => true,
};
