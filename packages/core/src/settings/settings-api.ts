import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import type { CrmRuntime } from '../records/runtime';
import { writeJournal } from '../records/write-journal';
import { loadSettings, settingsRowId, settingsToRow } from './settings-rows';
import type { SettingsChanges, TenantSettings } from './tenant-settings';
import { settingsChangesSchema } from './tenant-settings';

/**
 * A tenant's settings: time zone, default currency, default country for phone numbers, fiscal year start.
 *
 * @example
 * ```ts
 * const settings = await crm.settings.get();
 * await crm.settings.update({ timeZone: 'Europe/Paris', defaultCurrency: 'EUR' }, { version: settings.version });
 * ```
 */
export class SettingsApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * The tenant's settings; the defaults (UTC, USD, January) at version 0 until first saved.
   *
   * @example
   * ```ts
   * const { timeZone } = await crm.settings.get();
   * ```
   */
  get(): Promise<TenantSettings> {
    return loadSettings(this.#runtime.storage, this.#context.tenantId);
  }

  /**
   * Changes settings with the version the caller read (0 before the first save).
   *
   * @example
   * ```ts
   * await crm.settings.update({ fiscalYearStartMonth: 4 }, { version: 0 });
   * ```
   */
  async update(changes: SettingsChanges, options: { readonly version: number }): Promise<TenantSettings> {
    if (!Number.isInteger(options?.version))
      throw new RapportError(
        'MISUSE',
        'settings.update(changes, { version }) needs the version the caller read',
      );
    const parsed = settingsChangesSchema.safeParse(changes);
    if (!parsed.success) {
      throw validationError(toRapportIssues(parsed.error.issues));
    }
    const { tenantId } = this.#context;
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage.transaction(async (tx) => {
      const current = await loadSettings(tx, tenantId);
      if (current.version !== options.version) {
        throw new RapportError(
          'VERSION_CONFLICT',
          `Settings are at version ${current.version}, not ${options.version}`,
          {
            details: { entity: 'settings', expected: options.version, actual: current.version },
          },
        );
      }
      const fields = Object.keys(parsed.data) as (keyof TenantSettings)[];
      const changed = fields.filter(
        (name) => !jsonEqual(current[name], parsed.data[name as keyof typeof parsed.data]),
      );
      // As for records, a change that changes nothing keeps the version and writes nothing.
      if (changed.length === 0) return current;
      const next: TenantSettings = { ...current, ...parsed.data, version: current.version + 1 };
      const row = settingsToRow(tenantId, next, at, at);
      if (current.version === 0) {
        // Two first saves race on the insert; the loser read a version that no longer holds.
        await tx.insert({ table: 'settings', rows: [row] }).catch((error: unknown) => {
          throw isRapportError(error, 'DUPLICATE')
            ? new RapportError('VERSION_CONFLICT', 'Settings were saved meanwhile: reload and retry')
            : error;
        });
      } else {
        const { tenant_id: _tenant, id: _id, created_at: _created, ...values } = row;
        const count = await tx.update({
          table: 'settings',
          tenantId,
          id: settingsRowId,
          expectedVersion: current.version,
          values,
        });
        // Under READ COMMITTED another save can land between the read and this update.
        if (count === 0)
          throw new RapportError('VERSION_CONFLICT', 'Settings were saved meanwhile: reload and retry');
      }
      const diff = Object.fromEntries(
        changed.map((name) => [name, { before: current[name], after: next[name] }]),
      );
      await writeJournal(tx, this.#context, at, [
        {
          entity: 'settings',
          action: 'updated',
          recordId: settingsRowId,
          version: next.version,
          changes: diff,
          record: { ...next },
        },
      ]);
      return next;
    });
  }
}
