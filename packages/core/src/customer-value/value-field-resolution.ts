import type { FieldResolution } from '../filter/field-resolver';
import type { CustomerEntity } from './customer-kinds';
import { isCustomerEntity } from './customer-kinds';
import { valueFields } from './value-columns';

/** A field name of the filter language that names a customer value (`rfm.segment`, `valueTier`, ...). */
export type ValueFieldName = keyof typeof valueFields;

/** Whether a field path names a customer value, on any entity (the resolver then says where it applies). */
export function isValueFieldName(name: string): name is ValueFieldName {
  return Object.hasOwn(valueFields, name);
}

/**
 * Resolves the customer value fields of people and companies to the columns of their own rows; undefined
 * for any other name, which the caller resolves as usual.
 *
 * @example
 * ```ts
 * resolveValueField('person', 'rfm.segment'); // { ok: true, ref: { operand: { kind: 'column', column: 'rfm_segment' }, type: 'text' } }
 * resolveValueField('deal', 'rfm.segment');   // { ok: false, message: 'Customer value fields ... people and companies' }
 * ```
 */
export function resolveValueField(entity: string, name: string): FieldResolution | undefined {
  if (!isValueFieldName(name)) return undefined;
  if (!isCustomerEntity(entity)) {
    return {
      ok: false,
      message: `"${name}" is a customer value: people and companies have it, ${entity} has not`,
    };
  }
  const { column, type } = valueFields[name];
  return { ok: true, ref: { operand: { kind: 'column', column }, type } };
}

/**
 * The customer value fields of an entity as the types of filters see them (`Filter<'person'>` accepts
 * `{ field: 'rfm.segment', op: 'eq', value: 'champions' }`): people and companies have them, nobody else.
 */
export type ValueFieldsOf<E extends string> = {
  readonly [N in ValueFieldName as E extends CustomerEntity ? N : never]: (typeof valueFields)[N]['type'];
};
