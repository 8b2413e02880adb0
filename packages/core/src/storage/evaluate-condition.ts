import { compileCompare, compileIn, compileText } from './compile-comparison';
import { compileEmpty, compileHas, compileNull } from './compile-presence';
import type { Condition } from './condition';
import { invalidFilter } from './invalid-filter';
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
 * exactly (null handling, case folding, code-point text order, empty lists). This is the reference the SQL
 * adapters are held to. A condition the contract does not allow (`lt` on a boolean, `has` on text, a value
 * of the wrong type) throws `INVALID_FILTER` here, before any row is read.
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
 * ```
 */
export function compileCondition(condition: Condition): RowPredicate {
  switch (condition?.kind) {
    case 'and':
      return every(condition.conditions.map(compileCondition));
    case 'or':
      return some(condition.conditions.map(compileCondition));
    case 'not': {
      const inner = compileCondition(condition.condition);
      return (row) => !inner(row);
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
    default:
      throw invalidFilter(`Unknown condition kind '${String((condition as { kind?: unknown })?.kind)}'.`, {
        condition,
      });
  }
}

// Conditions are immutable values, so a compiled predicate can be reused for the same object: hot paths
// that evaluate one rule or view filter against many single records compile it once.
const compiled = new WeakMap<Condition, RowPredicate>();

/**
 * Evaluates a condition against one row. Compiles the condition on first use and caches the predicate by
 * object identity, so calling it repeatedly with the same condition costs one lookup; do not mutate a
 * condition after evaluating it.
 *
 * @example
 * ```ts
 * evaluateCondition({ kind: 'null', field: { operand: { kind: 'column', column: 'email' }, type: 'text' }, negate: false }, row);
 * ```
 */
export function evaluateCondition(condition: Condition, row: Row): boolean {
  let predicate = compiled.get(condition);
  if (predicate === undefined) {
    predicate = compileCondition(condition);
    compiled.set(condition, predicate);
  }
  return predicate(row);
}

function every(predicates: readonly RowPredicate[]): RowPredicate {
  const [first, second] = predicates;
  if (first === undefined) return () => true;
  if (second === undefined) return first;
  if (predicates.length === 2) return (row) => first(row) && second(row);
  return (row) => predicates.every((predicate) => predicate(row));
}

function some(predicates: readonly RowPredicate[]): RowPredicate {
  const [first, second] = predicates;
  if (first === undefined) return () => false;
  if (second === undefined) return first;
  if (predicates.length === 2) return (row) => first(row) || second(row);
  return (row) => predicates.some((predicate) => predicate(row));
}
