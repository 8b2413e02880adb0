import type { AuditEntry } from '../audit/audit-entry';
import { readRecordHistory } from '../audit/record-history';
import type { EntityName } from '../entities/entity-name';
import type { EntityTypes } from '../entities/types';
import type { AcceptsFilter, Filter } from '../filter/filter-types';
import type { CreateOptions } from './create-records';
import { createRecords } from './create-records';
import type { ImportOptions, ImportResult } from './import-records';
import { importRecords } from './import-records';
import type { LifecycleOptions } from './lifecycle';
import { archiveRecord, deleteRecord, restoreRecord } from './lifecycle';
import type { ListOptions, Page } from './list-options';
import { checkId } from './load-current';
import type { GetOptions } from './read-records';
import { countRecords, getRecord, getRecords, listRecords } from './read-records';
import type { UpdateOptions } from './update-record';
import { updateRecord } from './update-record';
import type { UpsertResult } from './upsert-record';
import { upsertRecord } from './upsert-record';
import type { WriteScope } from './write-scope';

type RecordOf<E extends EntityName> = EntityTypes[E]['record'];
type InputOf<E extends EntityName> = EntityTypes[E]['input'];
type IncludeName<E extends EntityName> = keyof EntityTypes[E]['includes'] & string;
type FieldName<E extends EntityName> = keyof RecordOf<E> & string;

/** A record with the includes a read asked for. */
export type WithIncludes<E extends EntityName, I extends IncludeName<E>> = [I] extends [never]
  ? RecordOf<E>
  : RecordOf<E> & Pick<EntityTypes[E]['includes'], I>;

/** The changes an update takes: any subset of the create input; `custom` keys are merged, `null` clears. */
export type UpdateInput<E extends EntityName> = Partial<InputOf<E>>;

/**
 * One records API for every entity: create, read, update, upsert, archive, restore, delete, list and
 * count, all in the tenant and as the actor of the session that made it.
 *
 * @example
 * ```ts
 * const people = crm.as({ tenantId: 'acme', actor: { id: 'u1' } }).people;
 * const ann = await people.create({ firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
 * const renamed = await people.update(ann.id, { lastName: 'Lee' }, { version: ann.version });
 * const page = await people.list({ where: { field: 'lastName', op: 'eq', value: 'Lee' } });
 * ```
 */
export class Repository<E extends EntityName> {
  readonly #scope: WriteScope;

  constructor(scope: WriteScope) {
    this.#scope = scope;
  }

  /** The entity this repository reads and writes. */
  get entity(): E {
    return this.#scope.entity.name as E;
  }

