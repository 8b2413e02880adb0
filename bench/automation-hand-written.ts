/**
 * The hand-written side of the automation bench: for each rule, the function a developer would type for
 * it — one `&&` of plain comparisons on the fact, bounds and month-days worked out once beforehand. The
 * source is produced from the same `RuleInput` so that the two sides cannot drift apart, then made a
 * function once; what runs is that plain code, as if it were typed into a file.
 */
import type { RuleCondition, RuleInput } from '../packages/core/src/automation/rule';
import type { PersonFact } from './automation-workload';
import { personColumns } from './automation-workload';

/** A rule's test, as the bench calls every side's. */
export type FactTest = (fact: PersonFact) => boolean;

const day = 86_400_000;
const literal = (value: unknown) => JSON.stringify(value);

/** The first day of the window `inLast days days` in UTC, and the day after today. */
function lastDaysWindow(now: Date, days: number): { start: string; end: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    start: new Date(today - (days - 1) * day).toISOString(),
    end: new Date(today + day).toISOString(),
  };
}

/** The `MM-DD` of today and the next `days - 1` days, in UTC. */
export function monthDaysAhead(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, offset) =>
    new Date(today + offset * day).toISOString().slice(5, 10),
  );
}

/** The column (or `custom.<key>`) a field is read from. */
function columnOf(field: string): string {
  if (field.startsWith('custom.')) return field;
  const column = personColumns[field];
  if (column === undefined) throw new Error(`the hand-written side does not know the field ${field}`);
  return column;
}

/** The leaves the generator makes, read as a developer would: `p` is the row, `fact` the whole fact. */
function source(condition: RuleCondition, now: Date, constants: unknown[]): string {
  if ('all' in condition) return condition.all.map((child) => source(child, now, constants)).join(' && ');
  if ('any' in condition)
    return `(${condition.any.map((child) => source(child, now, constants)).join(' || ')})`;
  if (!('field' in condition)) throw new Error(`the hand-written side has no form for ${literal(condition)}`);
  const { field } = condition;
  const read = `p.${columnOf(field)}`;
  const change = `fact.changes.${field}`;
  const value = 'value' in condition ? condition.value : undefined;
  switch (condition.op) {
    case 'eq':
      return `${read} === ${literal(value)}`;
    case 'ne':
      return `${read} !== ${literal(value)}`;
    case 'in':
      return `(${(value as unknown[]).map((item) => `${read} === ${literal(item)}`).join(' || ')})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[condition.op];
      return `${read} !== null && ${read} ${symbol} ${literal(value)}`;
    }
    case 'hasAny':
      return `(${(value as string[]).map((tag) => `${read}.includes(${literal(tag)})`).join(' || ')})`;
    case 'hasNone':
      return (value as string[]).map((tag) => `!${read}.includes(${literal(tag)})`).join(' && ');
    case 'inLast': {
      const { start, end } = lastDaysWindow(now, value as number);
      return `${read} >= ${literal(start)} && ${read} < ${literal(end)}`;
    }
    case 'anniversaryInNext':
      constants.push(new Set(monthDaysAhead(now, value as number)));
      return `${read} !== null && constants[${constants.length - 1}].has(${read}.slice(5))`;
    case 'changed':
      return `${change} !== undefined`;
    case 'changedTo':
      return `${change} !== undefined && ${change}.after === ${literal(value)}`;
    case 'changedFrom':
      return `${change} !== undefined && ${change}.before === ${literal(value)}`;
    default:
      throw new Error(`the hand-written side has no form for ${literal(condition)}`);
  }
}

/**
 * `rule` as hand-written code: its source made a function once.
 *
 * @example
 * ```ts
 * const test = handWrittenRule(rules[0], automationNow);
 * test(facts[0]); // true when rule 0 fires for fact 0
 * ```
 */
export function handWrittenRule(rule: RuleInput, now: Date): FactTest {
  const constants: unknown[] = [];
  const body = rule.condition ? source(rule.condition, now, constants) : 'true';
  // A function made from source text runs as the same code typed into a file would, with the
  // precomputed sets passed in as `constants`.
  const make = new Function('constants', `return (fact) => {\n  const p = fact.row;\n  return ${body};\n};`);
  return make(constants) as FactTest;
}
