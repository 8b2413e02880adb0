import { Immer } from 'immer';

type RecordDraft = Record<string, unknown>;

/** A record as a write returns it: every field, by name. */
export type WrittenRecord = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly version: number;
};

// The cache hands its data to components as it is: freezing it here, and only here, would make a sort in
// place throw on some results and not on others.
const immer = new Immer({ autoFreeze: false });

function isRecordWithId(value: unknown, id: string): value is RecordDraft {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { id?: unknown; version?: unknown };
  return candidate.id === id && typeof candidate.version === 'number';
}

function visit(node: unknown, id: string, apply: (record: RecordDraft) => void): void {
  if (typeof node !== 'object' || node === null) return;
  if (isRecordWithId(node, id)) {
    apply(node);
    return;
  }
  for (const child of Array.isArray(node) ? node : Object.values(node)) visit(child, id, apply);
}

/**
 * Applies `apply` to every copy of the record `id` inside `data` (a record, a page, a board, included
 * records), with immer: the result shares every untouched part with `data`, and is `data` itself when
 * nothing changed.
 *
 * @example
 * ```ts
 * const next = patchRecord(page, personId, assignChanges({ lastName: 'Lee' }));
 * ```
 */
export function patchRecord<T>(data: T, id: string, apply: (record: RecordDraft) => void): T {
  if (typeof data !== 'object' || data === null) return data;
  return immer.produce(data, (draft) => {
    visit(draft, id, apply);
  }) as T;
}

/**
 * Writes an update's changes onto a record copy: fields the copy holds take the new value (a copy read
 * with `select` gains no field), `custom` keys merge, and a `null` custom value clears its key, as the
 * server applies them.
 *
 * @example
 * ```ts
 * patchRecord(data, id, assignChanges({ region: 'North', custom: { tier: 'gold' } }));
 * ```
 */
export function assignChanges(changes: Readonly<Record<string, unknown>>): (record: RecordDraft) => void {
  return (record) => {
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || !(name in record)) continue;
      if (name !== 'custom' || typeof value !== 'object' || value === null) {
        record[name] = value;
        continue;
      }
      const custom = { ...(record.custom as Record<string, unknown> | null) };
      for (const [key, entry] of Object.entries(value)) {
        if (entry === null) delete custom[key];
        else custom[key] = entry;
      }
      record.custom = custom;
    }
  };
}

/**
 * Replaces a record copy's fields with the record the server returned, when that is newer (or, with
 * `sameVersion`, as new: the answer to this client's own write). Includes the copy carries stay.
 *
 * @example
 * ```ts
 * patchRecord(list, saved.id, replaceWith(saved, true));
 * ```
 */
export function replaceWith(record: WrittenRecord, sameVersion: boolean): (copy: RecordDraft) => void {
  return (copy) => {
    const version = copy.version as number;
    if (version > record.version || (version === record.version && !sameVersion)) return;
    for (const name of Object.keys(copy)) if (name in record) copy[name] = record[name];
  };
}
