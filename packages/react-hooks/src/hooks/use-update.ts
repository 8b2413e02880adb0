import type { EntityName, UpdateInput } from '@rapport/core';
import type { RecordOf } from '@rapport/core/observers';
import {
  applyOptimistic,
  applyRecordWrite,
  assignChanges,
  recordsOf,
  settleFailure,
} from '@rapport/core/observers';
import type { MutationResult, PerformMutation } from './use-mutation';
import { useMutation } from './use-mutation';

/** What `useUpdate(entity).mutate` takes. */
export interface UpdateVariables<E extends EntityName> {
  readonly id: string;
  readonly changes: UpdateInput<E>;
  /** The version of the record the form was filled from; a stale one fails with VERSION_CONFLICT. */
  readonly version: number;
  /** Why the record changes (kept in the audit entry). */
  readonly reason?: string;
}

const performUpdate: PerformMutation<EntityName, UpdateVariables<EntityName>, unknown> = async (
  { client, cache },
  entity,
  { id, changes, version, reason },
) => {
  const patches = applyOptimistic(cache, id, assignChanges(changes as Record<string, unknown>));
  try {
    const record = await recordsOf(client, entity).update(id, changes, {
      version,
      ...(reason === undefined ? {} : { reason }),
    });
    applyRecordWrite(cache, {
      entity,
      record,
      action: 'updated',
      isOwnWrite: true,
    });
    return record;
  } catch (error) {
    settleFailure(cache, entity, id, patches, error);
    throw error;
  }
};

/**
 * Updates a record, optimistically: the record's query and every cached list, board or include holding
 * it show the changes at once. On success the server's record replaces them; on any failure
 * (VERSION_CONFLICT, VALIDATION_FAILED, ...) every copy goes back to exactly what it was, and `error`
 * carries the code and the messages of each field.
 *
 * @example
 * ```tsx
 * function RenameForm({ person }: { person: Person }) {
 *   const update = useUpdate('person');
 *   const onSubmit = (lastName: string) =>
 *     update.mutate({ id: person.id, changes: { lastName }, version: person.version });
 *   return update.error?.code === 'VERSION_CONFLICT'
 *     ? <p>Someone else saved this contact first: the form shows their version now.</p>
 *     : <NameInput onSubmit={onSubmit} errors={update.error?.fieldErrors.lastName} />;
 * }
 * ```
 */
export function useUpdate<E extends EntityName>(entity: E): MutationResult<UpdateVariables<E>, RecordOf<E>> {
  return useMutation(performUpdate as unknown as PerformMutation<E, UpdateVariables<E>, RecordOf<E>>, entity);
}
