import { isValueFieldName } from '../customer-value/value-field-resolution';
import type { EntityName } from '../entities/entity-name';
import type { Condition, FieldRef, ValueType } from '../storage/condition';
import type { ToOneRelation } from './entity-relations';
import { relationsOf } from './entity-relations';
import { comparisonSchema } from './filter-schema';
import type { LooseComparison } from './filter-types';
import type { NodePath } from './invalid-node';
import { invalidAt, parseNode } from './invalid-node';
import { complementOf, relatedRowsWhere } from './related-where';
import type { Resolution } from './resolution';
import { anniversaryCondition, relativeTimeCondition } from './time-condition';
import { typedValue } from './typed-value';

/** The most relations one field path follows: `company.owner.team` follows two. */
export const maxRelationHops = 3;

const orderOps = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];
const timeOps = [...orderOps, 'inLast', 'inNext', 'inPeriod'];

const allowedOps: Record<ValueType, ReadonlySet<string>> = {
  text: new Set([...orderOps, 'contains', 'startsWith', 'endsWith']),
  number: new Set(orderOps),
  date: new Set([...timeOps, 'anniversaryInNext']),
  timestamp: new Set(timeOps),
  boolean: new Set(['eq', 'ne', 'isEmpty', 'isNotEmpty']),
  textList: new Set(['hasAny', 'hasAll', 'hasNone', 'isEmpty', 'isNotEmpty']),
};

/** Operators that match an empty field: through a relation, they also match when there is no record. */
const matchesEmpty = new Set(['ne', 'notIn', 'isEmpty', 'hasNone']);

/** List values as stored: list fields hold trimmed, distinct strings (tags, skills, ids, choices). */
function listValues(values: readonly string[], valuePath: NodePath): string[] {
  const trimmed = values.map((value, index) => {
    const clean = value.trim();
    if (clean === '') invalidAt([...valuePath, index], 'A list value is never empty');
    return clean;
  });
  return [...new Set(trimmed)];
}

function currentActor(resolution: Resolution, path: NodePath): string {
  const { actorId } = resolution.context;
  if (actorId === undefined) invalidAt([...path, 'op'], 'There is no current actor to compare with here');
  return actorId;
}

function buildCondition(
  comparison: LooseComparison,
  field: FieldRef,
  resolution: Resolution,
  path: NodePath,
): Condition {
  const caseInsensitive = 'mode' in comparison && comparison.mode === 'insensitive';
  const valuePath = [...path, 'value'];
  switch (comparison.op) {
    case 'eq':
    case 'ne':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return {
        kind: 'compare',
        field,
        op: comparison.op,
        value: typedValue(field, comparison.value, valuePath),
        caseInsensitive,
      };
    case 'in':
    case 'notIn':
      return {
        kind: 'in',
        field,
        values: comparison.value.map((value, index) => typedValue(field, value, [...valuePath, index])),
        negate: comparison.op === 'notIn',
        caseInsensitive,
      };
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return { kind: 'text', field, op: comparison.op, value: comparison.value, caseInsensitive };
    case 'isEmpty':
    case 'isNotEmpty':
      return { kind: 'empty', field, negate: comparison.op === 'isNotEmpty' };
    case 'hasAny':
    case 'hasAll':
    case 'hasNone': {
      const values = listValues(comparison.value, valuePath);
      const mode = comparison.op === 'hasAll' ? 'all' : 'any';
      const has: Condition = { kind: 'has', field, values, mode };
      return comparison.op === 'hasNone' ? { kind: 'not', condition: has } : has;
    }
    case 'inLast':
    case 'inNext':
    case 'inPeriod':
      return relativeTimeCondition(field, comparison, resolution.context, valuePath);
    case 'anniversaryInNext':
      return anniversaryCondition(field, comparison.value, resolution.context);
    case 'isCurrentActor':
      return {
        kind: 'compare',
        field,
        op: 'eq',
        value: currentActor(resolution, path),
        caseInsensitive: false,
      };
  }
}