  /**
   * Creates a record. Bad input throws VALIDATION_FAILED with every issue and writes nothing.
   *
   * @example
   * ```ts
   * const acme = await crm.companies.create({ name: 'Acme', domain: 'acme.com', custom: { tier: 'gold' } });
   * ```
   */
  async create(input: InputOf<E>, options?: CreateOptions): Promise<RecordOf<E>> {
    const [record] = await createRecords(this.#scope, [input], false, options);
    return record as unknown as RecordOf<E>;
  }

  /**
   * Creates many records in one transaction: all of them or none. Issue paths start with the input's index.
   *
   * @example
   * ```ts
   * await crm.people.createMany(rows.map((row) => ({ firstName: row.first, emails: [{ address: row.email }] })));
   * ```
   */
  async createMany(inputs: readonly InputOf<E>[], options?: CreateOptions): Promise<RecordOf<E>[]> {
    return (await createRecords(this.#scope, inputs, true, options)) as unknown as RecordOf<E>[];
  }

  /**
   * Imports many records in one transaction, the bulk way: all of them or none, with the same validation,
   * access checks, references and unique values as {@link createMany}, and the rows bulk-loaded (COPY on
   * Postgres). Each record gets its own audit entry; the import writes one `<entity>.imported` event instead
   * of a `created` event per record, so rules on `created` do not start, and no follow-up or duplicate
   * check runs per record. People and companies imported this way have no match keys until
   * `crm.duplicates.reindex()` runs. Segment membership and customer value stay current.
   *
   * @example
   * ```ts
   * const { importId, records } = await crm.people.importMany(rows, { source: 'contacts.csv' });
   * await crm.duplicates.reindex();
   * ```
   */
  async importMany(
    inputs: readonly InputOf<E>[],
    options?: ImportOptions,
  ): Promise<ImportResult<RecordOf<E>>> {
    return (await importRecords(this.#scope, inputs, options)) as unknown as ImportResult<RecordOf<E>>;
  }

  /**
   * Reads a record by id, with optional includes and field selection. Throws NOT_FOUND.
   *
   * @example
   * ```ts
   * const person = await crm.people.get(id, { include: ['company'] });
   * person.company?.name;
   * ```
   */
  get<const I extends IncludeName<E> = never>(
    id: string,
    options?: GetOptions<FieldName<E>, I>,
  ): Promise<WithIncludes<E, I>> {
    // The promise itself, not an async wrapper around it: the point read is the hottest call.
    return getRecord(this.#scope, id, options) as unknown as Promise<WithIncludes<E, I>>;
  }

  /**
   * Reads records by id in the order given; ids that match nothing are left out.
   *
   * @example
   * ```ts
   * const [first, second] = await crm.deals.getMany([idA, idB]);
   * ```
   */
  async getMany<const I extends IncludeName<E> = never>(
    ids: readonly string[],
    options?: GetOptions<FieldName<E>, I>,
  ): Promise<WithIncludes<E, I>[]> {
    return (await getRecords(this.#scope, ids, options)) as unknown as WithIncludes<E, I>[];
  }

  /**
   * Updates a record with the version the caller read. A stale version throws VERSION_CONFLICT; changes
   * that change nothing return the record as it is, without a new version.
   *
   * @example
   * ```ts
   * const updated = await crm.people.update(person.id, { region: 'North' }, { version: person.version });
   * ```
   */
  async update(id: string, changes: UpdateInput<E>, options: UpdateOptions): Promise<RecordOf<E>> {
    return (await updateRecord(this.#scope, id, changes, options)) as unknown as RecordOf<E>;
  }

  /**
   * Creates the record, or updates the one with the same unique key (`email`, `domain`, `sku`,
   * `externalId`, ...). Concurrent upserts of one key leave one record.
   *
   * @example
   * ```ts
   * const { record, created } = await crm.people.upsert('email', { firstName: 'Ann', emails: [{ address: 'ann@example.com' }] });
   * ```
   */
  async upsert(by: FieldName<E>, input: InputOf<E>): Promise<UpsertResult<RecordOf<E>>> {
    return (await upsertRecord(this.#scope, by, input)) as unknown as UpsertResult<RecordOf<E>>;
  }

  /**
   * Archives a record: it stays readable by id and leaves lists unless they ask for archived records.
   *
   * @example
   * ```ts
   * await crm.companies.archive(company.id);
   * ```
   */
  async archive(id: string, options?: LifecycleOptions): Promise<RecordOf<E>> {
    return (await archiveRecord(this.#scope, id, options)) as unknown as RecordOf<E>;
  }

  /**
   * Restores an archived record.
   *
   * @example
   * ```ts
   * await crm.companies.restore(company.id);
   * ```
   */
  async restore(id: string, options?: LifecycleOptions): Promise<RecordOf<E>> {
    return (await restoreRecord(this.#scope, id, options)) as unknown as RecordOf<E>;
  }

  /**
   * Deletes a record for good (the audit log keeps its last values). Refused with REFERENCED while other
   * records point at it.
   *
   * @example
   * ```ts
   * await crm.tags.delete(tag.id);
   * ```
   */
  async delete(id: string, options?: LifecycleOptions): Promise<void> {
    await deleteRecord(this.#scope, id, options);
  }

  /**
   * Lists records with a filter, a sort, keyset pagination, an optional total, field selection and includes.
   *
   * @example
   * ```ts
   * const page = await crm.people.list({ where: { field: 'custom.tier', op: 'eq', value: 'gold' }, orderBy: '-createdAt', limit: 20 });
   * ```
   */
  async list<const I extends IncludeName<E> = never, const W extends Filter<E> | Filter = Filter<E>>(
    options?: AcceptsFilter<E, W> extends true
      ? ListOptions<FieldName<E>, I, W>
      : ListOptions<FieldName<E>, I, NoInfer<Filter<E>>>,
  ): Promise<Page<WithIncludes<E, I>>> {
    return (await listRecords(this.#scope, options as ListOptions)) as unknown as Page<WithIncludes<E, I>>;
  }

  /**
   * Counts records matching a filter.
   *
   * @example
   * ```ts
   * const leads = await crm.people.count({ where: { field: 'lifecycleStage', op: 'eq', value: 'lead' } });
   * ```
   */
  async count<const W extends Filter<E> | Filter = Filter<E>>(
    options?: AcceptsFilter<E, W> extends true
      ? Pick<ListOptions<string, string, W>, 'where' | 'archived'>
      : Pick<ListOptions<string, string, NoInfer<Filter<E>>>, 'where' | 'archived'>,
  ): Promise<number> {
    return countRecords(this.#scope, options as Pick<ListOptions, 'where' | 'archived'>);
  }

  /**
   * The audit trail of one record, oldest first.
   *
   * @example
   * ```ts
   * for (const entry of await crm.people.history(id)) console.log(entry.action, entry.changes);
   * ```
   */
  async history(id: string): Promise<AuditEntry[]> {
    checkId(id);
    return readRecordHistory(this.#scope.runtime, this.#scope.context, this.#scope.entity.name, id);
  }
}
