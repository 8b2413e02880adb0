import type { EntityDef } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import type { FieldResolver } from './field-resolver';
import { createFieldResolver } from './field-resolver';
import type { FilterContext } from './filter-context';

/** One resolution of one filter: its context and the field resolvers of the entities it reaches. */
export interface Resolution {
  readonly context: FilterContext;
  /** Resolves field names of an entity against its schema and the tenant's custom fields. */
  resolverOf(entity: EntityName): FieldResolver;
  /** Whether a field holds the id of a member or actor (owner, assignee, creator), for `isCurrentActor`. */
  isActorField(entity: EntityName, name: string): boolean;
}

const actorColumns = new Set(['createdBy', 'updatedBy']);

function isBuiltInActorField(entity: EntityDef, name: string): boolean {
  if (!Object.hasOwn(entity.allFields, name)) return false;
  return actorColumns.has(name) || entity.allFields[name]?.references === 'member';
}

/** Starts the resolution of one filter. */
export function createResolution(context: FilterContext): Resolution {
  const resolvers = new Map<EntityName, FieldResolver>();
  const definitionsOf = (entity: EntityName) => context.customFields?.[entity] ?? [];
  return {
    context,
    resolverOf(entity) {
      let resolver = resolvers.get(entity);
      if (resolver === undefined) {
        resolver = createFieldResolver(entityDef(entity), definitionsOf(entity));
        resolvers.set(entity, resolver);
      }
      return resolver;
    },
    isActorField(entity, name) {
      if (!name.startsWith('custom.')) return isBuiltInActorField(entityDef(entity), name);
      const key = name.slice('custom.'.length);
      return definitionsOf(entity).some(
        (definition) =>
          definition.key === key &&
          definition.archivedAt === null &&
          definition.type === 'relation' &&
          definition.relationEntity === 'member',
      );
    },
  };
}
