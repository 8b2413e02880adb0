/**
 * Rapport's side of the automation bench: each `RuleInput` checked by core's rule schema, stored as a
 * `Rule` would be, compiled once by `compileRule` against the tenant's filter context (custom fields
 * `totalSpent` and `orderCount`, the bench's clock, UTC), and run per fact through `matchesFact`.
 */
import type { Rule, RuleInput } from '../packages/core/src/automation/rule';
import { compileRule, matchesFact } from '../packages/core/src/automation/rules/compile-rule';
import { ruleInputSchema } from '../packages/core/src/automation/rules/rule-schema';
import type { CustomFieldDefinition } from '../packages/core/src/custom-fields/custom-field-definition';
import type { FilterContext } from '../packages/core/src/filter/filter-context';
import type { FactTest } from './automation-hand-written';
import { automationTimeZone } from './automation-workload';

/** A number custom field of people, as the tenant's definitions hold it. */
function numberField(key: string, position: number, now: Date): CustomFieldDefinition {
  return {
    id: `field-${key}`,
    version: 1,
    entity: 'person',
    key,
    label: key,
    description: null,
    type: 'number',
    required: false,
    unique: false,
    indexed: false,
    defaultValue: null,
    min: null,
    max: null,
    pattern: null,
    options: [],
    relationEntity: null,
    scale: null,
    position,
    archivedAt: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The filter context the rules compile against: people, their two custom fields, the clock, UTC. */
export function automationFilterContext(now: Date): FilterContext {
  return {
    entity: 'person',
    now,
    timeZone: automationTimeZone,
    customFields: { person: [numberField('totalSpent', 0, now), numberField('orderCount', 1, now)] },
  };
}

/** `input` checked by the rule schema and completed as a stored rule is. */
function storedRule(input: RuleInput, index: number, now: Date): Rule {
  const parsed = ruleInputSchema.parse(input);
  return {
    ...parsed,
    id: `rule-${index}`,
    condition: parsed.condition ?? null,
    reenroll: parsed.reenroll ?? false,
    active: parsed.active ?? true,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    archivedAt: null,
  };
}

/**
 * The rules compiled once by Rapport, each as a test of one fact.
 *
 * @example
 * ```ts
 * const tests = compiledRules(generateRules(50, 7), automationNow);
 * tests[0](facts[0]); // true when rule 0 fires for fact 0
 * ```
 */
export function compiledRules(rules: readonly RuleInput[], now: Date): FactTest[] {
  const filterContext = automationFilterContext(now);
  return rules.map((input, index) => {
    const compiled = compileRule(storedRule(input, index, now), { filterContext });
    return (fact) => matchesFact(compiled, fact);
  });
}
