import type { ValueType } from '../storage/condition';
import type { ColumnType } from '../storage/schema';
import type { EntityName } from './entity-name';

/**
 * How one built-in field of an entity is stored and queried. Core maps record fields to columns with it,
 * resolves filters and sorts against it, and derives the table definition from it.
 */
export interface FieldDef {
  readonly column: string;
  readonly columnType: ColumnType;
  readonly nullable: boolean;
  /** How filters compare the field; `null` when it cannot be filtered (a JSON object such as an address). */
  readonly valueType: ValueType | null;
  /** The entity whose id this field holds (one id, or a list of ids for a `textList`). */
  readonly references?: EntityName;
  /**
   * The migration version that added the field to an existing table (absent: the foundation). Such a
   * field is nullable, since rows written before it have no value, and has no foreign key constraint.
   */
  readonly since?: number;
}

type FieldOptions = {
  readonly nullable?: boolean;
  readonly references?: EntityName;
  readonly since?: number;
};

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function build(columnType: ColumnType, valueType: ValueType | null, options: FieldOptions = {}) {
  return (name: string): FieldDef => {
    const nullable = options.nullable ?? true;
    if (options.since !== undefined && !nullable)
      throw new Error(`Field ${name} is added by migration ${options.since}, so it must be nullable`);
    return {
      column: snakeCase(name),
      columnType,
      nullable,
      valueType,
      ...(options.references ? { references: options.references } : {}),
      ...(options.since === undefined ? {} : { since: options.since }),
    };
  };
}

/** Field builders: each returns a function of the field name, so column names follow field names. */
export const field = {
  text: (options?: FieldOptions) => build('text', 'text', options),
  integer: (options?: FieldOptions) => build('integer', 'number', options),
  real: (options?: FieldOptions) => build('real', 'number', options),
  boolean: (options?: FieldOptions) => build('boolean', 'boolean', options),
  timestamp: (options?: FieldOptions) => build('timestamp', 'timestamp', options),
  date: (options?: FieldOptions) => build('date', 'date', options),
  /** A list of strings in a JSON column: tags, skills, ids. Filterable with `has`. */
  textList: (options?: FieldOptions) => build('json', 'textList', { nullable: false, ...options }),
  /** A JSON object or list that filters do not look into (addresses, order lines). */
  json: (options?: FieldOptions) => build('json', null, options),
};

/** A field declared by name: `{ firstName: field.text() }` becomes a {@link FieldDef}. */
export type FieldDeclarations = Readonly<Record<string, (name: string) => FieldDef>>;

/** Turns declarations into field definitions. */
export function declareFields(declarations: FieldDeclarations): Record<string, FieldDef> {
  const fields: Record<string, FieldDef> = {};
  for (const [name, make] of Object.entries(declarations)) fields[name] = make(name);
  return fields;
}
