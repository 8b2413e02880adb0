import type * as z from 'zod';
import type { ForeignKeyDef, IndexDef, TableDef } from '../storage/schema';
import type { EntityName } from './entity-name';
import type { FieldDeclarations, FieldDef } from './field-def';
import { declareFields, field } from './field-def';

/** A related record a read can include: `include: ['company']` on a person. */
export interface IncludeDef {
  /** The field holding the related id (or list of ids). */
  readonly field: string;
  readonly entity: EntityName;
}

/** What every stored record carries. */
export interface BaseRecord {
  readonly id: string;
  /** Starts at 1 and grows by one on every change; an update states the version it read. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  /** Set while the record is archived; archived records are left out of lists unless asked for. */
  readonly archivedAt: string | null;
}

/** What records of extensible entities (everything but members, tags and pipelines) carry too. */
export interface ExtensibleRecord {
  /** The record's id in another system; unique per tenant and entity; usable as an upsert key. */
  readonly externalId: string | null;
  readonly tags: string[];
  /** Values of the tenant's custom fields, by key. */
  readonly custom: Record<string, unknown>;
}

/** The tenant settings normalisation reads. */
export interface NormalizeSettings {
  readonly defaultCountry: string | null;
  readonly defaultCurrency: string;
}

/** Hooks a definition may give to the write path, in write-path order. */
export interface EntityHooks {
  /**
   * Fills defaults that depend on the tenant or the moment (a deal's currency from the default currency, an
   * activity's time). `at` is the instant of the write by the CRM's clock, so defaults never read the
   * machine's clock behind the host's back.
   */
  readonly defaults?: (
    input: Record<string, unknown>,
    settings: NormalizeSettings,
    at: string,
  ) => Record<string, unknown>;
  /** Normalises raw input before validation (phone numbers to E.164 in the tenant's country). */
  readonly normalize?: (
    input: Record<string, unknown>,
    settings: NormalizeSettings,
  ) => Record<string, unknown>;
  /** Cross-field checks on validated values; report problems with `ctx.addIssue`. */
  readonly refine?: (values: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  /**
   * Where a stored field comes from in the input, for issue paths: a person's derived `email` is
   * `emails[i].address` of the primary entry. Undefined (or no hook) means the field itself.
   */
  readonly inputPath?: (
    field: string,
    values: Readonly<Record<string, unknown>>,
  ) => (string | number)[] | undefined;
  /** Computes stored fields from validated values (a person's primary email, an order's total). */
  readonly derive?: (values: Record<string, unknown>) => Record<string, unknown>;
}

/** The definition of one entity: its fields, input schema, keys, relations and hooks. */
export interface EntitySpec<TShape extends z.ZodRawShape> extends EntityHooks {
  readonly name: EntityName;
  /** The name of its repository on a CRM session: `crm.people`. */
  readonly collection: string;
  readonly table: string;
  /** Whether records carry `externalId`, `tags` and `custom`. */
  readonly extensible: boolean;
  /** Stored fields that are not part of the base record. */
  readonly fields: FieldDeclarations;
  /** The zod shape of the create input (custom fields are added per tenant at run time). */
  readonly input: TShape;
  /** Fields with a unique index, usable as upsert keys (`externalId` is added for extensible entities). */
  readonly uniqueKeys?: readonly string[];
  /** Fields (or field lists) with a non-unique index, for the common filters and sorts. */
  readonly indexes?: readonly (readonly string[])[];
  readonly includes?: Readonly<Record<string, IncludeDef>>;
  /** Fields computed by `derive`: stored and filterable, never accepted as input. */
  readonly derived?: readonly string[];
}

/** An entity definition with everything the records layer needs precomputed. */
export interface EntityDef<TShape extends z.ZodRawShape = z.ZodRawShape> extends EntitySpec<TShape> {
  /** Every stored field by name, base fields included. */
  readonly allFields: Readonly<Record<string, FieldDef>>;
  readonly uniqueKeys: readonly string[];
  readonly includes: Readonly<Record<string, IncludeDef>>;
  readonly derived: readonly string[];
  readonly tableDef: TableDef;
}

const baseFields: FieldDeclarations = {
  id: field.text({ nullable: false }),
  version: field.integer({ nullable: false }),
  createdAt: field.timestamp({ nullable: false }),
  updatedAt: field.timestamp({ nullable: false }),
  createdBy: field.text(),
  updatedBy: field.text(),
  archivedAt: field.timestamp(),
};

const extensibleFields: FieldDeclarations = {
  externalId: field.text(),
  tags: field.textList(),
  custom: field.json({ nullable: false }),
};

/** Table names of the entities, so foreign keys can name the table of a referenced entity. */
const tableOf: Record<EntityName, string> = {
  company: 'companies',
  person: 'people',
  deal: 'deals',
  activity: 'activities',
  task: 'tasks',
  product: 'products',
  order: 'orders',
  member: 'members',
  tag: 'tags',
  pipeline: 'pipelines',
};

/** The table that stores an entity. */
export function tableOfEntity(entity: EntityName): string {
  return tableOf[entity];
}

/**
 * The table as the foundation migration creates it: fields and indexes added by a later migration (`since`)
 * are left out; {@link fieldsAddedIn} adds them.
 */
function buildTableDef(
  spec: EntitySpec<z.ZodRawShape>,
  allFields: Record<string, FieldDef>,
  uniqueKeys: readonly string[],
): TableDef {
  const fields = Object.fromEntries(Object.entries(allFields).filter(([, def]) => def.since === undefined));
  const column = (name: string) => (fields[name] as FieldDef).column;
  const indexes: IndexDef[] = [
    ...uniqueKeys.map((key) => ({
      name: `${spec.table}_${column(key)}_unique`,
      columns: ['tenant_id', column(key)],
      unique: true,
    })),
    ...(spec.indexes ?? [])
      .filter((names) => names.every((name) => name in fields))
      .map((names) => ({
        name: `${spec.table}_${names.map(column).join('_')}_idx`,
        columns: ['tenant_id', ...names.map(column)],
        unique: false,
      })),
  ];
  const foreignKeys: ForeignKeyDef[] = Object.values(fields)
    .filter((def) => def.references !== undefined && def.valueType !== 'textList')
    .map((def) => ({
      name: `${spec.table}_${def.column}_fk`,
      columns: ['tenant_id', def.column],
      references: { table: tableOf[def.references as EntityName], columns: ['tenant_id', 'id'] },
    }));
  return {
    name: spec.table,
    columns: [
      { name: 'tenant_id', type: 'text', nullable: false },
      ...Object.values(fields).map((def) => ({
        name: def.column,
        type: def.columnType,
        nullable: def.nullable,
      })),
    ],
    primaryKey: ['tenant_id', 'id'],
    indexes,
    foreignKeys,
  };
}

/**
 * Defines an entity from its spec: adds the base (and extensible) fields, the unique keys and the table.
 *
 * @example
 * ```ts
 * const tagEntity = defineEntity({
 *   name: 'tag', collection: 'tags', table: 'tags', extensible: false,
 *   fields: { name: field.text({ nullable: false }) },
 *   input: { name: z.string().trim().min(1) },
 *   uniqueKeys: ['name'],
 * });
 * ```
 */
export function defineEntity<TShape extends z.ZodRawShape>(spec: EntitySpec<TShape>): EntityDef<TShape> {
  const allFields = declareFields({
    ...baseFields,
    ...(spec.extensible ? extensibleFields : {}),
    ...spec.fields,
  });
  const uniqueKeys = [...(spec.uniqueKeys ?? []), ...(spec.extensible ? ['externalId'] : [])];
  return {
    ...spec,
    allFields,
    uniqueKeys,
    includes: spec.includes ?? {},
    derived: spec.derived ?? [],
    tableDef: buildTableDef(spec, allFields, uniqueKeys),
  };
}
