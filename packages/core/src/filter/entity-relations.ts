import type { EntityDef } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import { entities } from '../entities/registry';
import type { Relation } from '../storage/condition';

/** A many-to-one relation: the record one of this entity's reference fields points at. */
export interface ToOneRelation {
  /** Its name in field paths: the reference field without `Id` (`company` for `companyId`). */
  readonly name: string;
  /** The reference field of this entity. */
  readonly field: string;
  readonly target: EntityName;
  readonly relation: Relation;
}

/** A one-to-many relation: the records of another entity whose reference field points at this one. */
export interface ToManyRelation {
  /**
   * Its name in related conditions: the other entity's collection (`orders`), or, when two of its fields
   * point at this entity, the collection and the field (`ordersByBuyer` for `buyerId`).
   */
  readonly name: string;
  readonly source: EntityName;
  /** The reference field (one id, or a list of ids) of the other entity. */
  readonly field: string;
  readonly relation: Relation;
}

/** The relations filters can follow from one entity. */
export interface EntityRelations {
  readonly toOne: ReadonlyMap<string, ToOneRelation>;
  readonly toMany: ReadonlyMap<string, ToManyRelation>;
}

const withoutId = (field: string) => field.replace(/Ids?$/, '');
const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function toOneRelations(entity: EntityDef, byName: ReadonlyMap<EntityName, EntityDef>) {
  const relations = new Map<string, ToOneRelation>();
  for (const [field, def] of Object.entries(entity.allFields)) {
    const target = def.references === undefined ? undefined : byName.get(def.references);
    if (target === undefined || def.valueType !== 'text') continue;
    relations.set(withoutId(field), {
      name: withoutId(field),
      field,
      target: target.name,
      relation: { table: target.table, link: 'column', foreignColumn: 'id', localColumn: def.column },
    });
  }
  return relations;
}

function toManyRelations(entity: EntityDef, all: readonly EntityDef[]) {
  const relations = new Map<string, ToManyRelation>();
  for (const source of all) {
    const pointing = Object.entries(source.allFields).filter(([, def]) => def.references === entity.name);
    for (const [field, def] of pointing) {
      const name =
        pointing.length === 1 ? source.collection : `${source.collection}By${capitalized(withoutId(field))}`;
      relations.set(name, {
        name,
        source: source.name,
        field,
        relation: {
          table: source.table,
          link: def.valueType === 'textList' ? 'list' : 'column',
          foreignColumn: def.column,
          localColumn: 'id',
        },
      });
    }
  }
  return relations;
}

/**
 * The relations of every entity, derived from the reference fields of the definitions: a scalar
 * reference gives its entity a many-to-one relation and the referenced entity a one-to-many relation; a
 * list of ids (`deal.personIds`) gives only the one-to-many side (`deals` of a person).
 *
 * @example
 * ```ts
 * const relations = deriveRelations(Object.values(entities));
 * relations.get('person')?.toMany.get('orders')?.relation;
 * // { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' }
 * ```
 */
export function deriveRelations(all: readonly EntityDef[]): ReadonlyMap<EntityName, EntityRelations> {
  const byName = new Map(all.map((entity) => [entity.name, entity] as const));
  return new Map(
    all.map((entity) => [
      entity.name,
      { toOne: toOneRelations(entity, byName), toMany: toManyRelations(entity, all) },
    ]),
  );
}

let registryRelations: ReadonlyMap<EntityName, EntityRelations> | undefined;

/** The relations of one entity of the registry (derived once). */
export function relationsOf(entity: EntityName): EntityRelations {
  registryRelations ??= deriveRelations(Object.values(entities) as unknown as EntityDef[]);
  return registryRelations.get(entity) as EntityRelations;
}
