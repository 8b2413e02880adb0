import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import type { EntityDef } from '../entities/define-entity';
import { tableOfEntity } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import type { StorageReader } from '../storage/adapter';
import { ownValue } from '../util/own-value';
import { columnIn } from './conditions';

/** One reference a record makes: where it is (path) and what it points at. */
export interface Reference {
  readonly path: readonly (string | number)[];
  readonly entity: EntityName;
  readonly id: string;
}

const referenceFieldsCache = new WeakMap<EntityDef, [string, EntityName][]>();

/** The fields of an entity that hold ids of other records, with the entity they point at. Built once. */
function referenceFields(entity: EntityDef): [string, EntityName][] {
  let fields = referenceFieldsCache.get(entity);
  if (fields === undefined) {
    fields = [];
    for (const [name, field] of Object.entries(entity.allFields))
      if (field.references !== undefined) fields.push([name, field.references]);
    referenceFieldsCache.set(entity, fields);
  }
  return fields;
}

/**
 * The references one record makes: its reference fields and its relation custom fields that hold an id,
 * each with its path under `pathPrefix`.
 *
 * @example
 * ```ts
 * referencesOf(personEntity, [], { companyId: 'c1' }, [3]); // [{ path: [3, 'companyId'], entity: 'company', id: 'c1' }]
 * ```
 */
export function referencesOf(
  entity: EntityDef,
  definitions: readonly CustomFieldDefinition[],
  values: Readonly<Record<string, unknown>>,
  pathPrefix: readonly (string | number)[],
): Reference[] {
  const found: Reference[] = [];
  for (const [name, target] of referenceFields(entity)) {
    const value = values[name];
    if (typeof value === 'string') found.push({ path: [...pathPrefix, name], entity: target, id: value });
    if (Array.isArray(value)) {
      for (const [index, id] of value.entries()) {
        found.push({ path: [...pathPrefix, name, index], entity: target, id });
      }
    }
  }
  const custom = (values.custom ?? {}) as Record<string, unknown>;
  for (const definition of definitions) {
    const value = ownValue(custom, definition.key);
    if (definition.type === 'relation' && definition.relationEntity && typeof value === 'string') {
      found.push({
        path: [...pathPrefix, 'custom', definition.key],
        entity: definition.relationEntity,
        id: value,
      });
    }
  }
  return found;
}

const batchSize = 500;

async function existingIds(
  reader: StorageReader,
  tenantId: string,
  entity: EntityName,
  ids: string[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let start = 0; start < ids.length; start += batchSize) {
    const rows = await reader.findMany({
      table: tableOfEntity(entity),
      tenantId,
      where: columnIn('id', ids.slice(start, start + batchSize)),
    });
    for (const row of rows) existing.add(row.id as string);
  }
  return existing;
}

/** Arguments of {@link checkReferences}. */
export interface CheckReferencesArgs {
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly entity: EntityDef;
  readonly definitions: readonly CustomFieldDefinition[];
  /** The records to check, each with the path prefix its issues get (`[index]` in a createMany). */
  readonly records: readonly {
    readonly values: Readonly<Record<string, unknown>>;
    readonly path: readonly (string | number)[];
  }[];
  /** Ids being written in the same call, which exist by the time the rows land (a member's own manager chain). */
  readonly pendingIds?: ReadonlySet<string>;
}

/**
 * Checks that every id a record points at exists in the same tenant, with one query per referenced
 * entity per 500 ids. Throws INVALID_REFERENCE listing each dangling reference with its path.
 */
export async function checkReferences(args: CheckReferencesArgs): Promise<void> {
  const references = args.records.flatMap((record) =>
    referencesOf(args.entity, args.definitions, record.values, record.path),
  );
  await verifyReferences({ ...args, references });
}

/** Arguments of {@link verifyReferences}. */
export interface VerifyReferencesArgs {
  readonly reader: StorageReader;
  readonly tenantId: string;
  /** The entity of the records that make the references. */
  readonly entity: EntityDef;
  readonly references: readonly Reference[];
  /** Ids being written in the same call, which exist by the time the rows land (a member's own manager chain). */
  readonly pendingIds?: ReadonlySet<string>;
}

/**
 * Checks references already collected with {@link referencesOf}: INVALID_REFERENCE lists each one that
 * points at no record of the tenant, with its path. No reference, no query.
 *
 * @example
 * ```ts
 * await verifyReferences({ reader: tx, tenantId, entity: personEntity, references });
 * ```
 */
export async function verifyReferences(args: VerifyReferencesArgs): Promise<void> {
  const { references } = args;
  if (references.length === 0) return;
  const byEntity = new Map<EntityName, Set<string>>();
  for (const reference of references) {
    if (args.pendingIds?.has(reference.id) && reference.entity === args.entity.name) continue;
    const ids = byEntity.get(reference.entity) ?? new Set<string>();
    byEntity.set(reference.entity, ids);
    ids.add(reference.id);
  }
  const missing = new Set<string>();
  for (const [entity, ids] of byEntity) {
    const existing = await existingIds(args.reader, args.tenantId, entity, [...ids]);
    for (const id of ids) if (!existing.has(id)) missing.add(`${entity}:${id}`);
  }
  const issues: RapportIssue[] = references
    .filter((reference) => missing.has(`${reference.entity}:${reference.id}`))
    .map((reference) => ({
      code: 'invalid_reference',
      path: reference.path,
      message: `No ${reference.entity} with id ${reference.id}`,
    }));
  if (issues.length > 0) {
    throw new RapportError(
      'INVALID_REFERENCE',
      `${issues.length} reference(s) point at no record: ${issues[0]?.message}`,
      { issues },
    );
  }
}
