import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import type { Changes, FieldChange } from '../events/crm-events';
import { uuidv7 } from '../ids/uuidv7';
import { columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { checkId } from '../records/load-current';
import type { CrmRuntime } from '../records/runtime';
import { writeJournal } from '../records/write-journal';
import type { StorageWriter } from '../storage/adapter';
import { isPlainObject } from '../util/is-plain-object';
import type { FollowUpCadence, FollowUpCadenceChanges, FollowUpCadenceInput } from './cadence';
import { cadencesTableName, cadenceToRow, loadCadences, rowToCadence } from './cadence-table';
import { checkCadence } from './check-cadence';

/** The fields of a cadence whose changes the audit log reports. */
const reported = ['name', 'trigger', 'orderTypes', 'steps', 'fallbackAssigneeId', 'active'] as const;

function cadenceChanges(before: FollowUpCadence | null, after: FollowUpCadence | null): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const name of reported) {
    const previous = before?.[name] ?? null;
    const next = after?.[name] ?? null;
    if (!jsonEqual(previous, next)) changes[name] = { before: previous, after: next };
  }
  return changes;
}

function duplicateName(error: unknown): never {
  if (!isRapportError(error, 'DUPLICATE')) throw error;
  throw new RapportError('DUPLICATE', 'Another cadence has this name', {
    issues: [{ code: 'duplicate', path: ['name'], message: 'This name is taken' }],
    details: { entity: 'followUpCadence', fields: ['name'] },
  });
}

function notFound(id: string): RapportError {
  return new RapportError('NOT_FOUND', `No follow-up cadence with id ${id}`, {
    details: { entity: 'followUpCadence', id },
  });
}

function versionConflict(cadence: FollowUpCadence, expected: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `Follow-up cadence ${cadence.id} is at version ${cadence.version}, not ${expected}: reload and retry`,
    { details: { entity: 'followUpCadence', id: cadence.id, expected, actual: cadence.version } },
  );
}

/** The input-shaped fields of a stored cadence: what an update lays its changes over. */
function inputOf(cadence: FollowUpCadence): FollowUpCadenceInput {
  const { id: _id, version: _version, createdAt: _created, updatedAt: _updated, ...input } = cadence;
  return input;
}

/**
 * Follow-up cadences of one tenant: after a won deal or a fulfilled order, tasks on a schedule (a call
 * after 7 days, a check-in after 30) for the owner, created in the same transaction as the win. Each
 * change of a cadence is audited (`followUpCadence`) and goes to the outbox. See `docs/sales.md`.
 *
 * @example
 * ```ts
 * const acme = crm.as({ tenantId: 'acme', actor: { id: 'admin' } });
 * await acme.followUps.define({
 *   name: 'After a sale',
 *   trigger: 'dealWon',
 *   steps: [
 *     { offsetDays: 7, title: 'Call: how is it going?', kind: 'call' },
 *     { offsetDays: 30, title: 'Check-in', kind: 'check-in' },
 *   ],
 * });
 * // From now on, winning a deal creates both tasks for its owner.
 * ```
 */
