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
}
