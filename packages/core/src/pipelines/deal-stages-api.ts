import { pipelineEntity } from '../entities/pipeline';
import { entityDef } from '../entities/registry';
import type { Deal } from '../entities/types';
import { RapportError, validationError } from '../errors/rapport-error';
import { allOf, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { checkId, checkVersion } from '../records/load-current';
import { Repository } from '../records/repository';
import { rowMapping } from '../records/row-mapping';
import type { CrmRuntime } from '../records/runtime';
import type { WriteScope } from '../records/write-scope';
import type { OrderTerm } from '../storage/condition';
import type { BypassOptions, MoveOptions } from './move-input';
import { checkBypassOptions, checkMoveOptions } from './move-input';
import type { PipelineConfig } from './pipeline-config';
import { pipelineConfig } from './pipeline-config';
import type { StageVisit } from './stage-history-table';
import { rowToVisit, stageHistoryTable } from './stage-history-table';
import { loadActor, loadPipelines } from './stage-rules-hook';
import type { StageEffect } from './stage-transition';
import { stageFields, transitionDeal } from './stage-transition';
import type { StageTime } from './time-in-stage';
import { daysBetween, idleCutoff, timeInStages } from './time-in-stage';

/** What a move did: the deal after it, and its effects (stage left and entered, won, lost, reopened). */
export interface StageMoveResult {
  readonly deal: Deal;
  /** Empty when the deal already was in the stage. */
  readonly effects: readonly StageEffect[];
}

/** A deal in a stage for longer than the stage's idle limit. */
export interface IdleDeal {
  readonly deal: Deal;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly enteredAt: string;
  /** Whole days the deal has been in the stage. */
  readonly daysInStage: number;
  /** The stage's limit in days. */
  readonly idleDays: number;
  /** When the deal went past the limit. */
  readonly idleSince: string;
}

/** What `idle` takes. */
export interface IdleQuery {
  /** The instant to measure at; the CRM's clock when not given. */
  readonly now?: Date | string;
  /** Only this pipeline's deals. */
  readonly pipelineId?: string;
}

const byEntry: OrderTerm[] = [
  { field: { operand: { kind: 'column', column: 'entered_at' }, type: 'timestamp' }, direction: 'asc' },
  { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
];

function instant(value: Date | string | undefined, fallback: Date, name: string): string {
  const time = value === undefined ? fallback : new Date(value);
  if (Number.isNaN(time.getTime()))
    throw validationError([{ code: 'invalid_date', path: [name], message: 'Expected an instant' }]);
  return time.toISOString();
}

/**
 * Deals in their pipelines' stages: moves by the stage rules, each deal's stage history with the times it
 * entered and left each stage, the time it spent in each, the deals idle in a stage beyond its limit, and
 * an explicit, audited bypass of the rules. The rules themselves are the pipeline's configuration
 * (`crm.pipelines`); they hold on every write of deals, not only on moves made here.
 *
 * @example
 * ```ts
 * const { deal } = await crm.dealStages.move(dealId, { stageId: 'proposal', version: 3 });
 * const visits = await crm.dealStages.history(dealId); // [{ stageId: 'lead', enteredAt, leftAt }, ...]
 * const stuck = await crm.dealStages.idle(); // deals in a stage longer than its idleDays
 * ```
 */
export class DealStagesApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;
  readonly #scope: WriteScope;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
    this.#scope = { runtime, context, entity: entityDef('deal') };
  }

  /**
   * Moves a deal to a stage by the stage rules, with the version the caller read: a won stage closes it
   * (status won, probability 1, closedAt now), a lost stage closes it lost with a reason from the
   * pipeline's list (probability 0), an open stage reopens it at the stage's probability. A move the rules
   * refuse throws INVALID_TRANSITION with an issue per field (`stageId` for the move or the role,
   * `lostReason`, each missing required field) and changes nothing.
   *
   * @example
   * ```ts
   * await crm.dealStages.move(deal.id, { stageId: 'lost', lostReason: 'Price', version: deal.version });
   * ```
   */
  async move(dealId: string, options: MoveOptions): Promise<StageMoveResult> {
    checkId(dealId);
    if (!Number.isInteger((options as { version?: unknown } | undefined)?.version))
      throw new RapportError(
        'MISUSE',
        'move(dealId, { stageId, version }) needs the version the caller read',
      );
    const move = checkMoveOptions(options);
    const deals = new Repository<'deal'>(this.#scope);
    const deal = await deals.get(dealId);
    checkVersion(this.#scope, deal as unknown as Record<string, unknown>, move.version);
    const pipelineId = move.pipelineId ?? deal.pipelineId;
    if (pipelineId === null) {
      throw validationError([
        { code: 'required', path: ['pipelineId'], message: 'The deal is in no pipeline: name the pipeline' },
      ]);
    }
    const { storage } = this.#runtime;
    const pipelines = await loadPipelines(storage, this.#context.tenantId, [
      pipelineId,
      ...(deal.pipelineId === null ? [] : [deal.pipelineId]),
    ]);
    const to = pipelines.get(pipelineId);
    if (to === undefined) throw new RapportError('NOT_FOUND', `No pipeline with id ${pipelineId}`);
    const from = deal.pipelineId === null ? undefined : pipelines.get(deal.pipelineId);
    const result = transitionDeal({
      deal: deal as unknown as Record<string, unknown>,
      move: { pipelineId, stageId: move.stageId, lostReason: move.lostReason ?? null },
      to,
      ...(from === undefined || from === to ? {} : { from }),
      actor: await loadActor(storage, this.#context),
      at: this.#runtime.now().toISOString(),
    });
    if (!result.ok) throw result.error;
    const current = deal as unknown as Record<string, unknown>;
    const changes = Object.fromEntries(
      stageFields
        .filter((name) => result.next[name] !== current[name])
        .map((name) => [name, result.next[name]]),
    );
    if (Object.keys(changes).length === 0) return { deal, effects: [] };
    const updated = await deals.update(dealId, changes, {
      version: move.version,
      ...(move.reason === undefined ? {} : { reason: move.reason }),
    });
    return { deal: updated, effects: result.effects };
  }

  /**
   * The stages a deal has been in, oldest first, with the times it entered and left each (`leftAt` null
   * for the stage it is in). Moves made before stage history existed are not in it.
   *
   * @example
   * ```ts
   * for (const visit of await crm.dealStages.history(deal.id)) console.log(visit.stageId, visit.enteredAt, visit.leftAt);
   * ```
   */
  async history(dealId: string): Promise<StageVisit[]> {
    checkId(dealId);
    await new Repository<'deal'>(this.#scope).get(dealId);
    const rows = await this.#runtime.storage.findMany({
      table: stageHistoryTable.name,
      tenantId: this.#context.tenantId,
      where: columnEquals('deal_id', dealId),
      orderBy: byEntry,
    });
    return rows.map(rowToVisit);
  }

  /**
   * How long a deal spent in each stage it has been in, in the order it first entered them; the stage it
   * is in counts up to `now` (the CRM's clock when not given).
   *
   * @example
   * ```ts
   * const times = await crm.dealStages.timeInStages(deal.id);
   * times.find((time) => time.isCurrent)?.days; // 3.5
   * ```
   */
  async timeInStages(dealId: string, options: { readonly now?: Date | string } = {}): Promise<StageTime[]> {
    const now = instant(options.now, this.#runtime.now(), 'now');
    return timeInStages(await this.history(dealId), now);
  }

  /**
   * The deals idle in their stage: in an open stage with an idle limit (`idleDays`) for longer than it, as
   * of `now` (the CRM's clock when not given), the longest idle first. Archived deals are left out.
   *
   * @example
   * ```ts
   * for (const { deal, stageId, daysInStage } of await crm.dealStages.idle()) notifyOwner(deal.ownerId, stageId, daysInStage);
   * ```
   */
  async idle(query: IdleQuery = {}): Promise<IdleDeal[]> {
    const now = instant(query.now, this.#runtime.now(), 'now');
    const visits: { visit: StageVisit; limit: number }[] = [];
    for (const pipeline of await this.#pipelines(query.pipelineId)) {
      for (const stage of pipeline.stages) {
        if (stage.kind !== 'open' || stage.idleDays === null) continue;
        const rows = await this.#runtime.storage.findMany({
          table: stageHistoryTable.name,
          tenantId: this.#context.tenantId,
          where: allOf(
            columnEquals('pipeline_id', pipeline.id),
            columnEquals('stage_id', stage.id),
            {
              kind: 'null',
              field: { operand: { kind: 'column', column: 'left_at' }, type: 'timestamp' },
              negate: false,
            },
            {
              kind: 'compare',
              field: { operand: { kind: 'column', column: 'entered_at' }, type: 'timestamp' },
              op: 'lt',
              value: idleCutoff(now, stage.idleDays),
              caseInsensitive: false,
            },
          ),
          orderBy: byEntry,
        });
        for (const row of rows) visits.push({ visit: rowToVisit(row), limit: stage.idleDays });
      }
    }
    const deals = await new Repository<'deal'>(this.#scope).getMany(visits.map(({ visit }) => visit.dealId));
    const byId = new Map(deals.filter((deal) => deal.archivedAt === null).map((deal) => [deal.id, deal]));
    return visits
      .filter(({ visit }) => byId.has(visit.dealId))
      .sort((a, b) => a.visit.enteredAt.localeCompare(b.visit.enteredAt))
      .map(({ visit, limit }) => ({
        deal: byId.get(visit.dealId) as Deal,
        pipelineId: visit.pipelineId,
        stageId: visit.stageId,
        enteredAt: visit.enteredAt,
        daysInStage: daysBetween(visit.enteredAt, now),
        idleDays: limit,
        idleSince: new Date(Date.parse(visit.enteredAt) + limit * 86_400_000).toISOString(),
      }));
  }

  /**
   * A pipeline's stage rules, with every default filled in (what the transition reads).
   *
   * @example
   * ```ts
   * const { moves, lostReasons, stages } = await crm.dealStages.rules(pipelineId);
   * ```
   */
  async rules(pipelineId: string): Promise<PipelineConfig> {
    checkId(pipelineId);
    const pipeline = await new Repository<'pipeline'>({ ...this.#scope, entity: entityDef('pipeline') }).get(
      pipelineId,
    );
    return pipelineConfig(pipeline as unknown as Record<string, unknown>);
  }

  /**
   * The deals repository of this session with the stage rules bypassed: for an import of historical deals
   * or a correction. Explicit and audited: every write made through it carries "Stage rules bypassed:
   * <reason>" in its audit entry, and its stage history records the reason. The access policy sees the
   * bypass in `context.bypass`, so a host can allow it to some members only. Everything else of the write
   * path (validation, references, access, versions) still holds.
   *
   * @example
   * ```ts
   * const imports = crm.dealStages.bypassRules({ reason: 'import of 2019 deals' });
   * await imports.create({ name: 'Old win', pipelineId, stageId: 'won', status: 'won', probability: 1, closedAt: '2019-05-01T00:00:00.000Z' });
   * ```
   */
  bypassRules(options: BypassOptions): Repository<'deal'> {
    const { reason } = checkBypassOptions(options);
    const context: CrmContext = { ...this.#context, bypass: { rules: 'stageRules', reason } };
    return new Repository<'deal'>({ ...this.#scope, context });
  }

  async #pipelines(pipelineId: string | undefined): Promise<PipelineConfig[]> {
    const { storage } = this.#runtime;
    const { tenantId } = this.#context;
    if (pipelineId !== undefined) {
      checkId(pipelineId);
      return [...(await loadPipelines(storage, tenantId, [pipelineId])).values()];
    }
    const rows = await storage.findMany({ table: pipelineEntity.table, tenantId });
    const { toRecord } = rowMapping(pipelineEntity);
    return rows.map((row) => pipelineConfig(toRecord(row)));
  }
}
