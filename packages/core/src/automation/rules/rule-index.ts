import type { Rule } from '../rule';
import type { CompiledRule } from './compile-rule';
import type { RuleEvent } from './rule-fact';

const anyField = '';

/** What the index holds: a rule, and whatever its user keeps with it (its compiled condition, ...). */
export interface IndexedRule {
  readonly rule: Rule;
}

/**
 * Rules (compiled, or as stored) indexed by trigger kind, entity and, for `recordUpdated`, the fields they listen to, so
 * that an event only meets the rules that can care about it: a change of a person's phone never meets a
 * rule on deals, nor one listening to a person's `lifecycleStage`. Inactive and archived rules are left
 * out when added.
 *
 * @example
 * ```ts
 * const index = new RuleIndex(rules.map((rule) => compileRule(rule, options)));
 * for (const compiled of index.candidates({ kind: 'recordUpdated', entity: 'person', changedFields: ['region'] })) ...
 * ```
 */
export class RuleIndex<T extends IndexedRule = CompiledRule> {
  // kind -> key (entity, segment id, channel) -> field ('' for any) -> rules
  readonly #byKind = new Map<string, Map<string, Map<string, T[]>>>();
  #size = 0;

  constructor(rules: Iterable<T> = []) {
    for (const compiled of rules) this.add(compiled);
  }

  /** How many rules the index holds. */
  get size(): number {
    return this.#size;
  }

  /** Adds a rule (skipped when inactive or archived). */
  add(compiled: T): void {
    const { rule } = compiled;
    if (!rule.active || rule.archivedAt !== null) return;
    const { trigger } = rule;
    const fields =
      trigger.kind === 'recordUpdated' && trigger.fields !== undefined
        ? trigger.fields
        : trigger.kind === 'dealStageChanged'
          ? ['stageId']
          : [anyField];
    const kind = trigger.kind === 'dealStageChanged' ? 'recordUpdated' : trigger.kind;
    for (const field of fields) this.#bucket(kind, keyOfTrigger(compiled), field).push(compiled);
    this.#size += 1;
  }

  /**
   * The rules an event can start, each once: those of its kind and key, and for a record update those
   * listening to any field plus those listening to one of the changed fields. A deal's stage change also
   * meets the `dealStageChanged` rules. The trigger's finer points and the condition are left to check.
   */
  candidates(event: RuleEvent): T[] {
    const byKey = this.#byKind.get(event.kind);
    const byField = byKey?.get(keyOfEvent(event));
    if (byField === undefined) return [];
    const any = byField.get(anyField) ?? [];
    if (event.kind !== 'recordUpdated') return [...any];
    const found = new Set(any);
    for (const field of event.changedFields)
      for (const compiled of byField.get(field) ?? []) found.add(compiled);
    return [...found];
  }

  #bucket(kind: string, key: string, field: string): T[] {
    const byKey = this.#byKind.get(kind) ?? new Map<string, Map<string, T[]>>();
    this.#byKind.set(kind, byKey);
    const byField = byKey.get(key) ?? new Map<string, T[]>();
    byKey.set(key, byField);
    const rules = byField.get(field) ?? [];
    byField.set(field, rules);
    return rules;
  }
}

function keyOfTrigger(compiled: IndexedRule): string {
  const { trigger } = compiled.rule;
  if (trigger.kind === 'segmentEntered' || trigger.kind === 'segmentLeft') return trigger.segmentId;
  if (trigger.kind === 'inbound') return trigger.channel;
  if (trigger.kind === 'dealStageChanged') return 'deal';
  return 'entity' in trigger ? trigger.entity : '';
}

function keyOfEvent(event: RuleEvent): string {
  if (event.kind === 'segmentEntered' || event.kind === 'segmentLeft') return event.segmentId;
  if (event.kind === 'inbound') return event.channel;
  return 'entity' in event ? (event.entity ?? '') : '';
}
