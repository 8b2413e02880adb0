import { entityDef } from '../entities/registry';
import { RapportError, validationError } from '../errors/rapport-error';
import { columnIn } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { checkId, loadCurrent } from '../records/load-current';
import type { CrmRuntime } from '../records/runtime';
import { loadTenantConfig } from '../records/tenant-config';
import { validateInput } from '../records/validate-input';
import type { DuplicateRuleInput, DuplicateRules } from './duplicate-rules';
import { checkRules } from './duplicate-rules';
import { duplicateKeysTable } from './duplicate-tables';
import { findMatches } from './find-matches';
import { insertMatchKeys } from './match-keys-store';
import type { DuplicateEntity, MatchProfile } from './match-profile';
import { duplicateEntities, isDuplicateEntity, profileOf } from './match-profile';
import type { RuleMatch } from './match-rules';
import type { Merge } from './merge-record';
import { loadMerge, publicMerge } from './merge-record';
import type { MergeArgs, MergeResult } from './merge-records';
import { mergeRecords } from './merge-records';
import { loadDuplicateRules, saveDuplicateRules } from './rules-store';
import type { ScanResult } from './scan-tenant';
import { readProfiles, scanTenant } from './scan-tenant';
import { undoMerge } from './undo-merge';

/** What `duplicates.check` takes: an input about to be created, or a stored record by id. */
export type CheckArgs =
  | { readonly entity: DuplicateEntity; readonly input: Record<string, unknown> }
  | { readonly entity: DuplicateEntity; readonly id: string };

/**
 * What a check found: every rule the record matches, with the matching records, and whether a `block`
 * rule among them would refuse its create.
 *
 * @example
 * ```ts
 * { entity: 'person', blocked: false, matches: [{ rule: 'person-name', on: 'name', action: 'warn', records: [{ id, score: 0.96 }] }] }
 * ```
 */
export interface DuplicateCheck {
  readonly entity: DuplicateEntity;
  readonly blocked: boolean;
  readonly matches: readonly RuleMatch[];
}

/** What `duplicates.scan` takes. */
export interface ScanArgs {
  readonly entity: DuplicateEntity;
  /** The keys of the rules to scan with; every rule of the entity when not given. */
  readonly rules?: readonly string[];
  /** The most groups returned, best first (1 to 10,000; 100 by default). */
  readonly limit?: number;
}

function checkEntity(entity: unknown, path: string[] = ['entity']): asserts entity is DuplicateEntity {
  if (!isDuplicateEntity(entity))
    throw validationError([{ code: 'invalid_value', path, message: "Expected 'person' or 'company'" }]);
}

/**
 * Duplicates of one tenant: matching rules for people and companies (exact on email, phone and domain,
 * fuzzy on names), checked on every create (a `block` rule refuses it with DUPLICATE, a `warn` rule lets
 * it through with a `duplicate.suspected` event), a scan of the tenant for groups of duplicates, and merges
 * with per-field survivorship that can be undone. See `docs/sales.md`.
 *
 * @example
 * ```ts
 * const { matches } = await crm.duplicates.check({ entity: 'person', input: { firstName: 'Ann', lastName: 'Lee' } });
 * const { groups } = await crm.duplicates.scan({ entity: 'company' });
 * const { merge } = await crm.duplicates.merge({ entity: 'company', winnerId, loserIds, survivorship: { default: 'mostRecent' } });
 * await crm.duplicates.undo(merge.id);
 * ```
 */
