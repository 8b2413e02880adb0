import type { EntityName } from '../entities/entity-name';
import type { Condition, FieldRef, RelatedAggregate } from '../storage/condition';
import type { ToManyRelation } from './entity-relations';
import { relationsOf } from './entity-relations';
import { relatedNodeSchema } from './filter-schema';
import type { LooseRelatedFilter } from './filter-types';
import type { NodePath } from './invalid-node';
import { invalidAt, parseNode } from './invalid-node';
import { relatedRowsWhere } from './related-where';
import type { Resolution } from './resolution';
import { typedValue } from './typed-value';

/** Resolves a child filter over another entity (the `where` of a related condition). */
export type ChildResolver = (node: unknown, entity: EntityName, path: NodePath) => Condition;

function relationNamed(entity: EntityName, name: string, path: NodePath): ToManyRelation {
  const { toMany } = relationsOf(entity);
  const relation = toMany.get(name);
  if (relation !== undefined) return relation;
  const names = [...toMany.keys()];
  return invalidAt(
    [...path, 'related'],
    `${entity} has no related records "${name}"${names.length === 0 ? '' : `: use one of ${names.join(', ')}`}`,
  );
}

function aggregatedField(
  node: Extract<LooseRelatedFilter, { of: string }>,
  source: EntityName,
  resolution: Resolution,
  path: NodePath,
): FieldRef {
  const resolved = resolution.resolverOf(source)(node.of);
  if (!resolved.ok) invalidAt([...path, 'of'], resolved.message);
  const { type } = resolved.ref;
  const fits =
    type === 'number' ||
    ((node.aggregate === 'min' || node.aggregate === 'max') && (type === 'date' || type === 'timestamp'));
  if (!fits) {
    const expected =
      node.aggregate === 'sum' || node.aggregate === 'avg' ? 'a number' : 'a number, date or instant';
    invalidAt([...path, 'of'], `${node.aggregate} takes ${expected} field, and "${node.of}" is ${type}`);
  }
  return resolved.ref;
}

function aggregateOf(
  node: LooseRelatedFilter,
  source: EntityName,
  resolution: Resolution,
  path: NodePath,
): RelatedAggregate {
  switch (node.aggregate) {
    case 'exists':
    case 'notExists':
      return { fn: 'exists' };
    case 'count':
      return { fn: 'count', op: node.op, value: node.value };
    default: {
      const field = aggregatedField(node, source, resolution, path);
      return {
        fn: node.aggregate,
        field,
        op: node.op,
        value: typedValue(field, node.value, [...path, 'value']),
      };
    }
  }
}

/**
 * Resolves a related-record node (`{ related: 'orders', aggregate: 'sum', of: 'total', op: 'gt',
 * value: 500, where }`) into a related condition over the rows that point at the outer record, archived
 * rows and rows outside the caller's read scope left out.
 *
 * @example
 * ```ts
 * resolveRelated({ related: 'activities', aggregate: 'notExists' }, 'person', resolution, [], resolveChild);
 * // { kind: 'related', relation: { table: 'activities', link: 'list', ... }, aggregate: { fn: 'exists' }, negate: true, ... }
 * ```
 */
export function resolveRelated(
  node: unknown,
  entity: EntityName,
  resolution: Resolution,
  path: NodePath,
  resolveChild: ChildResolver,
): Condition {
  const parsed = parseNode(relatedNodeSchema, node, path, 'related condition') as LooseRelatedFilter;
  const relation = relationNamed(entity, parsed.related, path);
  const where =
    parsed.where === undefined ? undefined : resolveChild(parsed.where, relation.source, [...path, 'where']);
  const aggregate = aggregateOf(parsed, relation.source, resolution, path);
  return {
    kind: 'related',
    relation: relation.relation,
    where: relatedRowsWhere(resolution.context, relation.source, where),
    aggregate,
    negate: parsed.aggregate === 'notExists',
  };
}
