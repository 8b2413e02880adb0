import { compareCodePoints, hasHighUnits } from './compare-text';
import type { CompareOp, Condition, FieldRef, Scalar } from './condition';
import { foldCase } from './fold-case';
import { invalidFilter } from './invalid-filter';
import type { FieldReader, FieldValue } from './read-operand';
import { compileFieldReader } from './read-operand';
import type { Row } from './schema';
import type { ValueKind } from './value-kind';
import { isValueOfKind, valueKindOf } from './value-kind';

type Predicate = (row: Row) => boolean;
type CompareCondition = Extract<Condition, { kind: 'compare' }>;
type InCondition = Extract<Condition, { kind: 'in' }>;
type TextCondition = Extract<Condition, { kind: 'text' }>;

const never: Predicate = () => false;
const always: Predicate = () => true;

/**
 * Compiles a `compare` condition. `eq`, `lt`, `lte`, `gt`, `gte` never match null; `ne` does. Strings
 * order by code point and numbers numerically; `caseInsensitive` folds `eq` and `ne` on text only.
 *
 * @example
 * ```ts
 * const isNotNorth = compileCompare({ kind: 'compare', field: region, op: 'ne', value: 'North', caseInsensitive: false });
 * isNotNorth({ region: null }); // true
 * ```
 */
export function compileCompare(condition: CompareCondition): Predicate {
  const { field, op, value } = condition;
  const kind = scalarKindOf(field, op);
  if (kind === 'boolean' && op !== 'eq' && op !== 'ne') {
    throw invalidFilter(`'${op}' does not apply to booleans; use 'eq' or 'ne'.`, { field, op });
  }
  requireValue(value, kind, field);
  const read = compileFieldReader(field);
  if (op === 'eq' || op === 'ne') {
    const isEqual =
      condition.caseInsensitive && field.type === 'text'
        ? foldedEquals(read, value as string)
        : equals(read, value);
    return op === 'eq' ? isEqual : (row) => !isEqual(row);
  }
  if (kind === 'number' || !hasHighUnits(value as string))
    return nativeOrdering(read, op, value as number | string);
  return ordering(read, op, compareStrings, value);
}

/**
 * Compiles an `in` condition (`notIn` when `negate`). `in` of no values matches nothing and never matches
 * null; `notIn` matches null and, with no values, everything.
 *
 * @example
 * ```ts
 * compileIn({ kind: 'in', field: tier, values: [], negate: true, caseInsensitive: false })({ tier: null }); // true
 * ```
 */
export function compileIn(condition: InCondition): Predicate {
  const { field, values, negate } = condition;
  const kind = scalarKindOf(field, 'in');
  for (const value of values) requireValue(value, kind, field);
  if (values.length === 0) return negate ? always : never;
  const read = compileFieldReader(field);
  const isMember =
    condition.caseInsensitive && field.type === 'text'
      ? foldedMembership(read, values)
      : membership(read, values);
  return negate ? (row) => !isMember(row) : isMember;
}

/**
 * Compiles a `contains` / `startsWith` / `endsWith` condition. The value is literal (no wildcards); the
 * empty string matches every non-null text; null never matches.
 *
 * @example
 * ```ts
 * compileText({ kind: 'text', field: name, op: 'contains', value: '%', caseInsensitive: false })({ name: '100%' }); // true
 * ```
 */
export function compileText(condition: TextCondition): Predicate {
  const { field, op, value } = condition;
  if (scalarKindOf(field, op) !== 'string')
    throw invalidFilter(`'${op}' applies to text values only.`, { field, op });
  requireValue(value, 'string', field);
  const read = compileFieldReader(field);
  const fold = condition.caseInsensitive && field.type === 'text';
  const needle = fold ? foldCase(value) : value;
  const test = textTest(op, needle);
  return (row) => {
    const text = read(row) as string | null;
    return text !== null && test(fold ? foldCase(text) : text);
  };
}

/**
 * Compiles a test of one typed value (or null) against `value` with `op`, under the same null rule as
 * `compare`: `ne` matches null, the other operators never do. Numbers compare numerically, strings by code
 * point. Related aggregates use it on the value they compute.
 *
 * @example
 * ```ts
 * const isAboveFive = compileValueTest('gt', 5, 'number');
 * isAboveFive(7); // true
 * isAboveFive(null); // false
 * ```
 */
