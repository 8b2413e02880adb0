import type { FieldRef } from '@rapport/core';

// Postgres truncates identifiers to 63 bytes; every character kept here is ASCII, so 63 characters.
const MAX_NAME = 63;
const HASH_LENGTH = 8;

/**
 * The name of the expression index on `field` of `table`: the same on every run and every engine, at most
 * 63 characters. It reads as the table, the path and the type, ends with a hash of all of them so that
 * fields whose readable parts collide (`['a_b']` and `['a', 'b']`, or a long key cut short) never share
 * a name, and holds only letters, digits and `_`.
 *
 * @example
 * ```ts
 * customFieldIndexName('people', { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' });
 * // 'people_cf_tier_text_2e7b097a'
 * ```
 */
export function customFieldIndexName(table: string, field: FieldRef): string {
  const path = field.operand.kind === 'jsonPath' ? field.operand.path : [];
  const readable = `${table}_cf_${path.join('_')}_${field.type}`.replace(/[^A-Za-z0-9_]/g, '_');
  const hash = fnv1a([table, field.operand.column, ...path, field.type].join('\u0000'));
  return `${readable.slice(0, MAX_NAME - HASH_LENGTH - 1)}_${hash}`;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits: small, synchronous and the same everywhere. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(HASH_LENGTH, '0');
}
