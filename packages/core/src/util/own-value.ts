/**
 * The value an object holds under `key` itself, never one inherited from `Object.prototype`. Custom values
 * are keyed by tenant-chosen names, and a field keyed `constructor` or `toString` is a plain key: reading
 * `custom[key]` would find a function on a record that has no value.
 *
 * @example
 * ```ts
 * ownValue({}, 'constructor'); // undefined (while ({}).constructor is Object)
 * ```
 */
export function ownValue(object: Readonly<Record<string, unknown>> | null | undefined, key: string): unknown {
  return object !== null && object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}
