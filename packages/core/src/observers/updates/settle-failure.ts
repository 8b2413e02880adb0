import type { EntityName } from '../../entities/entity-name';
import { isRapportError } from '../../errors/rapport-error';
import type { RapportCache } from '../cache/rapport-cache';
import { hasAnyTag } from '../queries/query-tags';
import type { OptimisticPatch } from './optimistic';
import { rollBack } from './optimistic';

// Refusals of the input itself: the server changed nothing, so what the cache held is still current.
const refusals = new Set(['VALIDATION_FAILED', 'INVALID_TRANSITION', 'FORBIDDEN', 'MISUSE']);

/**
 * Undoes an optimistic change after a failed write, and reads the record again when the failure says
 * the cache is behind (VERSION_CONFLICT: someone saved first) or cannot tell (a network failure).
 *
 * @example
 * ```ts
 * catch (error) { settleFailure(cache, 'person', id, patches, error); throw error; }
 * ```
 */
export function settleFailure(
  cache: RapportCache,
  entity: EntityName,
  id: string,
  patches: readonly OptimisticPatch[],
  error: unknown,
): void {
  rollBack(patches);
  if (isRapportError(error) && refusals.has(error.code)) return;
  const tags = [`record:${entity}:${id}`];
  cache.invalidate((query) => hasAnyTag(query, tags));
}
