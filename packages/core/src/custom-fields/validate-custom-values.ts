import type { ZodType } from 'zod';
import type { RapportIssue } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { isPlainObject } from '../util/is-plain-object';
import { ownValue } from '../util/own-value';
import type { CustomFieldDefinition } from './custom-field-definition';
import { customValueSchema } from './custom-value-schema';

/** Arguments of {@link validateCustomValues}. */
export interface ValidateCustomValuesArgs {
  /** Every definition of the entity, archived ones included. */
  readonly definitions: readonly CustomFieldDefinition[];
  /** The record's stored custom values (`{}` on create). */
  readonly stored: Readonly<Record<string, unknown>>;
  /** The `custom` the caller passed: keys to set, `null` to clear; `undefined` when not given. */
  readonly changes: unknown;
  readonly isCreate: boolean;
  readonly defaultCountry: string | null;
}

/** The merged custom values and every problem found. */
export interface ValidatedCustomValues {
  readonly custom: Record<string, unknown>;
  readonly issues: RapportIssue[];
}

// Definitions are loaded once per write call; caching their schemas keeps a bulk create from rebuilding
// one schema per row.
const schemaCache = new WeakMap<CustomFieldDefinition, { country: string | null; schema: ZodType }>();

function schemaOf(definition: CustomFieldDefinition, country: string | null): ZodType {
  const cached = schemaCache.get(definition);
  if (cached !== undefined && cached.country === country) return cached.schema;
  const schema = customValueSchema(definition, country);
  schemaCache.set(definition, { country, schema });
  return schema;
}

function unknownKeyIssue(key: string, definitions: readonly CustomFieldDefinition[]): RapportIssue {
  const archived = definitions.some((definition) => definition.key === key);
  return {
    code: archived ? 'archived_field' : 'unknown_field',
    path: ['custom', key],
    message: archived ? `Custom field "${key}" is archived` : `Unknown custom field "${key}"`,
  };
}

/**
 * Validates the custom values of a write against the tenant's definitions and merges them into the stored
 * ones: unknown and archived keys are refused, defaults fill a create, required fields must end non-empty.
 * Values of archived fields already stored are kept untouched.
 *
 * @example
 * ```ts
 * const { custom, issues } = validateCustomValues({ definitions, stored: {}, changes: { score: 5 }, isCreate: true, defaultCountry: null });
 * ```
 */
export function validateCustomValues(args: ValidateCustomValuesArgs): ValidatedCustomValues {
  const issues: RapportIssue[] = [];
  const custom: Record<string, unknown> = { ...args.stored };
  const active = new Map(args.definitions.filter((d) => d.archivedAt === null).map((d) => [d.key, d]));
  if (args.changes !== undefined && args.changes !== null && !isPlainObject(args.changes)) {
    return {
      custom,
      issues: [{ code: 'invalid_type', path: ['custom'], message: 'Expected an object of custom values' }],
    };
  }
  const changes: Record<string, unknown> = {
    ...((args.changes as Record<string, unknown> | undefined) ?? {}),
  };
  if (args.isCreate) {
    for (const definition of active.values()) {
      if (ownValue(changes, definition.key) === undefined && definition.defaultValue !== null)
        changes[definition.key] = definition.defaultValue;
    }
  }
  for (const [key, value] of Object.entries(changes)) {
    const definition = active.get(key);
    if (definition === undefined) {
      issues.push(unknownKeyIssue(key, args.definitions));
      continue;
    }
    if (value === null || value === undefined) {
      delete custom[key];
      continue;
    }
    const parsed = schemaOf(definition, args.defaultCountry).safeParse(value);
    if (parsed.success) custom[key] = parsed.data;
    else issues.push(...toRapportIssues(parsed.error.issues, ['custom', key]));
  }
  for (const definition of active.values()) {
    const value = ownValue(custom, definition.key);
    if (definition.required && (value === undefined || isEmptyValue(value))) {
      issues.push({
        code: 'required',
        path: ['custom', definition.key],
        message: `${definition.label} is required`,
      });
    }
  }
  return { custom, issues };
}

function isEmptyValue(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}
