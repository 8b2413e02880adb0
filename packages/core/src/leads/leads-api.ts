import type { CrmSession } from '../crm';
import type { Person } from '../entities/types';
import { RapportError } from '../errors/rapport-error';
import type { Filter } from '../filter/filter-types';
import type { CrmContext } from '../records/context';
import { checkId } from '../records/load-current';
import { inOneTransaction } from '../records/one-transaction';
import type { CrmRuntime } from '../records/runtime';
import type { LeadCaptureInput, LeadCaptureResult } from './capture-input';
import { captureLead } from './capture-lead';
import { checkScoringConfig } from './check-scoring-config';
import type { ConvertLeadOptions, LeadConversion, LeadQualification } from './convert-lead';
import { convertLead, qualifyLead } from './convert-lead';
import type { LeadScore } from './lead-score';
import type { LeadsDeps } from './leads-deps';
import { personRow, scoreRows, startScoring } from './score-leads';
import type { LeadScoringConfig, LeadScoringInput } from './scoring-config';
import { loadScoringConfig } from './scoring-table';
import { scoringVersionConflict, storeScoring } from './store-scoring';

/**
 * What `leads.rank` takes.
 *
 * @example
 * ```ts
 * const options: RankLeadsOptions = { where: { field: 'region', op: 'eq', value: 'EU' }, limit: 20, store: true };
 * ```
 */
export interface RankLeadsOptions {
  /** Narrows the people ranked (and-ed with the lifecycle stages). */
  readonly where?: Filter<'person'> | Filter;
  /** The lifecycle stages ranked; `['lead']` by default. */
  readonly stages?: readonly ('lead' | 'prospect' | 'customer' | 'churned')[];
  /** How many of the best to return: 1 to 1000, 50 by default. Every match is scored (and stored). */
  readonly limit?: number;
  /** Store each score in the person's `leadScore`, so lists can filter and sort by it. */
  readonly store?: boolean;
}

/** One ranked lead: its score (without explanation trees) and the person. */
export type RankedLead = LeadScore & { readonly person: Person };

/**
 * What `leads.rank` returns.
 *
 * @example
 * ```ts
 * const { items, scored, stored } = await crm.leads.rank({ store: true });
 * ```
 */
export interface RankedLeads {
  /** The best scores first (ties by person id). */
  readonly items: readonly RankedLead[];
  /** How many people were scored. */
  readonly scored: number;
  /** How many stored scores changed (with `store`). */
  readonly stored: number;
}

const pageSize = 500;

/**
 * Leads: capture from any channel with matching, qualification, conversion into customer + company + deal
 * in one transaction, and scoring by fit and decaying engagement with explanations. See `docs/sales.md`.
 *
 * @example
 * ```ts
 * const acme = crm.as({ tenantId: 'acme', actor: { id: 'web' } });
 * const { person, personMatch } = await acme.leads.capture({
 *   channel: 'web_form',
 *   person: { firstName: 'Ann', emails: [{ address: 'ann@example.com' }] },
 * });
 * const { deal } = await acme.leads.convert(person.id, { deal: { name: 'Ann, pilot', amount: 90_000, pipelineId } });
 * ```
 */
export class LeadsApi {
  readonly #deps: LeadsDeps;

  constructor(runtime: CrmRuntime, context: CrmContext, sessionOf: (runtime: CrmRuntime) => CrmSession) {
    this.#deps = { runtime, context, sessionOf };
  }

