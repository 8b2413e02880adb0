import type { EntityName } from '../entities/entity-name';
import type { Condition } from '../storage/condition';
import type { FilterContext } from './filter-context';
import { checkFilterContext } from './filter-context';
import { segmentSchema } from './filter-schema';
import type { Filter } from './filter-types';
import type { NodePath } from './invalid-node';
import { invalidAt, parseNode } from './invalid-node';
import type { Resolution } from './resolution';
import { createResolution } from './resolution';
import { resolveComparison } from './resolve-comparison';
import { resolveRelated } from './resolve-related';

/** The deepest a filter nests: groups and related conditions each add a level. */
export const maxFilterDepth = 32;

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function resolveSegment(
  node: unknown,
  entity: EntityName,
  resolution: Resolution,
  path: NodePath,
): Condition {
  const { segment: id } = parseNode(segmentSchema, node, path, 'segment condition');
  const hook = resolution.context.segment;
  if (hook === undefined) invalidAt([...path, 'segment'], 'Segments are not available here');
  return hook(id, entity) ?? invalidAt([...path, 'segment'], `Unknown segment "${id}" of ${entity}`);
}

function resolveNode(
  node: unknown,
  entity: EntityName,
  resolution: Resolution,
  path: NodePath,
  depth: number,
): Condition {
  if (depth > maxFilterDepth) invalidAt(path, `Filters nest at most ${maxFilterDepth} levels`);
  if (!isObject(node)) invalidAt(path, 'Expected a filter object');
  const child = (next: unknown, nextEntity: EntityName, nextPath: NodePath) =>
    resolveNode(next, nextEntity, resolution, nextPath, depth + 1);
  const keys = Object.keys(node);
  const group = keys.length === 1 ? keys[0] : undefined;
  if (group === 'all' || group === 'any') {
    const children = node[group];
    if (!Array.isArray(children)) invalidAt([...path, group], 'Expected a list of filters');
    const conditions = children.map((item, index) => child(item, entity, [...path, group, index]));
    return { kind: group === 'all' ? 'and' : 'or', conditions };
  }
  if (group === 'not') return { kind: 'not', condition: child(node.not, entity, [...path, 'not']) };
  if ('segment' in node) return resolveSegment(node, entity, resolution, path);
  if ('related' in node) return resolveRelated(node, entity, resolution, path, child);
  if ('field' in node || 'op' in node) return resolveComparison(node, entity, resolution, path);
  return invalidAt(
    path,
    'Expected { all }, { any }, { not }, a comparison { field, op, value }, { related, aggregate } or { segment }',
  );
}

/**
 * Resolves a filter into the condition IR that adapters run: field names against the entity's schema and
 * the tenant's custom fields only, relations against the entity definitions, relative times and
 * anniversaries into plain comparisons at `context.now` in the tenant's time zone, "current actor" and
 * segments through the context. Every value ends up a bound parameter. A pure function of its arguments.
 *
 * Throws INVALID_FILTER whose one issue's path points at the offending node, and MISUSE when the context
 * itself is wrong (no `now`, an unknown time zone) or lacks what the filter needs (a time zone for a
 * relative time).
 *
 * @example
 * ```ts
 * const condition = resolveFilter(
 *   { all: [{ field: 'company.region', op: 'eq', value: 'North' }, { field: 'birthday', op: 'anniversaryInNext', value: 7 }] },
 *   { entity: 'person', now: new Date(), timeZone: 'Europe/Paris' },
 * );
 * resolveFilter({ any: [{ field: 'nope', op: 'eq', value: 1 }] }, { entity: 'person', now: new Date() });
 * // throws RapportError INVALID_FILTER, issues[0].path = ['any', 0, 'field']
 * ```
 */
export function resolveFilter(filter: Filter | unknown, context: FilterContext): Condition {
  checkFilterContext(context);
  return resolveNode(filter, context.entity, createResolution(context), [], 0);
}
