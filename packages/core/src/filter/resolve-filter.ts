import * as z from 'zod';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import type { Condition, FieldRef, Scalar } from '../storage/condition';
import type { FieldResolver } from './field-resolver';
import { comparisonSchema } from './filter-schema';
import type { Comparison, Filter } from './filter-types';

type Path = readonly (string | number)[];

const maxDepth = 32;
const isoDate = z.iso.date();
const isoInstant = z.iso.datetime({ offset: true });

function invalid(path: Path, message: string): never {
  const issue: RapportIssue = { code: 'invalid_filter', path, message };
  throw new RapportError('INVALID_FILTER', `Invalid filter at ${path.join('.') || '(root)'}: ${message}`, {
    issues: [issue],
  });
}

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Checks one value against the field's type and returns it as stored (instants in UTC). */
function typedValue(ref: FieldRef, value: unknown, path: Path): Scalar {
  switch (ref.type) {
    case 'text':
      if (typeof value !== 'string') invalid(path, 'Expected a text value');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'Expected a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') invalid(path, 'Expected true or false');
      return value;
    case 'date':
      if (!isoDate.safeParse(value).success) invalid(path, 'Expected a date as YYYY-MM-DD');
      return value as string;
    case 'timestamp':
      if (!isoInstant.safeParse(value).success) invalid(path, 'Expected an ISO-8601 instant');
      return new Date(value as string).toISOString();
    case 'textList':
      return invalid(path, 'A list field is compared with hasAny, hasAll, isEmpty or isNotEmpty');
  }
}

const allowedOps: Record<FieldRef['type'], ReadonlySet<string>> = {
  text: new Set([
    'eq',
    'ne',
    'lt',
    'lte',
    'gt',
    'gte',
    'in',
    'notIn',
    'contains',
    'startsWith',
    'endsWith',
    'isEmpty',
    'isNotEmpty',
  ]),
  number: new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'isEmpty', 'isNotEmpty']),
  date: new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'isEmpty', 'isNotEmpty']),
  timestamp: new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'isEmpty', 'isNotEmpty']),
  boolean: new Set(['eq', 'ne', 'isEmpty', 'isNotEmpty']),
  textList: new Set(['hasAny', 'hasAll', 'isEmpty', 'isNotEmpty']),
};

function resolveComparison(node: Record<string, unknown>, resolve: FieldResolver, path: Path): Condition {
  const parsed = comparisonSchema.safeParse(node);
  if (!parsed.success) {
    const [first] = toRapportIssues(parsed.error.issues, path);
    invalid(first?.path ?? path, first?.message ?? 'Invalid comparison');
  }
  const comparison = parsed.data as Comparison;
  const resolution = resolve(comparison.field);
  if (!resolution.ok) invalid([...path, 'field'], resolution.message);
  const field = resolution.ref;
  if (!allowedOps[field.type].has(comparison.op)) {
    invalid(
      [...path, 'op'],
      `Operator "${comparison.op}" does not apply to ${field.type} field "${comparison.field}"`,
    );
  }
  const caseInsensitive = 'mode' in comparison && comparison.mode === 'insensitive';
  if (caseInsensitive && field.type !== 'text')
    invalid([...path, 'mode'], 'Case mode applies to text fields only');
  return buildCondition(comparison, field, caseInsensitive, [...path, 'value']);
}

function buildCondition(
  comparison: Comparison,
  field: FieldRef,
  caseInsensitive: boolean,
  valuePath: Path,
): Condition {
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
      return {
        kind: 'has',
        field,
        values: comparison.value,
        mode: comparison.op === 'hasAny' ? 'any' : 'all',
      };
  }
}

function resolveNode(node: unknown, resolve: FieldResolver, path: Path, depth: number): Condition {
  if (depth > maxDepth) invalid(path, `Filters nest at most ${maxDepth} levels`);
  if (!isObject(node)) invalid(path, 'Expected a filter object');
  const keys = Object.keys(node);
  const group = keys.length === 1 ? keys[0] : undefined;
  if (group === 'all' || group === 'any') {
    const children = node[group];
    if (!Array.isArray(children)) invalid([...path, group], 'Expected a list of filters');
    const conditions = children.map((child, index) =>
      resolveNode(child, resolve, [...path, group, index], depth + 1),
    );
    return { kind: group === 'all' ? 'and' : 'or', conditions };
  }
  if (group === 'not')
    return { kind: 'not', condition: resolveNode(node.not, resolve, [...path, 'not'], depth + 1) };
  if ('field' in node || 'op' in node) return resolveComparison(node, resolve, path);
  return invalid(path, 'Expected { all }, { any }, { not } or a comparison { field, op, value }');
}

/**
 * Resolves a filter against an entity's fields and the tenant's custom fields into the condition IR that
 * adapters run. Throws INVALID_FILTER whose issue path points at the offending node.
 *
 * @example
 * ```ts
 * resolveFilter({ any: [{ field: 'nope', op: 'eq', value: 1 }] }, resolver);
 * // throws RapportError INVALID_FILTER, issues[0].path = ['any', 0, 'field']
 * ```
 */
export function resolveFilter(filter: Filter | unknown, resolve: FieldResolver): Condition {
  return resolveNode(filter, resolve, [], 0);
}
