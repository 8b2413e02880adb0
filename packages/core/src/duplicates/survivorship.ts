import * as z from 'zod';
import type { EntityDef } from '../entities/define-entity';
import type { RapportIssue } from '../errors/rapport-error';
import { validationError } from '../errors/rapport-error';
import { jsonEqual } from '../records/diff';

/** A rule that picks a field's value from the merged records. */
export type PickRule = 'winner' | 'nonEmpty' | 'mostRecent' | 'mostComplete';

/**
 * How one field of the merged record is chosen:
 * - `winner`: the winner's value, even when empty;
 * - `nonEmpty`: the winner's value, or else the first non-empty one among the losers, in the order given;
 * - `mostRecent`: the non-empty value of the most recently updated record;
 * - `mostComplete`: the non-empty value of the record with the most fields filled in;
 * - `union` (`emails`, `phones`, `tags`): the winner's entries, then each loser's that the winner lacks;
 * - `{ from: id }`: the value of that record (the winner or a loser);
 * - `{ value }`: this value.
 */
export type FieldRule = PickRule | 'union' | { readonly from: string } | { readonly value: unknown };

/**
 * The survivorship of a merge: a rule per field (`custom.<key>` for custom fields), and the rule of every
 * other field (`nonEmpty` unless given; lists default to `union`).
 *
 * @example
 * ```ts
 * const survivorship: Survivorship = { default: 'mostRecent', fields: { title: { from: loserId }, region: { value: 'North' } } };
 * ```
 */
export interface Survivorship {
  readonly default?: PickRule;
  readonly fields?: Readonly<Record<string, FieldRule>>;
}

const pickRules = ['winner', 'nonEmpty', 'mostRecent', 'mostComplete'] as const;
const listFields = new Set(['emails', 'phones', 'tags']);

const fieldRuleSchema = z.union([
  z.enum([...pickRules, 'union']),
  z.strictObject({ from: z.string().min(1) }),
  z.strictObject({ value: z.unknown() }),
]);

const survivorshipSchema = z
  .strictObject({
    default: z.enum(pickRules).optional(),
    fields: z.record(z.string(), fieldRuleSchema).optional(),
  })
  .optional();

/** The input fields a merge chooses values for (not `custom`, whose keys are chosen one by one). */
export function mergeableFields(entity: EntityDef): string[] {
  return Object.keys(entity.input).filter((name) => name !== 'custom' && name !== 'id');
}

/**
 * Checks a survivorship: its shape, that each field names a mergeable field or `custom.<key>`, that
 * `union` is only used on lists and `from` only names a merged record. Throws VALIDATION_FAILED at
 * `['survivorship', ...]`.
 *
 * @example
 * ```ts
 * checkSurvivorship(personEntity, { fields: { title: 'mostRecent' } }, [winnerId, loserId]);
 * ```
 */
export function checkSurvivorship(
  entity: EntityDef,
  input: unknown,
  recordIds: readonly string[],
): Survivorship {
  const parsed = survivorshipSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError(
      parsed.error.issues.map((issue) => ({
        code: issue.code,
        path: ['survivorship', ...issue.path.map((step) => (typeof step === 'symbol' ? String(step) : step))],
        message: issue.message,
      })),
    );
  }
  const survivorship = parsed.data ?? {};
  const fields = new Set(mergeableFields(entity));
  const issues: RapportIssue[] = [];
  for (const [name, rule] of Object.entries(survivorship.fields ?? {})) {
    const path = ['survivorship', 'fields', name];
    const isCustom = entity.extensible && /^custom\.[A-Za-z][A-Za-z0-9_]*$/.test(name);
    if (!fields.has(name) && !isCustom)
      issues.push({ code: 'unknown_field', path, message: `${entity.name} has no field ${name} to merge` });
    if (rule === 'union' && !listFields.has(name))
      issues.push({ code: 'invalid_value', path, message: 'Only emails, phones and tags take union' });
    if (typeof rule === 'object' && 'from' in rule && !recordIds.includes(rule.from))
      issues.push({
        code: 'invalid_value',
        path: [...path, 'from'],
        message: 'Not one of the merged records',
      });
  }
  if (issues.length > 0) throw validationError(issues);
  return survivorship as Survivorship;
}

