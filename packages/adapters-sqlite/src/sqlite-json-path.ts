/**
 * A SQLite JSON path for object keys: every key quoted, so dots, spaces and brackets in a key are plain
 * characters. It goes into SQL through `jsonPathText`: inline only when every key is a plain name.
 *
 * @example
 * ```ts
 * sqliteJsonPath(['address', 'city']); // '$."address"."city"'
 * sqliteJsonPath([]); // '$'
 * ```
 */
export function sqliteJsonPath(path: readonly string[]): string {
  let result = '$';
  // JSON string quoting escapes `"` and `\`, which SQLite's path parser reads back the same way.
  for (const key of path) result += `.${JSON.stringify(key)}`;
  return result;
}
