import type { Changes, FieldChange } from '../events/crm-events';

/** The key under which an audit row keeps the values of a create, in place of before/after pairs. */
const createdKey = '$created';

/**
 * The `changes` column of an audit row. A create changes every present field from nothing, so its row
 * keeps only the values: `{ "$created": { "firstName": "Ann" } }` rather than
 * `{ "firstName": { "before": null, "after": "Ann" } }`. Bulk imports write one such row per record, and
 * the shorter form is faster to encode and to store. Field names never start with `$`, so the two forms
 * cannot be confused; {@link changesFromStored} turns either back into the same {@link Changes}.
 *
 * @example
 * ```ts
 * storedChanges('created', { firstName: { before: null, after: 'Ann' } }); // { $created: { firstName: 'Ann' } }
 * ```
 */
export function storedChanges(action: string, changes: Changes): unknown {
  if (action !== 'created') return changes;
  const values: Record<string, unknown> = {};
  for (const name in changes) {
    const change = changes[name] as FieldChange;
    // Only what the short form restores exactly: a value set from null.
    if (change.before !== null || change.after === undefined) return changes;
    values[name] = change.after;
  }
  return { [createdKey]: values };
}

/**
 * The `changes` column of a create's audit row, from the values the create set (see `createdValues`):
 * what {@link storedChanges} writes for the same create.
 *
 * @example
 * ```ts
 * storedCreatedValues({ firstName: 'Ann' }); // { $created: { firstName: 'Ann' } }
 * ```
 */
export function storedCreatedValues(values: Readonly<Record<string, unknown>>): unknown {
  return { [createdKey]: values };
}

/** The {@link Changes} an audit row's `changes` column holds, in either form {@link storedChanges} writes. */
export function changesFromStored(stored: unknown): Changes {
  const values = createdValues(stored);
  if (values === undefined) return stored as Changes;
  const changes: Record<string, FieldChange> = {};
  for (const name in values) changes[name] = { before: null, after: values[name] };
  return changes;
}

function createdValues(stored: unknown): Record<string, unknown> | undefined {
  if (typeof stored !== 'object' || stored === null || !Object.hasOwn(stored, createdKey)) return undefined;
  return (stored as Record<string, Record<string, unknown>>)[createdKey];
}
