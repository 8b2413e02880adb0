/*
 * The fast pure entry point for benchmarks: `compileRule(rule, { filterContext })` once, then
 * `matchesFact(compiled, fact)` per fact (a plain `{ row, changes? }` object, see `RuleFact`). Both are
 * exported from `@rapport/core`. `ruleMatchesEvent(compiled, event, fact)` adds the trigger check.
 */
import type { EntityName } from '../../entities/entity-name';
import { isRapportError, RapportError } from '../../errors/rapport-error';
import type { FilterContext } from '../../filter/filter-context';
import { resolveFilter } from '../../filter/resolve-filter';
import type { Condition } from '../../storage/condition';
import type { RowPredicate } from '../../storage/evaluate-condition';
import { compileCondition, evaluateCondition } from '../../storage/evaluate-condition';
import type { Rule, RuleCondition } from '../rule';
import type { FactPredicate } from './change-predicate';
import { changePredicate, hasChangeNode } from './change-predicate';
import { generateRuleCondition } from './generate-rule';
import type { RuleEvent, RuleFact } from './rule-fact';
import { isChangeNode } from './rule-schema';

export type { FactPredicate } from './change-predicate';

/** A rule compiled once into closures: its condition, and what its trigger listens to. */
export interface CompiledRule {
  readonly rule: Rule;
  /** The entity of the records the rule runs on; null for schedules and inbound events. */
  readonly entity: EntityName | null;
  /** True when the condition holds for the fact (always, for a rule without one). */
  readonly condition: FactPredicate;
  /** The resolved filter parts of the condition: what a caller prefetches related rows for. */
  readonly filterConditions: readonly Condition[];
}

/** What a rule compiles against: the filter context of its entity (the tenant's fields, calendar, clock). */
export interface CompileRuleOptions {
  /** Needed when the rule has a filter condition; its `entity` is the rule's. */
  readonly filterContext?: FilterContext;
}

const always: FactPredicate = () => true;

/** A resolved filter as a predicate over the fact's row: compiled once when it reads no related rows. */
function filterPredicate(condition: Condition): FactPredicate {
  let compiled: RowPredicate | undefined;
  try {
    compiled = compileCondition(condition);
  } catch (error) {
    // A condition on related records needs a source of rows, which each fact brings.
    if (!isRapportError(error, 'MISUSE')) throw error;
  }
  if (compiled !== undefined) {
    const predicate = compiled;
    return (fact) =>
      fact.relatedRows === undefined
        ? predicate(fact.row)
        : evaluateCondition(condition, fact.row, fact.relatedRows);
  }
  return (fact) => evaluateCondition(condition, fact.row, fact.relatedRows);
}

// Plain loops: these run per fact, and `every` with a callback costs a call per part.
function combine(kind: 'all' | 'any', parts: FactPredicate[]): FactPredicate {
  if (parts.length === 1) return parts[0] as FactPredicate;
  const [first, second] = parts as [FactPredicate, FactPredicate];
  if (parts.length === 2)
    return kind === 'all' ? (fact) => first(fact) && second(fact) : (fact) => first(fact) || second(fact);
  const count = parts.length;
  if (kind === 'all')
    return (fact) => {
      for (let index = 0; index < count; index++) if (!(parts[index] as FactPredicate)(fact)) return false;
      return true;
    };
  return (fact) => {
    for (let index = 0; index < count; index++) if ((parts[index] as FactPredicate)(fact)) return true;
    return false;
  };
}

/**
 * An `all` group that mixes change operators and filter parts: the change operators first (a look into the
 * change, cheap and often false), then every filter part resolved and compiled as one filter.
 */
function compileAll(
  children: RuleCondition[],
  options: CompileRuleOptions,
  resolved: Condition[],
): FactPredicate {
  const changing = children.filter(hasChangeNode);
  const plain = children.filter((child) => !hasChangeNode(child));
  const parts = changing.map((child) => compileNode(child, options, resolved));
  if (plain.length > 0)
    parts.push(
      compileNode((plain.length === 1 ? plain[0] : { all: plain }) as RuleCondition, options, resolved),
    );
  return combine('all', parts);
}

function compileNode(node: RuleCondition, options: CompileRuleOptions, resolved: Condition[]): FactPredicate {
  if (isChangeNode(node)) return changePredicate(node);
  if (!hasChangeNode(node)) {
    // A part without change operators is plain filter language: one resolution, one compiled predicate.
    const context = options.filterContext;
    if (context === undefined)
      throw new RapportError('MISUSE', 'compileRule: a filter condition needs options.filterContext');
    const condition = resolveFilter(node, context);
    resolved.push(condition);
    return filterPredicate(condition);
  }
  const group = node as { all?: RuleCondition[]; any?: RuleCondition[]; not?: RuleCondition };
  if (group.all !== undefined) return compileAll(group.all, options, resolved);
  if (group.any !== undefined)
    return combine(
      'any',
      group.any.map((child) => compileNode(child, options, resolved)),
    );
  const inner = compileNode(group.not as RuleCondition, options, resolved);
  return (fact) => !inner(fact);
}

