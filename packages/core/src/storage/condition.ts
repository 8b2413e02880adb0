/**
 * The condition IR: a filter resolved against the schema, naming columns and JSON paths with their value
 * types. Core builds it (from user filters, cursors and lookups); adapters compile it to SQL or evaluate
 * it in memory. The semantics below are the contract: every adapter returns the same rows for the same
 * condition, and the conformance suite checks it.
 *
 * Semantics, for every operator:
 * - A missing JSON key and a JSON `null` are both null. A JSON path follows object keys only: a step into
 *   an array or a plain value reads null, and keys are never looked up on an object's prototype.
 * - A value of another type than the field's (a JSON string where a number is expected, a number where
 *   text is expected) reads as null, for conditions and ordering alike, whatever an engine's casting rules.
 * - `not` is a plain two-valued complement: `not (eq 'x')` matches rows whose value is null, unlike SQL's
 *   three-valued `NOT`.
 * - `eq`, `lt`, `lte`, `gt`, `gte`, `in`, `contains`, `startsWith`, `endsWith` and `has` never match null.
 * - `ne` and `notIn` (an `in` with `negate`) DO match null: "region is not North" includes people with
 *   no region, as a person reading the filter expects.
 * - `in` with no values matches nothing; `notIn` with no values matches everything.
 * - Text compares by Unicode code point (binary UTF-8 order; `COLLATE "C"` on Postgres), never by locale.
 * - `caseInsensitive` folds both sides with JavaScript's `toLowerCase()` (full Unicode, not only ASCII).
 *   It applies to `eq`, `ne`, `in`, `contains`, `startsWith` and `endsWith` on text; ordering
 *   comparisons are always case-sensitive.
 * - `contains`, `startsWith`, `endsWith` take the value literally: `%` and `_` are not wildcards. The
 *   empty string is contained in, starts and ends every non-null text.
 * - `empty` matches null, the empty string `''` and the empty list `[]`; with `negate`, everything else.
 * - `null` matches exactly null (not `''`); with `negate`, every non-null value. Core uses it for cursors.
 * - `has` is for `textList` values (a JSON array of strings): mode `any` matches when the list holds at
 *   least one of the values, `all` when it holds every one. `any` of no values matches nothing, `all` of
 *   no values matches every non-null list.
 * - `and` of no conditions matches every row; `or` of no conditions matches none.
 * - Numbers compare numerically (integers and reals alike); booleans support only `eq` and `ne`;
 *   `timestamp` and `date` compare as their ISO strings, which order chronologically.
 */

/** A text, number or boolean literal. Always bound as a parameter, never spliced into SQL. */
export type Scalar = string | number | boolean;

/** How a field's value is typed for comparison. */
export type ValueType = 'text' | 'number' | 'boolean' | 'timestamp' | 'date' | 'textList';

/** Where a value lives: a column, or a path inside a JSON column (custom fields: `custom` + `['tier']`). */
export type Operand =
  | { readonly kind: 'column'; readonly column: string }
  | { readonly kind: 'jsonPath'; readonly column: string; readonly path: readonly string[] };

/** An operand and the type its values compare as. */
export interface FieldRef {
  readonly operand: Operand;
  readonly type: ValueType;
}

/** The comparison operators. */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';

/** The text operators. */
export type TextOp = 'contains' | 'startsWith' | 'endsWith';

/** A condition over one row of one table. The tenant is never part of it: adapters add it to every query. */
export type Condition =
  | { readonly kind: 'and'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'or'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'not'; readonly condition: Condition }
  | {
      readonly kind: 'compare';
      readonly field: FieldRef;
      readonly op: CompareOp;
      readonly value: Scalar;
      readonly caseInsensitive: boolean;
    }
  | {
      readonly kind: 'in';
      readonly field: FieldRef;
      readonly values: readonly Scalar[];
      readonly negate: boolean;
      readonly caseInsensitive: boolean;
    }
  | {
      readonly kind: 'text';
      readonly field: FieldRef;
      readonly op: TextOp;
      readonly value: string;
      readonly caseInsensitive: boolean;
    }
  | { readonly kind: 'empty'; readonly field: FieldRef; readonly negate: boolean }
  | { readonly kind: 'null'; readonly field: FieldRef; readonly negate: boolean }
  | {
      readonly kind: 'has';
      readonly field: FieldRef;
      readonly values: readonly string[];
      readonly mode: 'any' | 'all';
    };

/**
 * One term of a sort. Nulls sort last in both directions; text sorts by code point. Core always ends an
 * ordering with `id` ascending, so an ordering is total and keyset pagination is stable.
 */
export interface OrderTerm {
  readonly field: FieldRef;
  readonly direction: 'asc' | 'desc';
}
