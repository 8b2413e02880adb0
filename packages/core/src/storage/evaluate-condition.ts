import { compileCompare, compileIn, compileText } from './compile-comparison';
import { compileEmpty, compileHas, compileNull } from './compile-presence';
import type { SourcedPredicate } from './compile-related';
import { compileRelated, missingSource } from './compile-related';
import type { Condition } from './condition';
import { generatePredicate } from './generate-predicate';
import { invalidFilter } from './invalid-filter';
import type { RelatedRows } from './related-rows';
import type { Row } from './schema';

/**
 * A compiled condition: true when the row matches.
 *
 * @example
 * ```ts
 * const matches: RowPredicate = compileCondition(where);
 * const found = rows.filter(matches);
 * ```
 */
export type RowPredicate = (row: Row) => boolean;

/**
 * Compiles a {@link Condition} into a predicate, once, following the semantics documented on `Condition`
 * exactly (null handling, case folding, code-point text order, empty lists, related aggregates). This is
 * the reference the SQL adapters are held to. A condition the contract does not allow (`lt` on a boolean,
 * `has` on text, a value of the wrong type) throws `INVALID_FILTER` here, before any row is read.
 *
 * A condition with `related` conditions reads rows of other tables through `relatedRows`; without one it
 * throws MISUSE here. Give a source made for this use (see {@link createRelatedRows}): it may keep what it read.
 *
 * @example
 * ```ts
 * const isGold = compileCondition({
 *   kind: 'compare',
 *   field: { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' },
 *   op: 'eq',
 *   value: 'gold',
 *   caseInsensitive: true,
 * });
 * rows.filter(isGold);
 * const hasOrders = compileCondition(hasOrdersCondition, createRelatedRows((table) => fetched[table]));
 * ```
 */
export function compileCondition(condition: Condition, relatedRows?: RelatedRows): RowPredicate {
  return bind(compiledOf(condition), relatedRows);
}

// Conditions are immutable values, so a compiled predicate can be reused for the same object: hot paths
// that evaluate one rule or view filter against many single records compile it once.
const compiled = new WeakMap<Condition, Compiled>();

/**
 * Evaluates a condition against one row. Compiles the condition on first use and caches the predicate by
 * object identity, so calling it repeatedly with the same condition costs one lookup; do not mutate a
 * condition after evaluating it. `relatedRows` is the source of related rows, needed when the condition
 * holds `related` conditions.
 *
 * @example
 * ```ts
 * evaluateCondition({ kind: 'null', field: { operand: { kind: 'column', column: 'email' }, type: 'text' }, negate: false }, row);
 * ```
 */
export function evaluateCondition(condition: Condition, row: Row, relatedRows?: RelatedRows): boolean {
  let entry = compiled.get(condition);
  if (entry === undefined) {
    entry = compiledOf(condition);
    compiled.set(condition, entry);
  }
  if (entry.isRelated && relatedRows === undefined) throw missingSource();
  return entry.test(row, relatedRows);
}

/** A compiled condition, and whether it reads related rows. */
interface Compiled {
  readonly test: SourcedPredicate;
  readonly isRelated: boolean;
}

function compiledOf(condition: Condition): Compiled {
  let isRelated = false;
  const onRelated = () => {
    isRelated = true;
  };
  // The closures check the condition and are the reference; the generated function runs them fused.
  const closures = compileTree(condition, onRelated);
  const generated = generatePredicate(condition, (leaf) => compileTree(leaf, onRelated));
  return { test: generated ?? closures, isRelated };
}

/**
 * The closures of a condition alone, without the generated function: the reference the generated code is
 * tested against.
 *
 * @example
 * ```ts
 * const reference = compileClosures(condition);
 * reference(row, relatedRows) === compileCondition(condition, relatedRows)(row);
 * ```
 */
export function compileClosures(condition: Condition): SourcedPredicate {
  return compileTree(condition, () => {});
}

function bind({ test, isRelated }: Compiled, relatedRows: RelatedRows | undefined): RowPredicate {
  if (!isRelated) return test as RowPredicate;
  if (relatedRows === undefined) throw missingSource();
  return (row) => test(row, relatedRows);
}

function compileTree(condition: Condition, onRelated: () => void): SourcedPredicate {
  const compileMember = (member: Condition) => compileTree(member, onRelated);
  switch (condition?.kind) {
    case 'and':
      return every(condition.conditions.map(compileMember));
    case 'or':
      return some(condition.conditions.map(compileMember));
    case 'not': {
      const inner = compileMember(condition.condition);
      return (row, relatedRows) => !inner(row, relatedRows);
    }
    case 'compare':
      return compileCompare(condition);
    case 'in':
      return compileIn(condition);
    case 'text':
      return compileText(condition);
    case 'empty':
      return compileEmpty(condition);
    case 'null':
      return compileNull(condition);
    case 'has':
      return compileHas(condition);
    case 'related':
      onRelated();
      return compileRelated(condition, compileMember);
    default:
      throw invalidFilter(`Unknown condition kind '${String((condition as { kind?: unknown })?.kind)}'.`, {
        condition,
      });
  }
}

function every(predicates: readonly SourcedPredicate[]): SourcedPredicate {
  const [first, second] = predicates;
  if (first === undefined) return () => true;
  if (second === undefined) return first;
  if (predicates.length === 2) return (row, related) => first(row, related) && second(row, related);
  // A plain loop: this runs per row, and `every` with a callback costs a call per member.
  const count = predicates.length;
  return (row, related) => {
    for (let index = 0; index < count; index++)
      if (!(predicates[index] as SourcedPredicate)(row, related)) return false;
    return true;
  };
}

function some(predicates: readonly SourcedPredicate[]): SourcedPredicate {
  const [first, second] = predicates;
  if (first === undefined) return () => false;
  if (second === undefined) return first;
  if (predicates.length === 2) return (row, related) => first(row, related) || second(row, related);
  const count = predicates.length;
  return (row, related) => {
    for (let index = 0; index < count; index++)
      if ((predicates[index] as SourcedPredicate)(row, related)) return true;
    return false;
  };
}
