import type { EntityName } from '@rapport/core';
import type { InputOf, RecordOf } from '@rapport/core/observers';
import { applyRecordWrite, recordKey, recordsOf } from '@rapport/core/observers';
import type { MutationResult, PerformMutation } from './use-mutation';
import { useMutation } from './use-mutation';

const performCreate: PerformMutation<EntityName, unknown, unknown> = async (
  { client, cache },
  entity,
  input,
) => {
  const created = await recordsOf(client, entity).create(input as never);
  const record = created as { id: string; version: number };
  // A page that opens the new record right away finds it in the cache.
  cache.build(recordKey(entity, record.id)).setData(record);
  applyRecordWrite(cache, { entity, record, action: 'created', isOwnWrite: true });
  return created;
};

/**
 * Creates a record; lists, boards and timelines of its entity are read again, and the new record is
 * in the cache for `useRecord` at once. A refused input leaves `error.fieldErrors` for the form.
 *
 * @example
 * ```tsx
 * const create = useCreate('person');
 * create.mutate({ firstName, lastName, emails: [{ address: email }] }, {
 *   onSuccess: (person) => navigate(`/people/${person.id}`),
 * });
 * create.error?.fieldErrors['emails.0.address']; // ['Invalid email address']
 * ```
 */
export function useCreate<E extends EntityName>(entity: E): MutationResult<InputOf<E>, RecordOf<E>> {
  return useMutation(performCreate as unknown as PerformMutation<E, InputOf<E>, RecordOf<E>>, entity);
}
