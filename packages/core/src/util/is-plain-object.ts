/**
 * True for an object literal (or `Object.create(null)`): not null, not an array, not a Date, a Map or a
 * class instance. Write inputs must be plain objects; anything else is refused at the root.
 * Checks the tag rather than the prototype, so objects made in another realm (an iframe, a vm) pass.
 *
 * @example
 * ```ts
 * isPlainObject({ name: 'Acme' }); // true
 * isPlainObject(new Date()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]'
  );
}
