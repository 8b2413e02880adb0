import type { Condition } from './condition';
import { invalidFilter } from './invalid-filter';
import { compileFieldReader } from './read-operand';
import type { Row } from './schema';

type Predicate = (row: Row) => boolean;
type EmptyCondition = Extract<Condition, { kind: 'empty' }>;
type NullCondition = Extract<Condition, { kind: 'null' }>;
type HasCondition = Extract<Condition, { kind: 'has' }>;

/**
 * Compiles an `empty` condition: null, `''` and `[]` are empty; with `negate`, everything else.
 *
 * @example
 * ```ts
 * compileEmpty({ kind: 'empty', field: name, negate: false })({ name: '' }); // true
 * ```
 */
export function compileEmpty(condition: EmptyCondition): Predicate {
  const read = compileFieldReader(condition.field);
  const negate = condition.negate;
  return (row) => {
    const value = read(row);
    const isEmpty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    return isEmpty !== negate;
  };
}

/**
 * Compiles a `null` condition: exactly null (a missing JSON key included, `''` excluded); with `negate`,
 * every non-null value.
 *
 * @example
 * ```ts
 * compileNull({ kind: 'null', field: name, negate: false })({ name: '' }); // false
 * ```
 */
export function compileNull(condition: NullCondition): Predicate {
  const read = compileFieldReader(condition.field);
  const negate = condition.negate;
  return (row) => (read(row) === null) !== negate;
}

/**
 * Compiles a `has` condition on a `textList`: `any` matches a list holding at least one of the values,
 * `all` a list holding every one. Elements compare exactly (no case folding); elements that are not
 * strings never match. `any` of no values matches nothing; `all` of no values matches every non-null list.
 *
 * @example
 * ```ts
 * compileHas({ kind: 'has', field: tags, values: ['vip'], mode: 'any' })({ tags: ['vip', 'new'] }); // true
 * ```
 */
export function compileHas(condition: HasCondition): Predicate {
  const { field, values, mode } = condition;
  if (field?.type !== 'textList') throw invalidFilter(`'has' applies to textList values only.`, { field });
  if (!values.every((value) => typeof value === 'string'))
    throw invalidFilter(`'has' takes strings.`, { field, values });
  const read = compileFieldReader(field);
  const wanted = [...new Set(values)];
  if (mode === 'any') return hasAny(read, wanted);
  if (mode === 'all') return hasAll(read, wanted);
  throw invalidFilter(`Unknown 'has' mode '${String(mode)}'; use 'any' or 'all'.`, { mode });
}

function hasAny(read: (row: Row) => unknown, wanted: readonly string[]): Predicate {
  if (wanted.length === 0) return () => false;
  const set = new Set<unknown>(wanted);
  return (row) => {
    const list = read(row) as readonly unknown[] | null;
    if (list === null) return false;
    return list.some((element) => set.has(element));
  };
}

function hasAll(read: (row: Row) => unknown, wanted: readonly string[]): Predicate {
  return (row) => {
    const list = read(row) as readonly unknown[] | null;
    return list !== null && wanted.every((value) => list.includes(value));
  };
}
