import type { CrmClient, EntityName, EntityTypes, RecordsClient } from '@rapport/core';
import { RapportError } from '@rapport/core';

/** The record type of an entity: `RecordOf<'person'>` is `Person`. */
export type RecordOf<E extends EntityName> = EntityTypes[E]['record'];

/** The create input of an entity. */
export type InputOf<E extends EntityName> = EntityTypes[E]['input'];

/** The include names of an entity (`company` and `owner` on a person). */
export type IncludeName<E extends EntityName> = keyof EntityTypes[E]['includes'] & string;

/** The field names of an entity's records. */
export type FieldName<E extends EntityName> = keyof RecordOf<E> & string;

const collections = {
  company: 'companies',
  person: 'people',
  deal: 'deals',
  activity: 'activities',
  task: 'tasks',
  product: 'products',
  order: 'orders',
  member: 'members',
  tag: 'tags',
  pipeline: 'pipelines',
} as const satisfies Record<EntityName, keyof CrmClient>;

/**
 * The records API of one entity on a client: `recordsOf(client, 'person')` is `client.people`.
 *
 * @example
 * ```ts
 * const ann = await recordsOf(client, 'person').get(id);
 * ```
 */
export function recordsOf<E extends EntityName>(client: CrmClient, entity: E): RecordsClient<E> {
  const name = collections[entity] as (typeof collections)[EntityName] | undefined;
  if (name === undefined)
    throw new RapportError(
      'MISUSE',
      `Unknown entity "${String(entity)}": use one of ${Object.keys(collections).join(', ')}`,
    );
  return client[name] as unknown as RecordsClient<E>;
}
