/**
 * Rule conditions in memory: 50 seeded rules of 3 to 5 conditions over person facts (after an update, with
 * the person before it and the changed fields), run three ways in the same run — Rapport's compiled rules,
 * json-rules-engine, and the functions a developer would write by hand for the same rules. Every side must
 * report the same (fact, rule) pairs, checked over all facts, before any side is timed.
 */
import { compiledRules } from './automation-compiled';
import type { FactTest } from './automation-hand-written';
import { handWrittenRule } from './automation-hand-written';
import { flatFact, jsonRulesEngine } from './automation-json-rules';
import type { PersonFact } from './automation-workload';
import { automationNow, FiredTally, generateFacts, generateRules } from './automation-workload';
import type { Measurement } from './measure';

/** Sizes of one automation run. */
export interface AutomationBenchSizes {
  readonly rules: number;
  readonly facts: number;
  /**
   * Facts json-rules-engine is timed over (the first ones): it runs all facts for the checksum, but at
   * about a hundredth of the others' speed a second full pass would take minutes.
   */
  readonly jsonRulesFacts: number;
  /** Timed passes of the closure sides, alternating; the best of each counts. */
  readonly passes: number;
}

/** Every (fact, rule) for which the rule's test holds, added to `tally`. */
function runTests(tests: readonly FactTest[], facts: readonly PersonFact[], tally: FiredTally): void {
  for (let fact = 0; fact < facts.length; fact++) {
    const current = facts[fact] as PersonFact;
    for (let rule = 0; rule < tests.length; rule++)
      if ((tests[rule] as FactTest)(current)) tally.add(fact, rule);
  }
}

function secondsOf(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function sameFired(sides: Readonly<Record<string, FiredTally>>, facts: number): void {
  const checksums = Object.entries(sides).map(([side, tally]) => `${side} ${tally.checksum}`);
  const fired = Object.values(sides).map((tally) => tally.checksum);
  if (new Set(fired).size !== 1)
    throw new Error(
      `automation: the sides fired different rules over ${facts} facts: ${checksums.join(', ')}`,
    );
  const [first] = Object.values(sides);
  if (!first || first.fired === 0) throw new Error('automation: no rule fired for any fact');
}

/**
 * Measures facts per second through `sizes.rules` rules on Rapport's compiled rules, against
 * json-rules-engine and against hand-written functions, after checking that all three fire the same rules
 * for the same facts.
 */
export async function automationBench(sizes: AutomationBenchSizes): Promise<Measurement[]> {
  const rules = generateRules(sizes.rules, 7);
  const facts = generateFacts(sizes.facts, 11);
  const compiled = compiledRules(rules, automationNow);
  const handWritten = rules.map((rule) => handWrittenRule(rule, automationNow));
  const runJson = jsonRulesEngine(rules, automationNow);
  const flatFacts = facts.map(flatFact);

  const checks = { compiled: new FiredTally(), handWritten: new FiredTally(), jsonRules: new FiredTally() };
  runTests(compiled, facts, checks.compiled);
  runTests(handWritten, facts, checks.handWritten);
  await runJson(flatFacts, checks.jsonRules);
  sameFired(checks, sizes.facts);

  const compiledSeconds: number[] = [];
  const handWrittenSeconds: number[] = [];
  for (let pass = 0; pass < sizes.passes; pass++) {
    handWrittenSeconds.push(secondsOf(() => runTests(handWritten, facts, new FiredTally())));
    compiledSeconds.push(secondsOf(() => runTests(compiled, facts, new FiredTally())));
  }
  const jsonFacts = flatFacts.slice(0, sizes.jsonRulesFacts);
  const jsonStarted = process.hrtime.bigint();
  await runJson(jsonFacts, new FiredTally());
  const jsonSeconds = Number(process.hrtime.bigint() - jsonStarted) / 1e9;

  const compiledRate = sizes.facts / Math.min(...compiledSeconds);
  const what = `${sizes.rules} rules of 3 to 5 conditions (fields, numbers, dates, tags, a change) over ${sizes.facts.toLocaleString('en-US')} person facts in memory, Rapport's compiled rules`;
  const fired = `${checks.compiled.fired.toLocaleString('en-US')} (fact, rule) pairs fired, the same on every side`;
  return [
    {
      engine: 'memory',
      name: `automation.rules.${sizes.rules}.json-rules-engine`,
      description: `${what} vs json-rules-engine (timed over the first ${jsonFacts.length.toLocaleString('en-US')} facts, one pass), in facts per second; ${fired}`,
      sdk: compiledRate,
      raw: jsonFacts.length / jsonSeconds,
      target: 100,
    },
    {
      engine: 'memory',
      name: `automation.rules.${sizes.rules}.hand-written`,
      description: `${what} vs hand-written functions for the same rules, in facts per second, best of ${sizes.passes} alternating passes; ${fired}`,
      sdk: compiledRate,
      raw: sizes.facts / Math.min(...handWrittenSeconds),
      target: 0.5,
    },
  ];
}
