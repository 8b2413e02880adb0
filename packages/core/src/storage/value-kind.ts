import type { ValueType } from './condition';

/** The JavaScript kind a {@link ValueType} is compared as: ISO dates and instants compare as strings. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'list';

const kinds: Readonly<Record<ValueType, ValueKind>> = {
  text: 'string',
  timestamp: 'string',
  date: 'string',
  number: 'number',
  boolean: 'boolean',
  textList: 'list',
};

/**
 * The kind of a value type, or undefined for a type the condition IR does not know.
 *
 * @example
 * ```ts
 * valueKindOf('timestamp'); // 'string'
 * ```
 */
export function valueKindOf(type: ValueType): ValueKind | undefined {
  return Object.hasOwn(kinds, type) ? kinds[type] : undefined;
}

/**
 * True when `value` is a well-formed value of `kind`. Non-finite numbers are not numbers here: no engine
 * stores NaN or Infinity the same way.
 *
 * @example
 * ```ts
 * isValueOfKind(3, 'number'); // true
 * isValueOfKind('3', 'number'); // false
 * ```
 */
export function isValueOfKind(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
  }
}
