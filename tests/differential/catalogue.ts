import type { FieldRef, Operand, Relation, Row, ValueType } from '@rapport/core';
import { customPaths } from './custom-values';
import type { Dataset } from './dataset';
import type { DatasetTable } from './table-rows';
import { datasetTables, tableDef } from './table-rows';

/** A field conditions may name, with the values of its type that the dataset holds. */
export interface FieldEntry {
  readonly ref: FieldRef;
  /** Distinct values of the field's type in the dataset (list elements for a `textList`). */
  readonly samples: readonly (string | number | boolean)[];
  /**
   * For a number field: whether every sum of its values is exact in floating point whatever the order of
   * addition (all are multiples of 2^-10 and their magnitudes add up to at most 2^43), so that engines
   * must agree on sums and averages to the last bit.
   */
  readonly exactSums: boolean;
}

/** A relation from a table to another, as related conditions use it. */
export interface RelationEntry {
  readonly relation: Relation;
}

/** What conditions over one table can name. */
export interface TableCatalogue {
  readonly table: DatasetTable;
  readonly fields: readonly FieldEntry[];
  readonly relations: readonly RelationEntry[];
}

/** The catalogues of every dataset table. */
export type Catalogue = Readonly<Record<DatasetTable, TableCatalogue>>;

// JSON columns that hold a list of strings.
const listColumns = new Set(['tags', 'skills', 'person_ids']);

/** Paths into JSON columns other than `custom`, including ones that step into an array and read null. */
const otherJsonPaths: Readonly<Record<string, readonly { path: readonly string[]; type: ValueType }[]>> = {
  consent: [
    { path: ['email'], type: 'boolean' },
    { path: ['sms'], type: 'boolean' },
  ],
  address: [{ path: ['city'], type: 'text' }],
  emails: [{ path: ['0', 'address'], type: 'text' }],
};

const columnValueType: Readonly<Record<string, ValueType>> = {
  text: 'text',
  integer: 'number',
  real: 'number',
  boolean: 'boolean',
  timestamp: 'timestamp',
  date: 'date',
};

const column = (name: string, type: ValueType, part?: 'monthDay'): FieldRef => ({
  operand: part === undefined ? { kind: 'column', column: name } : { kind: 'column', column: name, part },
  type,
});

const jsonPath = (name: string, path: readonly string[], type: ValueType, part?: 'monthDay'): FieldRef => ({
  operand:
    part === undefined
      ? { kind: 'jsonPath', column: name, path }
      : { kind: 'jsonPath', column: name, path, part },
  type,
});

/** Every field of a table: its columns, the custom paths, and paths into its other JSON columns. */
function fieldRefs(table: DatasetTable): FieldRef[] {
  const refs: FieldRef[] = [];
  for (const def of tableDef(table).columns) {
    if (def.name === 'tenant_id') continue;
    if (def.type !== 'json') {
      const type = columnValueType[def.type] as ValueType;
      refs.push(column(def.name, type));
      if (type === 'date') refs.push(column(def.name, type, 'monthDay'));
    } else if (listColumns.has(def.name)) refs.push(column(def.name, 'textList'));
    else if (def.name === 'custom') {
      for (const custom of customPaths) {
        refs.push(jsonPath('custom', custom.path, custom.type));
        if (custom.type === 'date') refs.push(jsonPath('custom', custom.path, custom.type, 'monthDay'));
      }
    } else {
      for (const other of otherJsonPaths[def.name] ?? [])
        refs.push(jsonPath(def.name, other.path, other.type));
      // A JSON list of objects read as a list: `empty` sees its length, `has` never matches an object.
      if (def.name === 'emails') refs.push(column(def.name, 'textList'));
    }
  }
  return refs;
}

/** The value at an operand of a row, untyped: a missing key or a step into a non-object reads null. */
export function readRaw(operand: Operand, row: Row): unknown {
  let value: unknown = row[operand.column];
  if (operand.kind === 'jsonPath') {
    for (const key of operand.path) {
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      value =
        isObject && Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : null;
    }
  }
  return value ?? null;
}

