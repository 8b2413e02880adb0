import type { Rule } from '../rule';

/**
 * The audit reason of every write an automation makes: it names the rule, so the audit trail says which
 * rule changed a record.
 *
 * @example
 * ```ts
 * automationReason({ id: 'r1', name: 'Welcome' }); // 'automation rule "Welcome" (r1)'
 * ```
 */
export function automationReason(rule: Pick<Rule, 'id' | 'name'>): string {
  return `automation rule "${rule.name}" (${rule.id})`;
}
