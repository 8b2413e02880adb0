function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns `next`, reusing every part of `previous` that is deeply equal to it, so a refetch that brings
 * the same records back keeps the same objects and memoised rows do not render again.
 *
 * @example
 * ```ts
 * const kept = replaceEqualDeep(previous, fetched);
 * kept === previous; // true when nothing changed
 * ```
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  const bothArrays = Array.isArray(previous) && Array.isArray(next);
  if (!bothArrays && !(isPlainObject(previous) && isPlainObject(next))) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  const copy: Record<string, unknown> = bothArrays ? ([] as unknown as Record<string, unknown>) : {};
  let equalItems = 0;
  for (const key of keys) {
    const value = replaceEqualDeep(before[key], after[key]);
    copy[key] = value;
    if (value === before[key] && (key in before || value !== undefined)) equalItems += 1;
  }
  const sameShape = Object.keys(before).length === keys.length;
  return (sameShape && equalItems === keys.length ? previous : copy) as T;
}