type RecordValues = Readonly<Record<string, unknown>>;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function fieldValue(record: RecordValues, name: string): unknown {
  if (!name.startsWith('custom.')) return record[name] ?? null;
  const custom = (record.custom ?? {}) as Record<string, unknown>;
  const key = name.slice('custom.'.length);
  return Object.hasOwn(custom, key) ? (custom[key] ?? null) : null;
}

/** How many mergeable fields (and custom values) a record has filled in. */
function completeness(entity: EntityDef, record: RecordValues): number {
  const filled = mergeableFields(entity).filter((name) => !isEmpty(record[name])).length;
  const custom = Object.values((record.custom ?? {}) as Record<string, unknown>).filter((v) => !isEmpty(v));
  return filled + custom.length;
}

/** The identity of a list entry: an email's address, a phone's number, a tag itself. */
function entryKey(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const value = entry as { address?: string; number?: string };
  return String(value.address ?? value.number ?? JSON.stringify(entry)).toLowerCase();
}

function union(records: readonly RecordValues[], name: string): unknown[] {
  const seen = new Set<string>();
  const merged: unknown[] = [];
  records.forEach((record, index) => {
    for (const entry of (record[name] ?? []) as unknown[]) {
      const key = entryKey(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      // Only the winner's entries keep their primary mark: a merged list has one primary.
      merged.push(index > 0 && typeof entry === 'object' ? { ...(entry as object), primary: false } : entry);
    }
  });
  return merged;
}

function pick(entity: EntityDef, records: readonly RecordValues[], name: string, rule: FieldRule): unknown {
  const winner = records[0] as RecordValues;
  if (typeof rule === 'object') {
    if ('value' in rule) return rule.value ?? null;
    return fieldValue(records.find((record) => record.id === rule.from) ?? winner, name);
  }
  const filled = records.filter((record) => !isEmpty(fieldValue(record, name)));
  switch (rule) {
    case 'winner':
      return fieldValue(winner, name);
    case 'union':
      return union(records, name);
    case 'nonEmpty':
      return fieldValue(filled[0] ?? winner, name);
    case 'mostRecent': {
      const latest = filled.reduce<RecordValues | undefined>(
        (best, record) =>
          best === undefined || String(record.updatedAt) > String(best.updatedAt) ? record : best,
        undefined,
      );
      return fieldValue(latest ?? winner, name);
    }
    case 'mostComplete': {
      const fullest = filled.reduce<RecordValues | undefined>(
        (best, record) =>
          best === undefined || completeness(entity, record) > completeness(entity, best) ? record : best,
        undefined,
      );
      return fieldValue(fullest ?? winner, name);
    }
  }
}

/**
 * The changes that make the winner the merged record: each mergeable field and custom value chosen by
 * its rule from the winner and the losers (winner first, then the losers in the order given), keeping
 * only what differs from the winner. The result is an update input, validated by the write path's rules.
 *
 * @example
 * ```ts
 * survivingChanges(personEntity, winner, [loser], { fields: { title: 'mostRecent' } });
 * // { title: 'CTO', emails: [...winner's, { address: 'ann@b.com', label: null, primary: false }] }
 * ```
 */
export function survivingChanges(
  entity: EntityDef,
  winner: RecordValues,
  losers: readonly RecordValues[],
  survivorship: Survivorship,
): Record<string, unknown> {
  const records = [winner, ...losers];
  const ruleOf = (name: string): FieldRule =>
    survivorship.fields?.[name] ?? (listFields.has(name) ? 'union' : (survivorship.default ?? 'nonEmpty'));
  const changes: Record<string, unknown> = {};
  for (const name of mergeableFields(entity)) {
    const value = pick(entity, records, name, ruleOf(name));
    if (!jsonEqual(value, winner[name] ?? null)) changes[name] = value;
  }
  if (!entity.extensible) return changes;
  const keys = new Set(records.flatMap((record) => Object.keys((record.custom ?? {}) as object)));
  for (const name of Object.keys(survivorship.fields ?? {}))
    if (name.startsWith('custom.')) keys.add(name.slice('custom.'.length));
  const custom: Record<string, unknown> = {};
  for (const key of keys) {
    const value = pick(entity, records, `custom.${key}`, ruleOf(`custom.${key}`));
    if (!jsonEqual(value, fieldValue(winner, `custom.${key}`))) custom[key] = value;
  }
  if (Object.keys(custom).length > 0) changes.custom = custom;
  return changes;
}