export function compileValueTest(
  op: CompareOp,
  value: Scalar,
  kind: 'number' | 'string',
): (stored: FieldValue | null) => boolean {
  if (op === 'eq') return (stored) => stored === value;
  if (op === 'ne') return (stored) => stored !== value;
  const accepts = orderingTest(op);
  const compare = kind === 'number' ? compareNumbers : compareStrings;
  return (stored) => stored !== null && accepts(compare(stored, value));
}

function textTest(op: TextCondition['op'], needle: string): (text: string) => boolean {
  switch (op) {
    case 'contains':
      return (text) => text.includes(needle);
    case 'startsWith':
      return (text) => text.startsWith(needle);
    case 'endsWith':
      return (text) => text.endsWith(needle);
    default:
      throw invalidFilter(`Unknown text operator '${String(op)}'.`, { op });
  }
}

function equals(read: FieldReader, value: Scalar): Predicate {
  // A stored null or a value of another type never equals a scalar, so no null check is needed.
  return (row) => read(row) === value;
}

function foldedEquals(read: FieldReader, value: string): Predicate {
  const folded = foldCase(value);
  return (row) => {
    const text = read(row) as string | null;
    return text !== null && foldCase(text) === folded;
  };
}

function membership(read: FieldReader, values: readonly Scalar[]): Predicate {
  const set = new Set<FieldValue>(values);
  return (row) => {
    const value = read(row);
    return value !== null && set.has(value);
  };
}

function foldedMembership(read: FieldReader, values: readonly Scalar[]): Predicate {
  const set = new Set((values as readonly string[]).map(foldCase));
  return (row) => {
    const text = read(row) as string | null;
    return text !== null && set.has(foldCase(text));
  };
}

// One closure per operator with the comparison written out: these run once per row per condition, so
// they avoid the calls a generic comparator would make. `<` orders numbers numerically, and texts by
// code unit, which is code-point order when the value has no unit at or above U+D800 (`hasHighUnits`).
function nativeOrdering(
  read: FieldReader,
  op: Exclude<CompareOp, 'eq' | 'ne'>,
  value: number | string,
): Predicate {
  const typed = read as (row: Row) => number | string | null;
  switch (op) {
    case 'lt':
      return (row) => {
        const stored = typed(row);
        return stored !== null && stored < value;
      };
    case 'lte':
      return (row) => {
        const stored = typed(row);
        return stored !== null && stored <= value;
      };
    case 'gt':
      return (row) => {
        const stored = typed(row);
        return stored !== null && stored > value;
      };
    case 'gte':
      return (row) => {
        const stored = typed(row);
        return stored !== null && stored >= value;
      };
    default:
      throw invalidFilter(`Unknown comparison operator '${String(op)}'.`, { op });
  }
}

function ordering(
  read: FieldReader,
  op: Exclude<CompareOp, 'eq' | 'ne'>,
  compare: (a: FieldValue, b: FieldValue) => number,
  value: Scalar,
): Predicate {
  const accepts = orderingTest(op);
  return (row) => {
    const stored = read(row);
    return stored !== null && accepts(compare(stored, value));
  };
}

function orderingTest(op: Exclude<CompareOp, 'eq' | 'ne'>): (order: number) => boolean {
  switch (op) {
    case 'lt':
      return (order) => order < 0;
    case 'lte':
      return (order) => order <= 0;
    case 'gt':
      return (order) => order > 0;
    case 'gte':
      return (order) => order >= 0;
    default:
      throw invalidFilter(`Unknown comparison operator '${String(op)}'.`, { op });
  }
}

function compareNumbers(a: FieldValue, b: FieldValue): number {
  return (a as number) - (b as number);
}

function compareStrings(a: FieldValue, b: FieldValue): number {
  return compareCodePoints(a as string, b as string);
}

/** The kind a scalar operator compares as; lists have their own operators (`has`, `empty`, `null`). */
function scalarKindOf(field: FieldRef, op: string): Exclude<ValueKind, 'list'> {
  const kind = valueKindOf(field?.type);
  if (kind === undefined) throw invalidFilter(`Unknown value type '${String(field?.type)}'.`, { field });
  if (kind === 'list')
    throw invalidFilter(`'${op}' does not apply to textList values; use 'has' or 'empty'.`, { field, op });
  return kind;
}

function requireValue(value: unknown, kind: ValueKind, field: FieldRef): void {
  if (!isValueOfKind(value, kind)) {
    throw invalidFilter(
      `A ${field.type} field compares with a ${kind} value, not ${JSON.stringify(value)}.`,
      { field, value },
    );
  }
}
