import type { FieldRef, Operand } from './condition';
import { invalidFilter } from './invalid-filter';
import type { Row } from './schema';
import type { ValueKind } from './value-kind';
import { isValueOfKind, valueKindOf } from './value-kind';

/** Reads an operand's raw value from a row: `null` when the column or any key on the JSON path is missing. */
export type OperandReader = (row: Row) => unknown;

/** A value read for comparison: a string, a finite number, a boolean or a list. */
export type FieldValue = string | number | boolean | readonly unknown[];

/** Reads a field's typed value from a row, or `null`. */
export type FieldReader = (row: Row) => FieldValue | null;

/**
 * Compiles an operand into a reader. A JSON path walks object keys only: a missing key, a JSON `null`, or
 * a step into something that is not an object (a string, a number, an array) all read as `null`, which is
 * what a chain of `->` (Postgres) or a `$."key"` path (SQLite) returns. With `part: 'monthDay'` it reads
 * the `MM-DD` of a text value (characters 6 to 10, as SQL's `substr(x, 6, 5)`), and null for any other value.
 *
 * @example
 * ```ts
 * const readTier = compileOperandReader({ kind: 'jsonPath', column: 'custom', path: ['tier'] });
 * readTier({ custom: { tier: 'gold' } }); // 'gold'
 * readTier({ custom: {} }); // null
 * compileOperandReader({ kind: 'column', column: 'birthday', part: 'monthDay' })({ birthday: '1992-02-29' }); // '02-29'
 * ```
 */
export function compileOperandReader(operand: Operand): OperandReader {
  const read = compileWholeReader(operand);
  const part = operand.part;
  if (part === undefined) return read;
  if (part !== 'monthDay') {
    throw invalidFilter(`Unknown operand part '${String(part)}'; use 'monthDay'.`, { operand });
  }
  return (row) => monthDayOf(read(row));
}

function compileWholeReader(operand: Operand): OperandReader {
  if (typeof operand !== 'object' || operand === null || typeof operand.column !== 'string') {
    throw invalidFilter('An operand needs a column name.', { operand });
  }
  const { column } = operand;
  if (operand.kind === 'column') return (row) => row[column] ?? null;
  if (operand.kind !== 'jsonPath') {
    throw invalidFilter(`Unknown operand kind '${String((operand as { kind?: unknown }).kind)}'.`, {
      operand,
    });
  }
  if (!Array.isArray(operand.path) || !operand.path.every((key) => typeof key === 'string')) {
    throw invalidFilter('A JSON path is an array of object keys (strings).', { operand });
  }
  const path = [...operand.path];
  const [key] = path;
  if (path.length === 1 && key !== undefined) return (row) => readJsonKey(row[column], key);
  return (row) => walkJsonPath(row[column], path);
}

/** One step of a JSON path, the common `custom.<key>` case, read without a loop. */
function readJsonKey(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  // Own keys only: `constructor` or `__proto__` must not reach Object.prototype.
  if (!Object.hasOwn(value, key)) return null;
  return (value as Record<string, unknown>)[key] ?? null;
}

/**
 * Reads an operand's raw value from a row, once. Prefer {@link compileOperandReader} when reading many rows.
 *
 * @example
 * ```ts
 * readOperand({ kind: 'column', column: 'name' }, { name: 'Ann' }); // 'Ann'
 * ```
 */
export function readOperand(operand: Operand, row: Row): unknown {
  return compileOperandReader(operand)(row);
}

/**
 * Compiles a field into a typed reader: a value of another type than the field's (a JSON string where a
 * number is expected, a number where text is expected) reads as `null`, so it never matches a comparison
 * and engines agree on it whatever their casting rules. A `monthDay` part applies to `date` fields only;
 * on any other type it is refused with INVALID_FILTER.
 *
 * @example
 * ```ts
 * const readLevel = compileFieldReader({ operand: { kind: 'jsonPath', column: 'custom', path: ['level'] }, type: 'number' });
 * readLevel({ custom: { level: 3 } }); // 3
 * readLevel({ custom: { level: '3' } }); // null
 * ```
 */
export function compileFieldReader(field: FieldRef): FieldReader {
  const kind = valueKindOf(field.type);
  if (kind === undefined) throw invalidFilter(`Unknown value type '${String(field.type)}'.`, { field });
  if (field.operand?.part !== undefined && field.type !== 'date') {
    throw invalidFilter(
      `The '${String(field.operand.part)}' part applies to date fields, not ${field.type}.`,
      {
        field,
      },
    );
  }
  const { operand } = field;
  // A plain column is the common case: one closure reads and type-checks it, without a second call.
  if (operand?.kind === 'column' && operand.part === undefined && typeof operand.column === 'string')
    return typedColumnReader(operand.column, kind);
  const read = compileOperandReader(operand);
  return (row) => {
    const value = read(row);
    return isValueOfKind(value, kind) ? (value as FieldValue) : null;
  };
}

function typedColumnReader(column: string, kind: ValueKind): FieldReader {
  switch (kind) {
    case 'string':
      return (row) => {
        const value = row[column];
        return typeof value === 'string' ? value : null;
      };
    case 'number':
      return (row) => {
        const value = row[column];
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      };
    case 'boolean':
      return (row) => {
        const value = row[column];
        return typeof value === 'boolean' ? value : null;
      };
    case 'list':
      return (row) => {
        const value = row[column];
        return Array.isArray(value) ? (value as readonly unknown[]) : null;
      };
  }
}

/**
 * Characters 6 to 10 of a text, counted in code points as SQL's `substr` counts characters: the `MM-DD` of
 * a `YYYY-MM-DD` date. Slicing UTF-16 units gives the same answer unless a surrogate pair comes first.
 */
export function monthDayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const end = Math.min(value.length, 10);
  for (let index = 0; index < end; index++) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdfff) return [...value].slice(5, 10).join('');
  }
  return value.slice(5, 10);
}

function walkJsonPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return null;
    // Own keys only: `constructor` or `__proto__` must not reach Object.prototype.
    if (!Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}