  /**
   * Captures a lead from a channel in one transaction. The person is matched by normalised email, then
   * phone; the company by domain, then name; what is not found is created (a new person as a `lead` with
   * the channel as `source`). A matched person keeps their values; only their empty fields are filled.
   * An activity records the capture on the person's timeline; an order, if given, is created for them.
   * Bad input throws VALIDATION_FAILED with every issue under its part (`['person', 'emails', 0,
   * 'address']`) and writes nothing.
   *
   * @example
   * ```ts
   * const result = await crm.leads.capture({
   *   channel: 'ecommerce',
   *   person: { firstName: 'Ann', emails: [{ address: 'ann@example.com' }] },
   *   order: { number: 'W-1001', lines: [{ description: 'Starter kit', quantity: 1, unitPrice: 4900 }] },
   * });
   * result.personMatch; // 'created' | 'email' | 'phone'
   * ```
   */
  async capture(input: LeadCaptureInput): Promise<LeadCaptureResult> {
    return captureLead(this.#deps, input);
  }

  /**
   * Qualifies a lead: it becomes a `prospect`, with a note on its timeline, in one transaction. Anything
   * but an unarchived lead is INVALID_TRANSITION; a stale `version` is VERSION_CONFLICT.
   *
   * @example
   * ```ts
   * const { person } = await crm.leads.qualify(lead.id, { version: lead.version, note: 'Budget confirmed' });
   * ```
   */
  async qualify(
    personId: string,
    options?: { readonly version?: number; readonly note?: string | null },
  ): Promise<LeadQualification> {
    return qualifyLead(this.#deps, personId, options);
  }

  /**
   * Converts a lead or prospect into a customer in one transaction: same person (id, activities, history),
   * stage `customer`, linked to a company (by id, matched or created), with a deal opened through the
   * deals write path in the pipeline's first open stage unless one is given, and a note linking them. The
   * audit entries of every write carry the reason `lead conversion: <personId>`. An archived person or a
   * customer is INVALID_TRANSITION and nothing is written.
   *
   * @example
   * ```ts
   * const { person, company, deal } = await crm.leads.convert(lead.id, {
   *   company: { name: 'Example Ltd', domain: 'example.com' },
   *   deal: { name: 'Example, 20 seats', amount: 480_000, pipelineId: pipeline.id },
   * });
   * ```
   */
  async convert(personId: string, options?: ConvertLeadOptions): Promise<LeadConversion> {
    return convertLead(this.#deps, personId, options);
  }

  /**
   * The tenant's scoring configuration: version 0 with no rules (every lead scores 0) until configured.
   *
   * @example
   * ```ts
   * const { version, fit, engagement, halfLifeDays } = await crm.leads.scoring();
   * ```
   */
  async scoring(): Promise<LeadScoringConfig> {
    return loadScoringConfig(this.#deps.runtime.storage, this.#deps.context.tenantId);
  }

  /**
   * Replaces the scoring configuration, with the version the caller read (0 the first time). Bad input
   * throws VALIDATION_FAILED with every issue at its path (a fit filter's at `['fit', 0, 'filter', ...]`,
   * code `invalid_filter`); a stale version throws VERSION_CONFLICT; either way nothing changes.
   *
   * @example
   * ```ts
   * await crm.leads.configureScoring({
   *   fit: [{ key: 'eu', filter: { field: 'region', op: 'eq', value: 'EU' }, points: 10 }],
   *   engagement: [{ type: 'meeting', points: 20 }],
   *   halfLifeDays: 14,
   * }, { version: 0 });
   * ```
   */
  async configureScoring(
    input: LeadScoringInput,
    options: { readonly version: number },
  ): Promise<LeadScoringConfig> {
    if (!Number.isInteger(options?.version)) {
      throw new RapportError(
        'MISUSE',
        'leads.configureScoring(config, { version }) needs the version the caller read',
      );
    }
    const { runtime, context } = this.#deps;
    const now = runtime.now();
    const at = now.toISOString();
    const checked = await checkScoringConfig(runtime.storage, context.tenantId, now, input);
    return runtime.storage.transaction(async (tx) => {
      const before = await loadScoringConfig(tx, context.tenantId);
      if (before.version !== options.version) throw scoringVersionConflict(options.version, before.version);
      const next: LeadScoringConfig = { ...checked, version: before.version + 1, updatedAt: at };
      await storeScoring(tx, context, before, next, at);
      return next;
    });
  }

  /**
   * Scores one person now: each fit rule with whether it matched and its filter's explanation, each
   * recent activity's contribution with its age in the tenant's calendar and its decay. With `store`,
   * a changed score is written to the person's `leadScore` (an audited update, reason `lead score`).
   * NOT_FOUND when the caller may not read the person.
   *
   * @example
   * ```ts
   * const { score, fit, engagement } = await crm.leads.score(lead.id);
   * fit.filter((rule) => rule.matched).map((rule) => `${rule.key} +${rule.points}`);
   * ```
   */
  async score(personId: string, options?: { readonly store?: boolean }): Promise<LeadScore> {
    checkId(personId);
    const { runtime, context, sessionOf } = this.#deps;
    const person = await sessionOf(runtime).people.get(personId);
    const run = await startScoring(runtime.storage, context.tenantId, runtime.now());
    const [score] = await scoreRows(run, [personRow(context.tenantId, person)], true);
    const result = score as LeadScore;
    if (options?.store === true) await this.#store([result]);
    return result;
  }

  /**
   * Scores every person in the given stages (leads by default) that the caller may read and `where`
   * selects, and returns the best first. With `store`, every changed score is written to `leadScore` in
   * one transaction, so `people.list({ orderBy: '-leadScore' })` and filters on it see them.
   *
   * @example
   * ```ts
   * const { items } = await crm.leads.rank({ where: { field: 'region', op: 'eq', value: 'EU' }, limit: 10 });
   * items.map((lead) => `${lead.person.fullName}: ${lead.score}`);
   * ```
   */
  async rank(options: RankLeadsOptions = {}): Promise<RankedLeads> {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new RapportError('MISUSE', 'leads.rank({ limit }) takes a whole number from 1 to 1000');
    const { runtime, context, sessionOf } = this.#deps;
    const stages = options.stages ?? ['lead'];
    const stageFilter: Filter = { field: 'lifecycleStage', op: 'in', value: [...stages] };
    const where: Filter =
      options.where === undefined ? stageFilter : { all: [stageFilter, options.where as Filter] };
    const people = sessionOf(runtime).people;
    const run = await startScoring(runtime.storage, context.tenantId, runtime.now());
    const ranked: RankedLead[] = [];
    let cursor: string | undefined;
    do {
      const page = await people.list({
        where,
        limit: pageSize,
        orderBy: 'id',
        ...(cursor ? { cursor } : {}),
      });
      const scores = await scoreRows(
        run,
        page.items.map((person) => personRow(context.tenantId, person)),
        false,
      );
      for (const [index, score] of scores.entries())
        ranked.push({ ...score, person: page.items[index] as Person });
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const stored = options.store === true ? await this.#store(ranked) : 0;
    ranked.sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId));
    return { items: ranked.slice(0, limit), scored: ranked.length, stored };
  }

  /** Writes changed scores to `leadScore` through the people write path, all in one transaction. */
  async #store(scores: readonly LeadScore[]): Promise<number> {
    const { runtime, sessionOf } = this.#deps;
    return inOneTransaction(runtime, async (joined) => {
      const people = sessionOf(joined).people;
      let changed = 0;
      for (const { personId, score } of scores) {
        // Read again inside the transaction: the version a list read may be stale by now.
        const person = await people.get(personId);
        if (person.leadScore === score) continue;
        await people.update(
          personId,
          { leadScore: score },
          { version: person.version, reason: 'lead score' },
        );
        changed += 1;
      }
      return changed;
    });
  }
}
