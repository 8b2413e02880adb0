import { activityEntity } from './activity';
import { companyEntity } from './company';
import { dealEntity } from './deal';
import type { EntityDef } from './define-entity';
import type { EntityName } from './entity-name';
import { memberEntity } from './member';
import { orderEntity } from './order';
import { personEntity } from './person';
import { pipelineEntity } from './pipeline';
import { productEntity } from './product';
import { tagEntity } from './tag';
import { taskEntity } from './task';

/** Every entity definition by name, in an order where a table comes after the tables it references. */
export const entities = {
  member: memberEntity,
  company: companyEntity,
  person: personEntity,
  pipeline: pipelineEntity,
  deal: dealEntity,
  activity: activityEntity,
  task: taskEntity,
  product: productEntity,
  order: orderEntity,
  tag: tagEntity,
} as const satisfies Record<EntityName, EntityDef>;

/** The definition of one entity. */
export function entityDef(name: EntityName): EntityDef {
  return entities[name] as unknown as EntityDef;
}
