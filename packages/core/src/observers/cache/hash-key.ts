/** A query's identity: what it reads and with which arguments, e.g. `['record', 'person', id, null]`. */
export type QueryKey = readonly unknown[];

function sortedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedValue);
  if (value === null || typeof value !== 'object') return value;
  // Keys are sorted and undefined values dropped, so `{ a: 1, b: undefined }` and `{ a: 1 }` are one query.
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return Object.fromEntries(entries.map(([name, entry]) => [name, sortedValue(entry)]));
}

/**
 * The stable string form of a query key: the same for keys that differ only in object key order.
 *
 * @example
 * ```ts
 * hashKey(['list', 'person', { limit: 20, orderBy: 'lastName' }]) ===
 *   hashKey(['list', 'person', { orderBy: 'lastName', limit: 20 }]); // true
 * ```
 */
export function hashKey(key: QueryKey): string {
  return JSON.stringify(sortedValue(key));
}
