import type { ValueType } from '@rapport/core';
import { jsonPathText } from '@rapport/sql';
import type { Expression } from 'kysely';
import { sql } from 'kysely';

// The jsonb_typeof() result a value type accepts; any other JSON type reads as NULL (core's reference rule).
const JSON_TYPES: Readonly<Record<ValueType, string>> = {
  text: 'string',
  timestamp: 'string',
  date: 'string',
  number: 'number',
  boolean: 'boolean',
  textList: 'array',
};

/**
 * The value at `path` inside the jsonb expression `json`, typed as `type`. Keys step with `->` and a text
 * key, one at a time: unlike `#>`, a text key never indexes into an array (`'0'` on `["a"]` is NULL), as in
 * core's reference evaluator. A value of another JSON type than `type` reads as NULL. Plain keys are
 * written inline (see `jsonPathText`), so the expression matches an expression index on it.
 *
 * @example
 * ```ts
 * postgresJsonValue(sql.ref('custom'), ['tier'], 'text');
 * // (case when jsonb_typeof(("custom" -> 'tier'::text)) = 'string' then ("custom" -> 'tier'::text) #>> '{}' end)
 * ```
 */
export function postgresJsonValue(
  json: Expression<unknown>,
  path: readonly string[],
  type: ValueType,
): Expression<unknown> {
  let value: Expression<unknown> = json;
  for (const key of path) value = sql`(${value} -> ${jsonPathText([key], key)}::text)`;
  const isType = sql`jsonb_typeof(${value}) = ${sql.lit(JSON_TYPES[type])}`;
  switch (type) {
    case 'textList':
      return sql`(case when ${isType} then ${value} end)`;
    case 'number':
      // double precision, as JavaScript numbers are; compares with bigint and real columns alike.
      return sql`(case when ${isType} then (${value} #>> '{}')::double precision end)`;
    case 'boolean':
      return sql`(case when ${isType} then (${value} #>> '{}')::boolean end)`;
    default:
      return sql`(case when ${isType} then ${value} #>> '{}' end)`;
  }
}
