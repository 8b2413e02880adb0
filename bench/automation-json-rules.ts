/**
 * The json-rules-engine side of the automation bench: the same rules in its JSON form, run by one engine
 * that holds all of them. Facts are given as it runs fastest: flat values, no JSONPath, dates as
 * milliseconds for its numeric operators, the birthday's `MM-DD` and the prior values of changed fields
 * worked out beforehand (outside the timing, like the other sides' facts).
 */
import type { NestedCondition, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { Engine } from 'json-rules-engine';
import type { RuleCondition, RuleInput } from '../packages/core/src/automation/rule';
import { monthDaysAhead } from './automation-hand-written';
import type { FiredTally, PersonFact } from './automation-workload';

/** A fact as json-rules-engine reads it: one flat object of named values. */
export type FlatFact = Readonly<Record<string, unknown>>;

const day = 86_400_000;
const flatName = (field: string) => field.replace('custom.', '');
const previousName = (field: string) => `previous:${field}`;
const numeric = { gt: 'greaterThan', gte: 'greaterThanInclusive', lt: 'lessThan', lte: 'lessThanInclusive' };

function numericValue(field: string, value: unknown): unknown {
  return field === 'birthday' ? Date.parse(`${value as string}T00:00:00.000Z`) : value;
}

function leaf(condition: RuleCondition, now: Date): NestedCondition {
  if ('all' in condition) return { all: condition.all.map((child) => leaf(child, now)) };
  if ('any' in condition) return { any: condition.any.map((child) => leaf(child, now)) };
  if (!('field' in condition))
    throw new Error(`json-rules-engine has no form for ${JSON.stringify(condition)}`);
  const fact = flatName(condition.field);
  const value = 'value' in condition ? condition.value : undefined;
  switch (condition.op) {
    case 'eq':
      return { fact, operator: 'equal', value };
    case 'ne':
      return { fact, operator: 'notEqual', value };
    case 'in':
      return { fact, operator: 'in', value };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return {
        fact: condition.field === 'birthday' ? 'birthdayTime' : fact,
        operator: numeric[condition.op],
        value: numericValue(condition.field, value),
      };
    case 'hasAny':
      return { any: (value as string[]).map((tag) => ({ fact, operator: 'contains', value: tag })) };
    case 'hasNone':
      return { all: (value as string[]).map((tag) => ({ fact, operator: 'doesNotContain', value: tag })) };
    case 'inLast': {
      const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      const start = today - ((value as number) - 1) * day;
      return {
        all: [
          { fact: `${fact}Time`, operator: 'greaterThanInclusive', value: start },
          { fact: `${fact}Time`, operator: 'lessThan', value: today + day },
        ],
      };
    }
    case 'anniversaryInNext':
      return { fact: `${fact}MonthDay`, operator: 'in', value: monthDaysAhead(now, value as number) };
    case 'changed':
      return { fact: 'changedFields', operator: 'contains', value: condition.field };
    case 'changedTo':
      return {
        all: [
          { fact: 'changedFields', operator: 'contains', value: condition.field },
          { fact, operator: 'equal', value },
        ],
      };
    case 'changedFrom':
      return {
        all: [
          { fact: 'changedFields', operator: 'contains', value: condition.field },
          { fact: previousName(fact), operator: 'equal', value },
        ],
      };
    default:
      throw new Error(`json-rules-engine has no form for ${JSON.stringify(condition)}`);
  }
}

/** Rule `index` in json-rules-engine's form; its event names the rule. */
export function jsonRule(rule: RuleInput, index: number, now: Date): RuleProperties {
  const condition = rule.condition ? leaf(rule.condition, now) : { all: [] };
  const conditions: TopLevelCondition = 'all' in condition ? condition : { all: [condition] };
  return { name: rule.name, conditions, event: { type: 'fired', params: { rule: index } } };
}

/** `fact` as flat values: what a json-rules-engine user passes to `engine.run`. */
export function flatFact(fact: PersonFact): FlatFact {
  const { row, changes } = fact;
  return {
    region: row.region,
    lifecycleStage: row.lifecycle_stage,
    source: row.source,
    leadScore: row.lead_score,
    totalSpent: row.custom.totalSpent,
    orderCount: row.custom.orderCount,
    tags: row.tags,
    birthdayTime: row.birthday === null ? null : Date.parse(`${row.birthday}T00:00:00.000Z`),
    birthdayMonthDay: row.birthday?.slice(5) ?? null,
    createdAtTime: Date.parse(row.created_at),
    changedFields: Object.keys(changes),
    [previousName('region')]: changes.region?.before,
    [previousName('lifecycleStage')]: changes.lifecycleStage?.before,
  };
}

/**
 * One engine holding every rule, and the run of it over facts that adds each (fact, rule) fired to a tally.
 *
 * @example
 * ```ts
 * const run = jsonRulesEngine(rules, automationNow);
 * await run(facts.map(flatFact), tally);
 * ```
 */
export function jsonRulesEngine(
  rules: readonly RuleInput[],
  now: Date,
): (facts: readonly FlatFact[], tally: FiredTally) => Promise<void> {
  const engine = new Engine(
    rules.map((rule, index) => jsonRule(rule, index, now)),
    { allowUndefinedFacts: true },
  );
  return async (facts, tally) => {
    for (let index = 0; index < facts.length; index++) {
      const { events } = await engine.run(facts[index] as Record<string, unknown>);
      for (const event of events) tally.add(index, (event.params as { rule: number }).rule);
    }
  };
}