/** The entity of the records a rule's trigger starts it on, when the trigger names it. */
export function triggerEntity(rule: Pick<Rule, 'trigger'>): EntityName | null {
  const { trigger } = rule;
  if ('entity' in trigger) return trigger.entity;
  return trigger.kind === 'dealStageChanged' ? 'deal' : null;
}

/**
 * Compiles a rule once: its condition into closures (filter parts resolved by the filter language and
 * compiled to row predicates, change operators over the change's before and after), so that evaluating
 * it per event costs a few function calls. Throws INVALID_FILTER as resolution does.
 *
 * @example
 * ```ts
 * const compiled = compileRule(rule, { filterContext: { entity: 'person', now: new Date(), timeZone: 'Europe/Paris' } });
 * matchesFact(compiled, { row, changes: { lifecycleStage: { before: 'lead', after: 'customer' } } });
 * ```
 */
export function compileRule(rule: Rule, options: CompileRuleOptions = {}): CompiledRule {
  const context = options.filterContext;
  const entity = context?.entity ?? triggerEntity(rule);
  const filterConditions: Condition[] = [];
  if (rule.condition === null) return { rule, entity, condition: always, filterConditions };
  // The closures check the condition and serve where generated code cannot; the generated function runs it.
  const closures = compileNode(rule.condition, options, filterConditions);
  const condition = generateRuleCondition(rule.condition, context) ?? closures;
  return { rule, entity, condition, filterConditions };
}

/**
 * Whether a compiled rule's condition holds for a fact: the fast, pure evaluation (no I/O, no clock).
 *
 * @example
 * ```ts
 * const fired = rules.filter((compiled) => matchesFact(compiled, { row }));
 * ```
 */
export function matchesFact(compiled: CompiledRule, fact: RuleFact): boolean {
  return compiled.condition(fact);
}

const recordEventKinds = new Set(['recordCreated', 'recordUpdated', 'recordDeleted']);

/** Why a trigger does or does not listen to an event, in words, or undefined when it does. */
export function triggerMismatch(rule: Rule, event: RuleEvent, fact?: RuleFact): string | undefined {
  const { trigger } = rule;
  if (trigger.kind === 'dealStageChanged') {
    if (event.kind !== 'recordUpdated' || event.entity !== 'deal') return 'Not a change of a deal';
    if (!event.changedFields.includes('stageId')) return "The deal's stage did not change";
    const row = fact?.row;
    if (trigger.pipelineId !== undefined && row?.pipeline_id !== trigger.pipelineId)
      return `The deal is not in pipeline ${trigger.pipelineId}`;
    if (trigger.stageIds !== undefined && !trigger.stageIds.includes(row?.stage_id as string))
      return `The deal did not move into ${trigger.stageIds.join(', ')}`;
    return undefined;
  }
  if (event.kind !== trigger.kind) return `The rule starts on ${trigger.kind}, not on ${event.kind}`;
  if (recordEventKinds.has(event.kind)) {
    const recordEvent = event as Extract<RuleEvent, { changedFields: readonly string[] }>;
    if (recordEvent.entity !== (trigger as { entity: EntityName }).entity)
      return `The rule starts on ${(trigger as { entity: string }).entity} records, not ${recordEvent.entity}`;
    const fields = trigger.kind === 'recordUpdated' ? trigger.fields : undefined;
    if (fields !== undefined && !fields.some((field) => recordEvent.changedFields.includes(field)))
      return `None of ${fields.join(', ')} changed`;
    return undefined;
  }
  if (trigger.kind === 'segmentEntered' || trigger.kind === 'segmentLeft')
    return (event as { segmentId: string }).segmentId === trigger.segmentId
      ? undefined
      : `Another segment than ${trigger.segmentId}`;
  if (trigger.kind === 'inbound') {
    const inbound = event as Extract<RuleEvent, { kind: 'inbound' }>;
    if (inbound.channel !== trigger.channel) return `The rule listens to channel ${trigger.channel}`;
    if (trigger.type !== undefined && inbound.type !== trigger.type)
      return `The rule listens to type ${trigger.type}`;
    return undefined;
  }
  if (trigger.kind === 'manual' && (event as { entity?: string }).entity !== trigger.entity)
    return `The rule starts on ${trigger.entity} records`;
  return undefined;
}

/**
 * Whether an event starts a compiled rule and its condition holds for the fact: active, the trigger
 * listens to the event, the condition is met.
 *
 * @example
 * ```ts
 * if (ruleMatchesEvent(compiled, { kind: 'recordCreated', entity: 'person', changedFields }, { row, changes })) enqueue();
 * ```
 */
export function ruleMatchesEvent(compiled: CompiledRule, event: RuleEvent, fact: RuleFact): boolean {
  return (
    compiled.rule.active &&
    compiled.rule.archivedAt === null &&
    triggerMismatch(compiled.rule, event, fact) === undefined &&
    compiled.condition(fact)
  );
}
