import type { EntityName } from '../entities/entity-name';
import { entityNames } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import type { EntityTypes } from '../entities/types';
import { RapportError } from '../errors/rapport-error';
import type { CrmClient, RecordsClient } from '../transport/crm-client';

/** The record type of an entity: `RecordOf<'person'>` is `Person`. */
export type RecordOf<E extends EntityName> = EntityTypes[E]['record'];

/** The create input of an entity. */
export type InputOf<E extends EntityName> = EntityTypes[E]['input'];

/** The include names of an entity (`company` and `owner` on a person). */
export type IncludeName<E extends EntityName> = keyof EntityTypes[E]['includes'] & string;

/** The field names of an entity's records. */
export type FieldName<E extends EntityName> = keyof RecordOf<E> & string;

/**
 * The records API of one entity on a client: `recordsOf(client, 'person')` is `client.people`.
 *
 * @example
 * ```ts
 * const ann = await recordsOf(client, 'person').get(id);
 * ```
 */
export function recordsOf<E extends EntityName>(client: CrmClient, entity: E): RecordsClient<E> {
  if (!(entityNames as readonly string[]).includes(entity))
    throw new RapportError(
      'MISUSE',
      `Unknown entity "${String(entity)}": use one of ${entityNames.join(', ')}`,
    );
  const name = entityDef(entity).collection as keyof CrmClient;
  return client[name] as unknown as RecordsClient<E>;
}
