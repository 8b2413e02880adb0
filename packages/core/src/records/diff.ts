import type { Changes, FieldChange } from '../events/crm-events';
import { ownValue } from '../util/own-value';

/** Structural equality of JSON values (records hold nothing else). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

const isAbsent = (value: unknown) => value === undefined || value === null;

/**
 * The fields that differ between two versions of a record. Custom values are compared one by one and
 * reported as `custom.<key>`; `before` is `{}` on create, so every present field is reported.
 */
export function diffRecords(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const name of fields) {
    if (name === 'custom') continue;
    const [old, next] = [before[name] ?? null, after[name] ?? null];
    if (!jsonEqual(old, next)) changes[name] = { before: old, after: next };
  }
  const customBefore = (before.custom ?? {}) as Record<string, unknown>;
  const customAfter = (after.custom ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(customBefore), ...Object.keys(customAfter)])) {
    const [old, next] = [ownValue(customBefore, key), ownValue(customAfter, key)];
    if (isAbsent(old) && isAbsent(next)) continue;
    if (!jsonEqual(old, next)) changes[`custom.${key}`] = { before: old ?? null, after: next ?? null };
  }
  return changes;
}

/**
 * The values of a create: every present field, custom fields as `custom.<key>`. What a create's audit
 * entry keeps (see `storedChanges`), built without a before/after pair per field.
 *
 * @example
 * ```ts
 * createdValues({ firstName: 'Ann', title: null, custom: { tier: 'gold' } }, ['firstName', 'title', 'custom']);
 * // { firstName: 'Ann', 'custom.tier': 'gold' }
 * ```
 */
export function createdValues(
  record: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of fields) {
    const value = record[name];
    if (name !== 'custom' && !isAbsent(value)) values[name] = value;
  }
  const custom = (record.custom ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(custom)) {
    const value = ownValue(custom, key);
    if (!isAbsent(value)) values[`custom.${key}`] = value;
  }
  return values;
}

/**
 * The changes of a create: every present field, from null. The same as `diffRecords({}, record, fields)`
 * without comparing anything, which a bulk create would do for every field of every record.
 */
export function createdChanges(
  record: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Changes {
  const changes: Record<string, FieldChange> = {};
  const values = createdValues(record, fields);
  for (const name in values) changes[name] = { before: null, after: values[name] };
  return changes;
}
