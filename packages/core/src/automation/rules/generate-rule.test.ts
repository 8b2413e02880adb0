import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FilterContext } from '../../filter/filter-context';
import type { RuleCondition } from '../rule';
import { changePredicate } from './change-predicate';
import { generateRuleCondition } from './generate-rule';
import type { RuleFact } from './rule-fact';

const filterContext: FilterContext = {
  entity: 'person',
  now: new Date('2025-01-15T09:30:00Z'),
  timeZone: 'Europe/Paris',
};
const regions = ['North', 'South', null];
const stages = ['lead', 'customer'];

const leaf: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.constantFrom<RuleCondition>(
    { field: 'region', op: 'eq', value: 'North' },
    { field: 'region', op: 'in', value: ['North', 'South'] },
    { field: 'leadScore', op: 'gte', value: 50 },
    { field: 'tags', op: 'hasAny', value: ['vip', 'b2b'] },
    { field: 'birthday', op: 'anniversaryInNext', value: 30 },
    { field: 'region', op: 'changed' },
    { field: 'lifecycleStage', op: 'changed' },
  ),
  fc.record({
    field: fc.constant('lifecycleStage'),
    op: fc.constantFrom('changedTo', 'changedFrom'),
    value: fc.constantFrom(...stages, null),
  }) as fc.Arbitrary<RuleCondition>,
  fc.record({
    field: fc.constant('tags'),
    op: fc.constant('changedTo'),
    value: fc.constant(['vip']),
  }) as fc.Arbitrary<RuleCondition>,
);

const condition: fc.Arbitrary<RuleCondition> = fc.letrec<{ node: RuleCondition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }) as fc.Arbitrary<RuleCondition>,
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }) as fc.Arbitrary<RuleCondition>,
    fc.record({ not: tie('node') }) as fc.Arbitrary<RuleCondition>,
  ),
})).node;

const fact: fc.Arbitrary<RuleFact> = fc.record({
  row: fc.record({
    region: fc.constantFrom(...regions),
    lifecycle_stage: fc.constantFrom(...stages),
    lead_score: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 })),
    tags: fc.subarray(['vip', 'b2b', 'newsletter']),
    birthday: fc.constantFrom(null, '1990-01-20', '1985-06-01'),
  }),
  changes: fc.option(
    fc.dictionary(
      fc.constantFrom('region', 'lifecycleStage', 'tags'),
      fc.record({
        before: fc.constantFrom(...stages, null, ['vip']),
        after: fc.constantFrom(...stages, null, ['vip']),
      }),
    ),
    { nil: undefined },
  ),
}) as fc.Arbitrary<RuleFact>;

/** The closures alone, as `compileRule` built them before any source was generated. */
function closures(node: RuleCondition): (fact: RuleFact) => boolean {
  if ('op' in node && ['changed', 'changedFrom', 'changedTo'].includes(node.op))
    return changePredicate(node as Parameters<typeof changePredicate>[0]);
  if ('all' in node) {
    const parts = node.all.map(closures);
    return (fact) => parts.every((part) => part(fact));
  }
  if ('any' in node) {
    const parts = node.any.map(closures);
    return (fact) => parts.some((part) => part(fact));
  }
  if ('not' in node) {
    const inner = closures(node.not);
    return (fact) => !inner(fact);
  }
  const generated = generateRuleCondition(node, filterContext);
  if (generated === undefined) throw new Error('a plain filter part generates');
  return generated;
}

describe('generateRuleCondition', () => {
  it('agrees with the change closures and the filter predicates on every fact', () => {
    fc.assert(
      fc.property(condition, fc.array(fact, { minLength: 1, maxLength: 20 }), (node, facts) => {
        const generated = generateRuleCondition(node, filterContext);
        const reference = closures(node);
        expect(facts.map((each) => generated?.(each))).toEqual(facts.map(reference));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a condition on related records to the closures', () => {
    const related: RuleCondition = { field: 'company.region', op: 'eq', value: 'North' };
    expect(generateRuleCondition(related, filterContext)).toBeUndefined();
  });
});