export class FollowUpsApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * The tenant's cadences, by name.
   *
   * @example
   * ```ts
   * for (const cadence of await crm.followUps.list()) console.log(cadence.name, cadence.trigger);
   * ```
   */
  async list(): Promise<FollowUpCadence[]> {
    return loadCadences(this.#runtime.storage, this.#context.tenantId);
  }

  /**
   * One cadence by id; NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const cadence = await crm.followUps.get(id);
   * ```
   */
  async get(id: string): Promise<FollowUpCadence> {
    checkId(id);
    const row = await this.#runtime.storage.findById({
      table: cadencesTableName,
      tenantId: this.#context.tenantId,
      id,
    });
    if (row === undefined) throw notFound(id);
    return rowToCadence(row);
  }

  /**
   * Saves a new cadence, active unless `active: false`. Bad input throws VALIDATION_FAILED with every
   * issue at its path; an unknown fallback member INVALID_REFERENCE; a name already used DUPLICATE.
   *
   * @example
   * ```ts
   * await crm.followUps.define({
   *   name: 'After delivery',
   *   trigger: 'orderFulfilled',
   *   orderTypes: ['sale', 'subscription'],
   *   fallbackAssigneeId: 'account-desk',
   *   steps: [{ offsetDays: 3, title: 'Did it arrive well?', kind: 'call' }],
   * });
   * ```
   */
  async define(input: FollowUpCadenceInput): Promise<FollowUpCadence> {
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage
      .transaction(async (tx) => {
        const checked = await checkCadence(tx, this.#context.tenantId, input);
        const cadence: FollowUpCadence = {
          ...checked,
          id: uuidv7(),
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        await tx.insert({ table: cadencesTableName, rows: [cadenceToRow(this.#context.tenantId, cadence)] });
        await this.#journal(tx, at, null, cadence);
        return cadence;
      })
      .catch(duplicateName);
  }

  /**
   * Changes a cadence with the version the caller read (VERSION_CONFLICT when stale): any subset of its
   * fields, checked whole as on `define`. `{ active: false }` pauses it. Changes that change nothing return
   * the cadence as it is. Tasks already created stay as they are.
   *
   * @example
   * ```ts
   * await crm.followUps.update(cadence.id, { active: false }, { version: cadence.version });
   * ```
   */
  async update(
    id: string,
    changes: FollowUpCadenceChanges,
    options: { readonly version: number },
  ): Promise<FollowUpCadence> {
    if (!Number.isInteger(options?.version)) {
      throw new RapportError(
        'MISUSE',
        'followUps.update(id, changes, { version }) needs the version the caller read',
      );
    }
    if (!isPlainObject(changes)) {
      throw validationError([
        { code: 'invalid_type', path: [], message: 'Expected the cadence fields to change' },
      ]);
    }
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage
      .transaction(async (tx) => {
        const current = await this.#load(tx, id, options.version);
        const checked = await checkCadence(tx, this.#context.tenantId, { ...inputOf(current), ...changes });
        const next: FollowUpCadence = { ...current, ...checked, version: current.version + 1, updatedAt: at };
        if (Object.keys(cadenceChanges(current, next)).length === 0) return current;
        const {
          tenant_id: _tenant,
          id: _id,
          created_at: _created,
          ...values
        } = cadenceToRow(this.#context.tenantId, next);
        const count = await tx.update({
          table: cadencesTableName,
          tenantId: this.#context.tenantId,
          id,
          expectedVersion: current.version,
          values,
        });
        if (count === 0) throw versionConflict(next, current.version);
        await this.#journal(tx, at, current, next);
        return next;
      })
      .catch(duplicateName);
  }

  /**
   * Deletes a cadence for good (the audit log keeps its last values); tasks it created stay.
   *
   * @example
   * ```ts
   * await crm.followUps.delete(cadence.id);
   * ```
   */
  async delete(id: string): Promise<void> {
    const at = this.#runtime.now().toISOString();
    await this.#runtime.storage.transaction(async (tx) => {
      const current = await this.#load(tx, id, undefined);
      await tx.delete({
        table: cadencesTableName,
        tenantId: this.#context.tenantId,
        where: columnEquals('id', id),
      });
      await this.#journal(tx, at, current, null);
    });
  }

  async #load(tx: StorageWriter, id: string, version: number | undefined): Promise<FollowUpCadence> {
    checkId(id);
    const row = await tx.findById({ table: cadencesTableName, tenantId: this.#context.tenantId, id });
    if (row === undefined) throw notFound(id);
    const cadence = rowToCadence(row);
    if (version !== undefined && cadence.version !== version) throw versionConflict(cadence, version);
    return cadence;
  }

  async #journal(
    tx: StorageWriter,
    at: string,
    before: FollowUpCadence | null,
    after: FollowUpCadence | null,
  ): Promise<void> {
    const record = (after ?? before) as FollowUpCadence;
    await writeJournal(tx, this.#context, at, [
      {
        entity: 'followUpCadence',
        action: before === null ? 'created' : after === null ? 'deleted' : 'updated',
        recordId: record.id,
        version: record.version,
        changes: cadenceChanges(before, after),
        record: { ...record },
      },
    ]);
  }
}
