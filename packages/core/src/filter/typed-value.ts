import * as z from 'zod';
import type { FieldRef, Scalar } from '../storage/condition';
import type { NodePath } from './invalid-node';
import { invalidAt } from './invalid-node';

const isoDate = z.iso.date();
const isoInstant = z.iso.datetime({ offset: true });

/**
 * Checks one value against a field's type and returns it as stored: dates as `YYYY-MM-DD`, instants in
 * UTC with milliseconds (so string comparison orders them).
 *
 * @example
 * ```ts
 * typedValue({ operand: { kind: 'column', column: 'closed_at' }, type: 'timestamp' }, '2025-01-01T01:00:00+01:00', ['value']);
 * // '2025-01-01T00:00:00.000Z'
 * ```
 */
export function typedValue(ref: FieldRef, value: unknown, path: NodePath): Scalar {
  switch (ref.type) {
    case 'text':
      if (typeof value !== 'string') invalidAt(path, 'Expected a text value');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) invalidAt(path, 'Expected a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') invalidAt(path, 'Expected true or false');
      return value;
    case 'date':
      if (!isoDate.safeParse(value).success) invalidAt(path, 'Expected a date as YYYY-MM-DD');
      return value as string;
    case 'timestamp':
      if (!isoInstant.safeParse(value).success) invalidAt(path, 'Expected an ISO-8601 instant');
      return new Date(value as string).toISOString();
    case 'textList':
      return invalidAt(path, 'A list field is compared with hasAny, hasAll, hasNone, isEmpty or isNotEmpty');
  }
}
