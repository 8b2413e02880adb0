import { RapportError } from '../errors/rapport-error';
import type { Condition, FieldRef, OrderTerm, Scalar } from '../storage/condition';
import { readOperand } from '../storage/read-operand';
import type { Row } from '../storage/schema';
import { isValueOfKind, valueKindOf } from '../storage/value-kind';
import { fromBase64Url, toBase64Url } from '../util/base64url';

/** What a cursor remembers: the order it was made for and the sort values of the last row returned. */
interface CursorState {
  readonly order: string;
  readonly values: readonly (Scalar | null)[];
}

/** A stable text for an ordering, so a cursor made for one order is refused under another. */
export function orderSignature(order: readonly OrderTerm[]): string {
  return order
    .map((term) => {
      const operand = term.field.operand;
      const name = operand.kind === 'column' ? operand.column : `${operand.column}.${operand.path.join('.')}`;
      const part = operand.part === undefined ? '' : `#${operand.part}`;
      return `${name}${part}:${term.direction}`;
    })
    .join(',');
}

function valueAt(row: Row, field: FieldRef): Scalar | null {
  const value = readOperand(field.operand, row);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** The opaque cursor that continues after `row`. */
export function encodeCursor(order: readonly OrderTerm[], row: Row): string {
  const state: CursorState = {
    order: orderSignature(order),
    values: order.map((term) => valueAt(row, term.field)),
  };
  return toBase64Url(JSON.stringify(state));
}

function invalidCursor(): never {
  throw new RapportError('INVALID_CURSOR', 'The cursor is malformed or was made for another sort order', {
    issues: [{ code: 'invalid_cursor', path: ['cursor'], message: 'Invalid cursor' }],
  });
}

function decodeCursor(cursor: string, order: readonly OrderTerm[]): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(fromBase64Url(cursor));
  } catch {
    invalidCursor();
  }
  const candidate = state as Partial<CursorState>;
  if (
    candidate?.order !== orderSignature(order) ||
    !Array.isArray(candidate.values) ||
    candidate.values.length !== order.length
  ) {
    invalidCursor();
  }
  // Each value must be of its sort field's kind: a forged cursor must not reach the adapter as a bad filter.
  const fits = (value: unknown, index: number) => {
    const kind = valueKindOf((order[index] as OrderTerm).field.type);
    return value === null || (kind !== undefined && kind !== 'list' && isValueOfKind(value, kind));
  };
  if (!candidate.values.every(fits)) invalidCursor();
  return candidate as CursorState;
}

function equalTo(field: FieldRef, value: Scalar | null): Condition {
  return value === null
    ? { kind: 'null', field, negate: false }
    : { kind: 'compare', field, op: 'eq', value, caseInsensitive: false };
}

/** Rows that sort strictly after `value` in this term's direction; nulls sort last, so nothing follows null. */
function after(term: OrderTerm, value: Scalar | null): Condition {
  if (value === null) return { kind: 'or', conditions: [] };
  const beyond: Condition = {
    kind: 'compare',
    field: term.field,
    op: term.direction === 'asc' ? 'gt' : 'lt',
    value,
    caseInsensitive: false,
  };
  return { kind: 'or', conditions: [beyond, { kind: 'null', field: term.field, negate: false }] };
}

/**
 * The keyset condition of a cursor: rows after the cursor's row in the given (total) order. Written in the
 * condition IR, so every adapter pages the same way, and a row inserted meanwhile never shifts a page.
 *
 * @example
 * ```ts
 * // order: lastName asc, id asc; cursor at ('Doe', 'id-9') →
 * // lastName > 'Doe' OR lastName IS NULL OR (lastName = 'Doe' AND id > 'id-9')
 * ```
 */
export function cursorCondition(cursor: string, order: readonly OrderTerm[]): Condition {
  const { values } = decodeCursor(cursor, order);
  const branches: Condition[] = order.map((term, index) => ({
    kind: 'and',
    conditions: [
      ...order.slice(0, index).map((prior, priorIndex) => equalTo(prior.field, values[priorIndex] ?? null)),
      after(term, values[index] ?? null),
    ],
  }));
  return { kind: 'or', conditions: branches };
}
