import { entityDef } from '../entities/registry';
import { createFieldResolver } from '../filter/field-resolver';
import { allOf, columnEquals, columnIn } from '../records/conditions';
import type { CustomFieldIndexArgs } from '../storage/adapter';
import type { Condition, FieldRef } from '../storage/condition';
import type { CustomFieldDefinition, ExtensibleEntityName } from './custom-field-definition';
import type { CustomFieldType } from './custom-field-types';
import { customFieldValueType } from './custom-field-types';

/**
 * Types whose values an index can serve: scalars short enough for a B-tree entry (Postgres refuses one
 * over about 2,700 bytes). Lists, long text and URLs (up to 2,000 characters) cannot be indexed.
 */
export const indexableTypes: ReadonlySet<CustomFieldType> = new Set([
  'text',
  'number',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'select',
  'email',
  'phone',
  'money',
  'relation',
]);

/** The longest `max` an indexed text field may have: 500 characters of up to 4 UTF-8 bytes each. */
export const maxIndexedTextLength = 500;

/**
 * The index an indexed, active definition asks for: its entity's table and the field exactly as filters
 * and sorts on `custom.<key>` read it (a money field's `custom.<key>.amount`). Undefined when the
 * definition asks for none.
 *
 * @example
 * ```ts
 * customFieldIndex({ ...tier, indexed: true });
 * // { table: 'people', field: { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' } }
 * ```
 */
export function customFieldIndex(definition: CustomFieldDefinition): CustomFieldIndexArgs | undefined {
  if (!definition.indexed || definition.archivedAt !== null || !indexableTypes.has(definition.type))
    return undefined;
  const entity = entityDef(definition.entity);
  const name = definition.type === 'money' ? `custom.${definition.key}.amount` : `custom.${definition.key}`;
  const resolved = createFieldResolver(entity, [definition])(name);
  return resolved.ok ? { table: entity.tableDef.name, field: resolved.ref } : undefined;
}

/** True when both ask for the same index (or both for none). */
export function isSameIndex(
  a: CustomFieldIndexArgs | undefined,
  b: CustomFieldIndexArgs | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.table === b.table && sameField(a.field, b.field);
}

function sameField(a: FieldRef, b: FieldRef): boolean {
  const pathOf = (field: FieldRef) => (field.operand.kind === 'jsonPath' ? field.operand.path : []);
  return (
    a.type === b.type &&
    a.operand.column === b.operand.column &&
    JSON.stringify(pathOf(a)) === JSON.stringify(pathOf(b))
  );
}

/**
 * The definitions, of every tenant, that ask for the index `index` of `entity`'s `key`: active, indexed,
 * with the key, and of a type whose values read as the same field (number and decimal share one, money
 * has its own on the amount). An adapter keeps the index while one matches.
 *
 * @example
 * ```ts
 * await storage.dropCustomFieldIndex?.({ ...index, keptBy: { table: 'custom_fields', where: definitionsAskingFor('person', 'tier', index) } });
 * ```
 */
export function definitionsAskingFor(
  entity: ExtensibleEntityName,
  key: string,
  index: CustomFieldIndexArgs,
): Condition {
  const isAmount = index.field.operand.kind === 'jsonPath' && index.field.operand.path.length > 1;
  const types = [...indexableTypes].filter((type) =>
    isAmount ? type === 'money' : type !== 'money' && customFieldValueType[type] === index.field.type,
  );
  return allOf(
    columnEquals('entity', entity),
    columnEquals('key', key),
    columnIn('type', types),
    {
      kind: 'compare',
      field: { operand: { kind: 'column', column: 'is_indexed' }, type: 'boolean' },
      op: 'eq',
      value: true,
      caseInsensitive: false,
    },
    {
      kind: 'null',
      field: { operand: { kind: 'column', column: 'archived_at' }, type: 'timestamp' },
      negate: false,
    },
  ) as Condition;
}
