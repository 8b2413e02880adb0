import type { FieldRef } from '@rapport/core';
import type { Expression } from 'kysely';
import { STRING_TYPES } from './compile-scope';
import type { SqlDialect } from './sql-dialect';

/**
 * A field's value as equality, ranges and sorts all compare it, so that one expression index serves the
 * three: a JSON text value under the binary collation. Ranges and sorts need code-point order anyway, and
 * equality means the same under it (a deterministic collation compares equal text byte for byte), while
 * Postgres uses an index only for comparisons under the index's own collation. Columns keep their
 * collation, which their plain indexes share.
 *
 * @example
 * ```ts
 * indexableOperand(postgresDialect, tierField, tier); // (<tier> collate "C"); SQLite: <tier> unchanged
 * ```
 */
export function indexableOperand(
  dialect: SqlDialect,
  field: FieldRef,
  expression: Expression<unknown>,
): Expression<unknown> {
  return field.operand.kind === 'jsonPath' && STRING_TYPES.has(field.type)
    ? dialect.binaryText(expression)
    : expression;
}