export class DuplicatesApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * The tenant's matching rules: the built-in defaults at version 0 until configured.
   *
   * @example
   * ```ts
   * const { version, rules } = await crm.duplicates.rules();
   * ```
   */
  async rules(): Promise<DuplicateRules> {
    return loadDuplicateRules(this.#runtime.storage, this.#context.tenantId);
  }

  /**
   * Replaces the tenant's rules, with the version the caller read (0 the first time). Audited. Bad rules
   * throw VALIDATION_FAILED at their index (`[1, 'on']`); a stale version VERSION_CONFLICT. An empty list
   * turns duplicate checks off.
   *
   * @example
   * ```ts
   * await crm.duplicates.configure([
   *   { key: 'person-email', entity: 'person', on: 'email', action: 'block' },
   *   { key: 'person-name', entity: 'person', on: 'name', threshold: 0.9, action: 'warn' },
   * ], { version: 0 });
   * ```
   */
  async configure(
    rules: readonly DuplicateRuleInput[],
    options: { readonly version: number },
  ): Promise<DuplicateRules> {
    if (!Number.isInteger(options?.version))
      throw new RapportError(
        'MISUSE',
        'duplicates.configure(rules, { version }) needs the version the caller read',
      );
    const checked = checkRules(rules);
    const at = this.#runtime.now().toISOString();
    return this.#runtime.storage.transaction((tx) =>
      saveDuplicateRules(tx, this.#context, at, checked, options.version),
    );
  }

  /**
   * Which rules a record matches among the tenant's live records, without writing anything: the input of
   * a create (normalised and validated as the create would; VALIDATION_FAILED otherwise), or a stored
   * record by id (NOT_FOUND). Hosts call it before a create to show warnings, or on a record's page.
   *
   * @example
   * ```ts
   * const check = await crm.duplicates.check({ entity: 'person', input: { firstName: 'Jon', lastName: 'Smith' } });
   * if (check.blocked) showError(check.matches); else if (check.matches.length > 0) askToConfirm(check.matches);
   * ```
   */
  async check(args: CheckArgs): Promise<DuplicateCheck> {
    if (typeof args !== 'object' || args === null)
      throw new RapportError('MISUSE', 'duplicates.check({ entity, input }) or ({ entity, id })');
    checkEntity(args.entity);
    const profile =
      'id' in args
        ? await this.#storedProfile(args.entity, args.id)
        : await this.#inputProfile(args.entity, args.input);
    const { rules } = await this.rules();
    const [matches = []] = await findMatches(
      this.#runtime.storage,
      this.#context.tenantId,
      args.entity,
      rules,
      [profile],
    );
    return { entity: args.entity, blocked: matches.some((match) => match.action === 'block'), matches };
  }

  /**
   * Finds the groups of duplicates among the tenant's live people or companies, best first, with the
   * pairs each rule matched and their scores. Records are compared only within blocks that share a key
   * (an email, a phone, a domain, the start or end of a name), so tens of thousands of records take
   * seconds, not hours.
   *
   * @example
   * ```ts
   * const { groups, total } = await crm.duplicates.scan({ entity: 'person', rules: ['person-name'], limit: 50 });
   * for (const group of groups) console.log(group.recordIds, group.pairs[0]?.rule, group.score);
   * ```
   */
  async scan(args: ScanArgs): Promise<ScanResult> {
    if (typeof args !== 'object' || args === null)
      throw new RapportError('MISUSE', 'duplicates.scan({ entity })');
    checkEntity(args.entity);
    const limit = args.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw validationError([{ code: 'invalid_value', path: ['limit'], message: 'Expected 1 to 10000' }]);
    const { rules } = await this.rules();
    const known = rules.filter((rule) => rule.entity === args.entity);
    const unknown = (args.rules ?? []).filter((key) => !known.some((rule) => rule.key === key));
    if (unknown.length > 0)
      throw validationError([
        { code: 'invalid_value', path: ['rules'], message: `No ${args.entity} rule ${unknown.join(', ')}` },
      ]);
    const chosen = args.rules === undefined ? known : known.filter((rule) => args.rules?.includes(rule.key));
    return scanTenant(this.#runtime, this.#context, args.entity, chosen, limit);
  }

  /**
   * Merges records into a winner in one transaction (see `MergeArgs` and `Survivorship`): the winner takes
   * the surviving values, the losers are archived, every record referencing a loser and every static
   * segment place moves to the winner. Audited with the reason `merge <id>`; `undo(merge.id)` reverses it.
   * NOT_FOUND for an unknown record, INVALID_TRANSITION for an archived one, VALIDATION_FAILED for bad
   * arguments or surviving values the winner may not hold.
   *
   * @example
   * ```ts
   * const { merge, winner } = await crm.duplicates.merge({
   *   entity: 'person', winnerId: ann.id, loserIds: [annLee.id],
   *   survivorship: { default: 'mostRecent', fields: { title: { from: annLee.id }, region: { value: 'North' } } },
   * });
   * ```
   */
  async merge(args: MergeArgs): Promise<MergeResult> {
    return mergeRecords(this.#runtime, this.#context, args);
  }

  /**
   * Undoes a merge in one transaction, restoring every record it changed exactly. INVALID_TRANSITION
   * when already undone; VERSION_CONFLICT, changing nothing, when any of those records changed since.
   *
   * @example
   * ```ts
   * const merge = await crm.duplicates.undo(mergeId); // merge.status === 'undone'
   * ```
   */
  async undo(mergeId: string): Promise<Merge> {
    return undoMerge(this.#runtime, this.#context, mergeId);
  }

  /**
   * A merge by id, or NOT_FOUND.
   *
   * @example
   * ```ts
   * const { winnerId, loserIds, status, changed } = await crm.duplicates.getMerge(mergeId);
   * ```
   */
  async getMerge(mergeId: string): Promise<Merge> {
    checkId(mergeId);
    return publicMerge(await loadMerge(this.#runtime.storage, this.#context.tenantId, mergeId));
  }

  /**
   * Rebuilds the tenant's match keys from its people and companies, in one transaction. Needed once for
   * records stored before the duplicates migration (version 8); the write path keeps them current after.
   *
   * @example
   * ```ts
   * const { people, companies } = await crm.duplicates.reindex();
   * ```
   */
  async reindex(): Promise<{ people: number; companies: number }> {
    const { tenantId } = this.#context;
    const counts = { people: 0, companies: 0 };
    await this.#runtime.storage.transaction(async (tx) => {
      await tx.delete({
        table: duplicateKeysTable.name,
        tenantId,
        where: columnIn('entity', [...duplicateEntities]),
      });
      for (const entity of duplicateEntities) {
        // Every record, whatever the caller's read scope: the keys serve every caller.
        const profiles = await readProfiles(tx, tenantId, entity, undefined);
        await insertMatchKeys(tx, tenantId, profiles);
        counts[entity === 'person' ? 'people' : 'companies'] = profiles.length;
      }
    });
    return counts;
  }

  async #storedProfile(entity: DuplicateEntity, id: string): Promise<MatchProfile> {
    const scope = { runtime: this.#runtime, context: this.#context, entity: entityDef(entity) };
    return profileOf(entity, await loadCurrent(scope, this.#runtime.storage, id));
  }

  async #inputProfile(entity: DuplicateEntity, input: unknown): Promise<MatchProfile> {
    const def = entityDef(entity);
    const config = await loadTenantConfig(this.#runtime.storage, this.#context.tenantId, def);
    const at = this.#runtime.now().toISOString();
    const validated = validateInput({ entity: def, config, input, storedCustom: {}, isCreate: true, at });
    if (!validated.ok) throw validationError(validated.issues);
    return profileOf(entity, { ...validated.values, id: '' });
  }
}
