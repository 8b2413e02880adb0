/**
 * One SQL statement ready to run: the text, with the engine's placeholders, and its bound values in
 * placeholder order. Values are never spliced into `sql`.
 *
 * @example
 * ```ts
 * const statement: SqlStatement = { sql: 'select "id" from "tags" where "tenant_id" = ?', parameters: ['t1'] };
 * ```
 */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /**
   * Whether a driver may prepare the statement once per connection and reuse its plan: true for the point
   * reads and writes by key, whose best plan never depends on their values. Left out for statements with
   * conditions, which a planner serves better with their values in hand (a region held by 1% of the rows
   * or by 90% of them).
   */
  readonly prepare?: boolean;
}
