import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';

// Letters, digits and _ only: such a key can never end a string literal or carry SQL. Custom field keys
// (`^[a-z][a-zA-Z0-9_]{0,62}$`) always are.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `text` (a JSON path, or one key of it, built from `keys`) as it goes into a dialect's JSON value: inline
 * when every key is a plain name, a bound parameter otherwise. Inline, a condition's JSON value is the very
 * expression an expression index holds: SQLite never matches a bound parameter against an index
 * expression, and Postgres only when it plans for the bound value. Anything else stays bound, so nothing
 * a caller writes is spliced into SQL.
 *
 * @example
 * ```ts
 * sql`json_extract(${json}, ${jsonPathText(['tier'], '$."tier"')})`; // json_extract("custom", '$."tier"')
 * sql`json_extract(${json}, ${jsonPathText(["it's"], `$."it's"`)})`; // json_extract("custom", ?)
 * ```
 */
export function jsonPathText(keys: readonly string[], text: string): RawBuilder<unknown> {
  return keys.every((key) => PLAIN_KEY.test(key)) ? sql.lit(text) : sql`${text}`;
}