/** The value of a field in a row, typed as conditions read it (null for a value of another type). */
export function readField(ref: FieldRef, row: Row): unknown {
  const { operand } = ref;
  let value = readRaw(operand, row);
  if (operand.part === 'monthDay')
    value = typeof value === 'string' ? [...value].slice(5, 10).join('') : null;
  return isOfType(value, ref.type, operand.part) ? value : null;
}

function isOfType(value: unknown, type: ValueType, part: 'monthDay' | undefined): boolean {
  if (part !== undefined) return typeof value === 'string';
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'textList':
      return Array.isArray(value);
    default:
      return typeof value === 'string';
  }
}

function hasExactSums(ref: FieldRef, rows: readonly Row[]): boolean {
  if (ref.type !== 'number') return false;
  let magnitude = 0;
  for (const row of rows) {
    const value = readField(ref, row);
    if (typeof value !== 'number') continue;
    if (!Number.isInteger(value * 1_024)) return false;
    magnitude += Math.abs(value);
  }
  return magnitude <= 2 ** 43;
}

function samplesOf(ref: FieldRef, rows: readonly Row[]): (string | number | boolean)[] {
  const samples = new Set<string | number | boolean>();
  for (const row of rows) {
    const value = readField(ref, row);
    if (Array.isArray(value)) {
      for (const element of value) if (typeof element === 'string') samples.add(element);
    } else if (value !== null) samples.add(value as string | number | boolean);
  }
  return [...samples];
}

const link = (
  table: DatasetTable,
  foreignColumn: string,
  localColumn: string,
  kind: Relation['link'] = 'column',
): RelationEntry => ({ relation: { table, link: kind, foreignColumn, localColumn } });

/**
 * The relations of each table: the ones the CRM uses (a person's orders, company, activities and owner)
 * and some it does not (people and companies of the same region, members whose skills name a person's
 * region), which hold nulls, case variants and duplicates on both sides of the link.
 */
const relations: Readonly<Record<DatasetTable, readonly RelationEntry[]>> = {
  people: [
    link('orders', 'person_id', 'id'),
    link('companies', 'id', 'company_id'),
    link('activities', 'person_ids', 'id', 'list'),
    link('members', 'id', 'owner_id'),
    link('companies', 'region', 'region'),
    link('members', 'skills', 'region', 'list'),
  ],
  companies: [
    link('people', 'company_id', 'id'),
    link('orders', 'company_id', 'id'),
    link('activities', 'company_id', 'id'),
    link('members', 'id', 'owner_id'),
  ],
  orders: [
    link('people', 'id', 'person_id'),
    link('companies', 'id', 'company_id'),
    link('orders', 'owner_id', 'owner_id'),
  ],
  activities: [link('companies', 'id', 'company_id'), link('members', 'id', 'owner_id')],
  members: [
    link('people', 'owner_id', 'id'),
    link('companies', 'owner_id', 'id'),
    link('orders', 'owner_id', 'id'),
    link('activities', 'owner_id', 'id'),
  ],
};

/**
 * The catalogue of a dataset: for every table, its fields with the values the dataset holds (of both
 * tenants), so that generated conditions often name values that exist and match something.
 *
 * @example
 * ```ts
 * const catalogue = buildCatalogue(dataset);
 * catalogue.people.fields.find((field) => field.ref.operand.column === 'region')?.samples;
 * ```
 */
export function buildCatalogue(dataset: Dataset): Catalogue {
  const catalogue = {} as Record<DatasetTable, TableCatalogue>;
  for (const table of datasetTables) {
    const rows = Object.values(dataset.tenants).flatMap((tenant) => tenant[table]);
    catalogue[table] = {
      table,
      fields: fieldRefs(table).map((ref) => ({
        ref,
        samples: samplesOf(ref, rows),
        exactSums: hasExactSums(ref, rows),
      })),
      relations: relations[table],
    };
  }
  return catalogue;
}
