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
 * - `caseInsensitive` folds both sides with `foldCase`: JavaScript's `toLowerCase()` (full Unicode, not
 *   only ASCII), with the final sigma `ς` read as `σ`. It applies to `eq`, `ne`, `in`, `contains`, `startsWith` and `endsWith` on text; ordering
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
 * - `part: 'monthDay'` reads characters 6 to 10 (counted in code points, as SQL's `substr`) of a `date`
 *   value, as text: `'1992-02-29'` reads `'02-29'`; a null or wrong-typed date reads null. It applies to
 *   `date` fields only: on a field of any other type the condition or ordering is refused with
 *   INVALID_FILTER.
 * - `related` conditions see only related rows of the outer row's tenant, linked as {@link Relation}
 *   says, that match their `where`. Their result is never null: `not` and `negate` are exact complements.
 *   `count` and `sum` of no rows (or only nulls) are 0; `avg`, `min` and `max` of no rows (or only nulls)
 *   are null, which only `ne` matches; wrong-typed values read null and are left out. Sums and averages
 *   are exact for integers (money is integer minor units) up to 2^53; of reals they may differ between
 *   engines in the last bits. `min`/`max` of dates and timestamps order by code point, as elsewhere.
 *   Evaluating a related condition in memory needs a source of related rows (`RelatedRows`).
 */

/** A text, number or boolean literal. Always bound as a parameter, never spliced into SQL. */
export type Scalar = string | number | boolean;

/** How a field's value is typed for comparison. */
export type ValueType = 'text' | 'number' | 'boolean' | 'timestamp' | 'date' | 'textList';

/**
 * Where a value lives: a column, or a path inside a JSON column (custom fields: `custom` + `['tier']`).
 * `part: 'monthDay'` reads the `MM-DD` of a `date` value (`'1990-02-28'` reads `'02-28'`), as text: the
 * operand of anniversaries (birthday within the next N days).
 */
export type Operand =
  | { readonly kind: 'column'; readonly column: string; readonly part?: 'monthDay' }
  | {
      readonly kind: 'jsonPath';
      readonly column: string;
      readonly path: readonly string[];
      readonly part?: 'monthDay';
    };

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
    }
  | RelatedCondition;

/**
 * How rows of a related table link to the outer row (always within the outer row's tenant):
 * - `column`: the related row's `foreignColumn` equals the outer row's `localColumn` (orders of a person:
 *   `orders.person_id = people.id`; a person's company: `companies.id = people.company_id`).
 * - `list`: the related row's `foreignColumn`, a JSON array, holds the outer row's `localColumn` as a
 *   string element (activities of a person: `activities.person_ids` holds `people.id`). Only arrays link
 *   (a JSON string does not), elements compare exactly (no case folding, `1` is not `'1'`), and a row
 *   links once however often its list repeats the value.
 *
 * A null outer value links to nothing. The link columns must be comparable: for `column`, both text-like
 * (`text`, `timestamp`, `date`) or both numbers (or both booleans), never JSON; for `list`, a `json`
 * column and a text-like outer column. Adapters refuse any other pairing with INVALID_FILTER.
 */
export interface Relation {
  readonly table: string;
  readonly link: 'column' | 'list';
  readonly foreignColumn: string;
  readonly localColumn: string;
}

/**
 * What a related condition asks of the related rows that match `where`:
 * - `exists`: at least one (`negate` on the condition gives "none").
 * - `count`: how many, compared with `op` and `value`; no rows count 0.
 * - `sum`: the sum of a number field, compared; no rows (or only nulls) sum to 0.
 * - `avg`, `min`, `max`: of a number (min/max also date or timestamp) field, compared; no rows (or only
 *   nulls) give null, which matches as a null value does (`ne` matches, the others do not).
 *
 * `value` is a number for `count`, `sum`, `avg` and number fields, an ISO string for date and timestamp
 * fields; any other pairing is refused with INVALID_FILTER.
 */
export type RelatedAggregate =
  | { readonly fn: 'exists' }
  | { readonly fn: 'count'; readonly op: CompareOp; readonly value: number }
  | {
      readonly fn: 'sum' | 'avg' | 'min' | 'max';
      readonly field: FieldRef;
      readonly op: CompareOp;
      readonly value: Scalar;
    };

/**
 * A condition over the rows of another table that link to the outer row: "sum of order totals in the
 * last 365 days > 500", "no activity in the last 90 days", "the person's company is in the North".
 * `where` is a condition over the related table (it may itself hold related conditions); `negate` gives
 * the plain two-valued complement.
 */
export interface RelatedCondition {
  readonly kind: 'related';
  readonly relation: Relation;
  readonly where?: Condition;
  readonly aggregate: RelatedAggregate;
  readonly negate: boolean;
}

/**
 * One term of a sort. Nulls sort last in both directions; text sorts by code point. Core always ends an
 * ordering with `id` ascending, so an ordering is total and keyset pagination is stable.
 */
export interface OrderTerm {
  readonly field: FieldRef;
  readonly direction: 'asc' | 'desc';
}