function ownComparison(
  entity: EntityName,
  name: string,
  comparison: LooseComparison,
  resolution: Resolution,
  path: NodePath,
): Condition {
  const resolved = resolution.resolverOf(entity)(name);
  if (!resolved.ok) invalidAt([...path, 'field'], resolved.message);
  const field = resolved.ref;
  const allowed =
    comparison.op === 'isCurrentActor'
      ? field.type === 'text' && resolution.isActorField(entity, name)
      : allowedOps[field.type].has(comparison.op);
  if (!allowed) {
    invalidAt(
      [...path, 'op'],
      comparison.op === 'isCurrentActor'
        ? `isCurrentActor applies to fields holding a member's id (ownerId, assigneeId, createdBy, ...), not "${name}"`
        : `Operator "${comparison.op}" does not apply to ${field.type} field "${name}"`,
    );
  }
  if ('mode' in comparison && comparison.mode === 'insensitive' && field.type !== 'text')
    invalidAt([...path, 'mode'], 'Case mode applies to text fields only');
  return buildCondition(comparison, field, resolution, path);
}

/**
 * A comparison through a many-to-one relation: the related record's field reads as empty when there is
 * no related record, so operators that match empty fields hold when no related record matches their
 * complement, and the others hold when one matches them.
 */
function throughRelation(
  toOne: ToOneRelation,
  inner: Condition,
  matchesNone: boolean,
  resolution: Resolution,
): Condition {
  const condition = matchesNone ? complementOf(inner) : inner;
  return {
    kind: 'related',
    relation: toOne.relation,
    where: relatedRowsWhere(resolution.context, toOne.target, condition),
    aggregate: { fn: 'exists' },
    negate: matchesNone,
  };
}

function unknownRelation(entity: EntityName, head: string, fieldPath: string): string {
  const names = [...relationsOf(entity).toOne.keys()];
  const known = names.length === 0 ? 'it has none' : `use one of: ${names.join(', ')}`;
  return `Unknown field "${fieldPath}" on ${entity}: "${head}" is not a relation (${known})`;
}

function comparisonOn(
  entity: EntityName,
  fieldPath: string,
  comparison: LooseComparison,
  resolution: Resolution,
  path: NodePath,
  hops: number,
): Condition {
  const dot = fieldPath.indexOf('.');
  const head = dot > 0 ? fieldPath.slice(0, dot) : undefined;
  // Dotted names of the record itself: custom fields, customer values, a person's consents.
  if (head === undefined || head === 'custom' || head === 'consent' || isValueFieldName(fieldPath))
    return ownComparison(entity, fieldPath, comparison, resolution, path);
  const toOne = relationsOf(entity).toOne.get(head);
  if (toOne === undefined) return invalidAt([...path, 'field'], unknownRelation(entity, head, fieldPath));
  if (hops >= maxRelationHops)
    invalidAt([...path, 'field'], `A field path follows at most ${maxRelationHops} relations`);
  const rest = fieldPath.slice(dot + 1);
  const inner = comparisonOn(toOne.target, rest, comparison, resolution, path, hops + 1);
  return throughRelation(toOne, inner, matchesEmpty.has(comparison.op), resolution);
}

/**
 * Resolves a comparison node on a field of `entity`, a custom field, or a field of a related record
 * (`company.region`, `company.owner.team`) into a condition.
 *
 * @example
 * ```ts
 * resolveComparison({ field: 'company.region', op: 'eq', value: 'North' }, 'person', resolution, []);
 * // { kind: 'related', relation: { table: 'companies', ... }, aggregate: { fn: 'exists' }, ... }
 * ```
 */
export function resolveComparison(
  node: unknown,
  entity: EntityName,
  resolution: Resolution,
  path: NodePath,
): Condition {
  const comparison = parseNode(comparisonSchema, node, path, 'comparison') as LooseComparison;
  return comparisonOn(entity, comparison.field, comparison, resolution, path, 0);
}
