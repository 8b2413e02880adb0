import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import { customFieldValueType } from '../custom-fields/custom-field-types';
import { resolveValueField } from '../customer-value/value-field-resolution';
import type { EntityDef } from '../entities/define-entity';
import type { FieldRef } from '../storage/condition';
import { resolveConsentField } from './consent-fields';

/** A field name resolved to where it is stored, or the reason it cannot be used. */
export type FieldResolution =
  | { readonly ok: true; readonly ref: FieldRef }
  | { readonly ok: false; readonly message: string };

/** Resolves a field name of filters and sorts: `region`, `custom.tier`, `custom.budget.amount`. */
export type FieldResolver = (name: string) => FieldResolution;

function resolveCustom(path: string[], definitions: readonly CustomFieldDefinition[]): FieldResolution {
  const [key = '', sub, ...rest] = path;
  const definition = definitions.find((candidate) => candidate.key === key && candidate.archivedAt === null);
  if (definition === undefined) return { ok: false, message: `Unknown custom field "${key}"` };
  if (definition.type === 'money') {
    if (rest.length > 0 || (sub !== 'amount' && sub !== 'currency')) {
      return {
        ok: false,
        message: `Money field "${key}" is filtered by custom.${key}.amount or custom.${key}.currency`,
      };
    }
    return {
      ok: true,
      ref: {
        operand: { kind: 'jsonPath', column: 'custom', path: [key, sub] },
        type: sub === 'amount' ? 'number' : 'text',
      },
    };
  }
  if (sub !== undefined) return { ok: false, message: `Custom field "${key}" has no sub-field "${sub}"` };
  return {
    ok: true,
    ref: {
      operand: { kind: 'jsonPath', column: 'custom', path: [key as string] },
      type: customFieldValueType[definition.type],
    },
  };
}

/**
 * Makes the resolver of one entity for one tenant: built-in fields by name, custom fields as
 * `custom.<key>`. Only names in the schema or the tenant's active definitions resolve, so nothing a caller
 * writes ever reaches SQL as an identifier.
 *
 * @example
 * ```ts
 * const resolve = createFieldResolver(personEntity, definitions);
 * resolve('custom.tier'); // { ok: true, ref: { operand: { kind: 'jsonPath', column: 'custom', path: ['tier'] }, type: 'text' } }
 * ```
 */
export function createFieldResolver(
  entity: EntityDef,
  definitions: readonly CustomFieldDefinition[],
): FieldResolver {
  return (name) => {
    const valueField = resolveValueField(entity.name, name) ?? resolveConsentField(entity.name, name);
    if (valueField !== undefined) return valueField;
    if (name.startsWith('custom.')) {
      if (!entity.extensible) return { ok: false, message: `${entity.name} has no custom fields` };
      return resolveCustom(name.slice('custom.'.length).split('.'), definitions);
    }
    const field = Object.hasOwn(entity.allFields, name) ? entity.allFields[name] : undefined;
    if (field === undefined) return { ok: false, message: `Unknown field "${name}" on ${entity.name}` };
    if (field.valueType === null)
      return { ok: false, message: `Field "${name}" cannot be filtered or sorted` };
    return { ok: true, ref: { operand: { kind: 'column', column: field.column }, type: field.valueType } };
  };
}
