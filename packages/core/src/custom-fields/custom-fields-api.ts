import type { EntityName } from '../entities/entity-name';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { uuidv7 } from '../ids/uuidv7';
import { allOf, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import type { CrmRuntime } from '../records/runtime';
import { writeJournal } from '../records/write-journal';
import type { CustomFieldIndexArgs, StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import { checkDefinition } from './check-definition';
import type {
  CustomFieldChanges,
  CustomFieldDefinition,
  CustomFieldInput,
  ExtensibleEntityName,
} from './custom-field-definition';
import { customFieldInputSchema } from './custom-field-definition';
import { customFieldIndex, definitionsAskingFor, isSameIndex } from './custom-field-index';
import { definitionToRow, loadDefinitions, rowToDefinition } from './definition-rows';
import { findOffendingRecords } from './find-offending-records';

/** Settings whose change can make stored values invalid, so changing them rechecks existing records. */
const constraining = [
  'type',
  'required',
  'unique',
  'min',
  'max',
  'pattern',
  'options',
  'relationEntity',
  'scale',
] as const;

// Where definitions are stored: an index is kept while a row here still asks for it.
const definitionsTable = 'custom_fields';

function toInput(definition: CustomFieldDefinition): Record<string, unknown> {
  const {
    id: _id,
    version: _version,
    archivedAt: _archived,
    createdAt: _created,
    updatedAt: _updated,
    ...input
  } = definition;
  return input;
}

/**
 * Custom fields a tenant defines at run time, per entity. A definition becomes part of the entity's
 * validation at once; its values live in each record's `custom` and are filterable and sortable as
 * `custom.<key>`.
 *
 * @example
 * ```ts
 * await crm.customFields.define({ entity: 'person', key: 'tier', label: 'Tier', type: 'select',
 *   options: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] });
 * await crm.people.create({ firstName: 'Ann', custom: { tier: 'gold' } });
 * ```
 */
export class CustomFieldsApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * Defines a custom field. Its key must be new for the entity (DUPLICATE otherwise). With `indexed: true`
   * the storage builds an index on the field's values first (an adapter that can; see `indexed`), so
   * `define` takes as long as indexing the entity's table.
   *
   * @example
   * ```ts
   * await crm.customFields.define({ entity: 'company', key: 'arr', label: 'ARR', type: 'money' });
   * ```
   */
  async define(input: CustomFieldInput): Promise<CustomFieldDefinition> {
    const parsed = customFieldInputSchema.safeParse(input);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const at = this.#runtime.now().toISOString();
    const definition: CustomFieldDefinition = {
      ...parsed.data,
      id: uuidv7(),
      version: 1,
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    const issues = checkDefinition(definition);
    if (issues.length > 0) throw validationError(issues);
    await this.#withIndexes(null, definition, () =>
      this.#write(null, definition, at, async (tx) => {
        await tx.insert({
          table: 'custom_fields',
          rows: [definitionToRow(this.#context.tenantId, definition)],
        });
      }),
    ).catch((error: unknown) => {
      if (!isRapportError(error, 'DUPLICATE')) throw error;
      throw new RapportError(
        'DUPLICATE',
        `${definition.entity} already has a custom field "${definition.key}"`,
        {
          issues: [
            { code: 'duplicate', path: ['key'], message: 'This key is taken (perhaps by an archived field)' },
          ],
          details: { entity: 'customField', fields: ['key'] },
        },
      );
    });
    return definition;
  }

  /**
   * Changes a definition. A label change never touches stored data. A change that existing values cannot
   * satisfy (a type, options, bounds, required, unique) is refused with TYPE_CHANGE_REFUSED and the count
   * of offending records in `details.offending`. Setting `indexed` builds the field's index before the
   * change is written; clearing it (or archiving the field) drops the index once no definition of any
   * tenant asks for it.
   *
   * @example
   * ```ts
   * await crm.customFields.update(field.id, { label: 'Customer tier' }, { version: field.version });
   * ```
   */
  async update(
    id: string,
    changes: CustomFieldChanges,
    options: { readonly version: number },
  ): Promise<CustomFieldDefinition> {
    const current = await this.get(id);
    this.#checkVersion(current, options?.version);
    if (typeof changes !== 'object' || changes === null)
      throw validationError([{ code: 'invalid_type', path: [], message: 'Expected changes' }]);
    for (const fixed of ['entity', 'key'] as const) {
      if (fixed in changes && (changes as Record<string, unknown>)[fixed] !== current[fixed]) {
        throw validationError([
          { code: 'immutable', path: [fixed], message: `The ${fixed} of a custom field never changes` },
        ]);
      }
    }
    const parsed = customFieldInputSchema.safeParse({ ...toInput(current), ...changes });
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const at = this.#runtime.now().toISOString();
    const next: CustomFieldDefinition = {
      ...current,
      ...parsed.data,
      version: current.version + 1,
      updatedAt: at,
    };
    const issues = checkDefinition(next);
    if (issues.length > 0) throw validationError(issues);
    const constrains = constraining.some((name) => !jsonEqual(current[name], next[name]));
    await this.#withIndexes(current, next, () =>
      this.#write(current, next, at, async (tx) => {
        if (constrains) await this.#recheck(tx, current, next);
        await this.#replace(tx, current, next);
      }),
    );
    return next;
  }

  /**
   * Archives a definition: its values stay stored, it is no longer accepted in writes or filters.
   *
   * @example
   * ```ts
   * await crm.customFields.archive(field.id);
   * ```
   */
  async archive(id: string): Promise<CustomFieldDefinition> {
    return this.#setArchived(id, true);
  }

  /**
   * Restores an archived definition, with the values records still hold.
   *
   * @example
   * ```ts
   * await crm.customFields.restore(field.id);
   * ```
   */
  async restore(id: string): Promise<CustomFieldDefinition> {
    return this.#setArchived(id, false);
  }

  /**
   * One definition by id; NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const field = await crm.customFields.get(id);
   * ```
   */
  async get(id: string): Promise<CustomFieldDefinition> {
    const row =
      typeof id === 'string'
        ? await this.#runtime.storage.findById({
            table: 'custom_fields',
            tenantId: this.#context.tenantId,
            id,
          })
        : undefined;
    if (row === undefined)
      throw new RapportError('NOT_FOUND', `No custom field with id ${String(id)}`, {
        details: { entity: 'customField', id },
      });
    return rowToDefinition(row);
  }

  /**
   * The definitions of one entity (or all), by position then key.
   *
   * @example
   * ```ts
   * const fields = await crm.customFields.list({ entity: 'person' });
   * ```
   */
  async list(
    query: { readonly entity?: ExtensibleEntityName; readonly includeArchived?: boolean } = {},
  ): Promise<CustomFieldDefinition[]> {
    const entities: readonly ExtensibleEntityName[] = query.entity
      ? [query.entity]
      : ['company', 'person', 'deal', 'activity', 'task', 'product', 'order'];
    const all = (
      await Promise.all(
        entities.map((entity) =>
          loadDefinitions(this.#runtime.storage, this.#context.tenantId, entity as EntityName),
        ),
      )
    ).flat();
    return query.includeArchived ? all : all.filter((definition) => definition.archivedAt === null);
  }

  async #setArchived(id: string, archived: boolean): Promise<CustomFieldDefinition> {
    const current = await this.get(id);
    if ((current.archivedAt !== null) === archived) return current;
    const at = this.#runtime.now().toISOString();
    const next: CustomFieldDefinition = {
      ...current,
      archivedAt: archived ? at : null,
      version: current.version + 1,
      updatedAt: at,
    };
    await this.#withIndexes(current, next, () =>
      this.#write(current, next, at, (tx) => this.#replace(tx, current, next)),
    );
    return next;
  }

  /**
   * Runs `write` with the storage's indexes in step: an index the change asks for is built before it, so a
   * failure to build one changes nothing, and again after it, because a drop for another tenant running
   * meanwhile may have missed this definition (see `DropCustomFieldIndex`); an index the change no longer
   * asks for is dropped after it, unless some definition of any tenant still does.
   */
  async #withIndexes(
    before: CustomFieldDefinition | null,
    after: CustomFieldDefinition,
    write: () => Promise<void>,
  ): Promise<void> {
    const { storage } = this.#runtime;
    const had = before === null ? undefined : customFieldIndex(before);
    const wanted = customFieldIndex(after);
    const isNew = wanted !== undefined && !isSameIndex(had, wanted);
    if (isNew) await storage.indexCustomField?.(wanted);
    try {
      await write();
    } catch (error) {
      // The write changed nothing, so neither does the index built for it; the write's error is the one to report.
      if (isNew) await this.#dropIndex(after, wanted).catch(() => undefined);
      throw error;
    }
    if (isNew) await storage.indexCustomField?.(wanted);
    if (had !== undefined && !isSameIndex(had, wanted)) await this.#dropIndex(after, had);
  }

  async #dropIndex(definition: CustomFieldDefinition, index: CustomFieldIndexArgs): Promise<void> {
    await this.#runtime.storage.dropCustomFieldIndex?.({
      ...index,
      keptBy: {
        table: definitionsTable,
        where: definitionsAskingFor(definition.entity, definition.key, index),
      },
    });
  }

  #checkVersion(current: CustomFieldDefinition, version: unknown): void {
    if (!Number.isInteger(version))
      throw new RapportError('MISUSE', 'update(id, changes, { version }) needs the version the caller read');
    if (current.version !== version) {
      throw new RapportError(
        'VERSION_CONFLICT',
        `Custom field ${current.key} is at version ${current.version}, not ${String(version)}`,
        {
          details: { entity: 'customField', id: current.id, expected: version, actual: current.version },
        },
      );
    }
  }

  async #replace(
    tx: StorageWriter,
    current: CustomFieldDefinition,
    next: CustomFieldDefinition,
  ): Promise<void> {
    const { tenant_id: _tenant, id: _id, ...values } = definitionToRow(this.#context.tenantId, next);
    const count = await tx.update({
      table: 'custom_fields',
      tenantId: this.#context.tenantId,
      id: current.id,
      expectedVersion: current.version,
      values,
    });
    if (count === 0)
      throw new RapportError(
        'VERSION_CONFLICT',
        `Custom field ${current.key} changed while it was being written`,
      );
  }

  /** Refuses a change existing data cannot satisfy; keeps `unique_values` in step with the unique flag. */
  async #recheck(
    tx: StorageWriter,
    current: CustomFieldDefinition,
    next: CustomFieldDefinition,
  ): Promise<void> {
    const scan = await findOffendingRecords(tx, this.#context.tenantId, next);
    if (scan.offending > 0) {
      throw new RapportError(
        'TYPE_CHANGE_REFUSED',
        `${scan.offending} record(s) hold values that ${next.key} would no longer accept`,
        {
          details: { field: next.key, entity: next.entity, offending: scan.offending },
          issues: [
            {
              code: 'type_change_refused',
              path: ['type'],
              message: `${scan.offending} record(s) would be invalid`,
            },
          ],
        },
      );
    }
    const byField = allOf(columnEquals('entity', next.entity), columnEquals('field', next.key));
    if (current.unique)
      await tx.delete({
        table: 'unique_values',
        tenantId: this.#context.tenantId,
        where: byField as Condition,
      });
    if (next.unique) {
      const rows = [...scan.uniqueValues].map(([recordId, value]) => ({
        tenant_id: this.#context.tenantId,
        entity: next.entity,
        field: next.key,
        value,
        record_id: recordId,
      }));
      for (let start = 0; start < rows.length; start += 500)
        await tx.insert({ table: 'unique_values', rows: rows.slice(start, start + 500) });
    }
  }

  async #write(
    before: CustomFieldDefinition | null,
    after: CustomFieldDefinition,
    at: string,
    apply: (tx: StorageWriter) => Promise<void>,
  ): Promise<void> {
    const changes = Object.fromEntries(
      Object.keys(after)
        .filter(
          (name) =>
            !jsonEqual(
              before?.[name as keyof CustomFieldDefinition] ?? null,
              after[name as keyof CustomFieldDefinition],
            ),
        )
        .map((name) => [
          name,
          {
            before: before?.[name as keyof CustomFieldDefinition] ?? null,
            after: after[name as keyof CustomFieldDefinition],
          },
        ]),
    );
    const action =
      before === null
        ? 'created'
        : after.archivedAt !== before.archivedAt
          ? after.archivedAt
            ? 'archived'
            : 'restored'
          : 'updated';
    await this.#runtime.storage.transaction(async (tx) => {
      await apply(tx);
      await writeJournal(tx, this.#context, at, [
        {
          entity: 'customField',
          action,
          recordId: after.id,
          version: after.version,
          changes,
          record: { ...after },
        },
      ]);
    });
  }
}
