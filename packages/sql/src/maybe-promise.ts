/**
 * A value or a promise of it. A synchronous engine (better-sqlite3) returns plain values so that hot
 * paths skip a promise; an asynchronous one (pg) returns promises. Callers handle both.
 *
 * @example
 * ```ts
 * const result: MaybePromise<number> = driver.execute(statement);
 * const changed = isPromise(result) ? await result : result;
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * True when `value` is a promise rather than a settled value. Drivers return native promises; testing
 * the prototype chain is cheaper on the hot path than looking up a `then` property on every row.
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}
