import type { EntityName } from '@rapport/core';
import type { RecordOf } from '@rapport/core/observers';
import { applyRecordWrite, recordsOf } from '@rapport/core/observers';
import type { MutationResult, PerformMutation } from './use-mutation';
import { useMutation } from './use-mutation';

/** What `useArchive(entity).mutate` takes. */
export interface ArchiveVariables {
  readonly id: string;
  /** When given, the archive happens only if the record is still at this version. */
  readonly version?: number;
  readonly reason?: string;
}

const performArchive: PerformMutation<EntityName, ArchiveVariables, unknown> = async (
  { client, cache },
  entity,
  { id, version, reason },
) => {
  const archived = await recordsOf(client, entity).archive(id, {
    ...(version === undefined ? {} : { version }),
    ...(reason === undefined ? {} : { reason }),
  });
  const record = archived as { id: string; version: number };
  applyRecordWrite(cache, { entity, record, action: 'archived', isOwnWrite: true });
  return archived;
};

/**
 * Archives a record: its query shows `archivedAt`, and the lists it leaves are read again.
 *
 * @example
 * ```tsx
 * const archive = useArchive('company');
 * <button onClick={() => archive.mutate({ id: company.id, version: company.version })}>Archive</button>
 * ```
 */
export function useArchive<E extends EntityName>(entity: E): MutationResult<ArchiveVariables, RecordOf<E>> {
  return useMutation(performArchive as unknown as PerformMutation<E, ArchiveVariables, RecordOf<E>>, entity);
}
