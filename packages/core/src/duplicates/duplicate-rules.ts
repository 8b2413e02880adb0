import * as z from 'zod';
import type { RapportIssue } from '../errors/rapport-error';
import { validationError } from '../errors/rapport-error';
import type { DuplicateEntity } from './match-profile';
import { duplicateEntities } from './match-profile';

/** What a rule compares: exact on a normalised value, or `name`, fuzzy with a threshold. */
export type MatchOn = 'email' | 'phone' | 'domain' | 'name';

/** What a create that matches the rule gets: let through with a warning, or refused with DUPLICATE. */
export type RuleAction = 'warn' | 'block';

/**
 * One matching rule of a tenant.
 *
 * @example
 * ```ts
 * const rule: DuplicateRule = { key: 'person-name', entity: 'person', on: 'name', threshold: 0.92, action: 'warn' };
 * ```
 */
export interface DuplicateRule {
  /** Names the rule in errors, warnings, scan results and merges; unique within the tenant. */
  readonly key: string;
  readonly entity: DuplicateEntity;
  /**
   * `email` (any of a person's addresses, lower-cased), `phone` (any of a person's numbers, E.164),
   * `domain` (a company's), exact; `name` (a person's full name, a company's name without legal forms),
   * fuzzy.
   */
  readonly on: MatchOn;
  /** For `name`: the least Jaro-Winkler similarity of the folded names that matches, from 0.5 to 1. */
  readonly threshold: number | null;
  readonly action: RuleAction;
}

/** A tenant's rules, as stored: version 0 means the built-in {@link defaultDuplicateRules}. */
export interface DuplicateRules {
  readonly version: number;
  readonly rules: readonly DuplicateRule[];
  readonly updatedAt: string | null;
}

/** What `duplicates.configure` takes: a rule's threshold is optional (0.9 for names). */
export interface DuplicateRuleInput {
  readonly key: string;
  readonly entity: DuplicateEntity;
  readonly on: MatchOn;
  readonly threshold?: number | null;
  readonly action: RuleAction;
}

/**
 * The rules every tenant starts with: an email address or a company domain already held blocks a create;
 * a shared phone number (a switchboard, a household) or a similar name only warns.
 */
export const defaultDuplicateRules: readonly DuplicateRule[] = [
  { key: 'person-email', entity: 'person', on: 'email', threshold: null, action: 'block' },
  { key: 'person-phone', entity: 'person', on: 'phone', threshold: null, action: 'warn' },
  { key: 'person-name', entity: 'person', on: 'name', threshold: 0.92, action: 'warn' },
  { key: 'company-domain', entity: 'company', on: 'domain', threshold: null, action: 'block' },
  { key: 'company-name', entity: 'company', on: 'name', threshold: 0.92, action: 'warn' },
];

/** The default threshold of a name rule. */
export const defaultThreshold = 0.9;

const matchesOf: Record<DuplicateEntity, readonly MatchOn[]> = {
  person: ['email', 'phone', 'name'],
  company: ['domain', 'name'],
};

const ruleSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A key is lower-case letters, digits and dashes'),
  entity: z.enum(duplicateEntities),
  on: z.enum(['email', 'phone', 'domain', 'name']),
  threshold: z.number().min(0.5).max(1).nullish(),
  action: z.enum(['warn', 'block']),
});

const rulesSchema = z.array(ruleSchema).max(50);

/**
 * Checks rules given to `configure`: shape, keys unique, each `on` allowed for its entity (`email` and
 * `phone` for people, `domain` for companies, `name` for both), a threshold only on name rules. Throws
 * VALIDATION_FAILED with every issue at its path (`[1, 'on']`).
 *
 * @example
 * ```ts
 * checkRules([{ key: 'person-email', entity: 'person', on: 'email', action: 'block' }]);
 * ```
 */
export function checkRules(input: unknown): DuplicateRule[] {
  const parsed = rulesSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((issue) => ({
        code: issue.code,
        path: issue.path.map((step) => (typeof step === 'symbol' ? String(step) : step)),
        message: issue.message,
      })),
    );
  }
  const issues: RapportIssue[] = [];
  const seen = new Set<string>();
  const rules = parsed.data.map((rule, index): DuplicateRule => {
    if (seen.has(rule.key))
      issues.push({ code: 'duplicate', path: [index, 'key'], message: 'Another rule has this key' });
    seen.add(rule.key);
    if (!matchesOf[rule.entity].includes(rule.on)) {
      issues.push({
        code: 'invalid_value',
        path: [index, 'on'],
        message: `A ${rule.entity} rule matches on ${matchesOf[rule.entity].join(', ')}`,
      });
    }
    const isName = rule.on === 'name';
    if (!isName && rule.threshold != null)
      issues.push({
        code: 'invalid_value',
        path: [index, 'threshold'],
        message: 'Only name rules have a threshold',
      });
    return {
      key: rule.key,
      entity: rule.entity,
      on: rule.on,
      threshold: isName ? (rule.threshold ?? defaultThreshold) : null,
      action: rule.action,
    };
  });
  if (issues.length > 0) throw validationError(issues);
  return rules;
}
