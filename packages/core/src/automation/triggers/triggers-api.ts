import { isRapportError } from '../../errors/rapport-error';
import type { CrmContext } from '../../records/context';
import type { CrmRuntime } from '../../records/runtime';
import type { JobsOptions } from '../jobs/jobs-options';
import { loadRules } from '../rules/rule-tables';
import { consumeOutboxBatch } from './consume-outbox';
import type { EnqueueMatches } from './enqueue-matches';
import { enqueueThroughJobs } from './enqueue-matches';
import type { InboundEvent, StartArgs, StartResult } from './external-starts';
import { receiveEvent, startRule } from './external-starts';
import { isTimeRule, runTimeBatch } from './time-triggers';

/** How the trigger consumer reads. Every field has a default. */
export interface TriggersOptions {
  /** Outbox events, or records of a time trigger, read per batch: one transaction each (default 200). */
  readonly batchSize?: number;
  /** Batches of the outbox, and of each time rule, at most per tick (default 50): a tick stays bounded. */
  readonly maxBatches?: number;
  /**
   * How long after its `at` an outbox event is taken as committed (default 60 s): longer than the
   * longest write transaction plus the clock skew between writing processes. See `outbox-window.ts`.
   */
  readonly lagMs?: number;
  /** The job queue's options (the chain depth limit). */
  readonly jobs?: JobsOptions;
  /** Where matches go; the job queue (`enqueueJobs`) unless given. */
  readonly enqueue?: EnqueueMatches;
}

/** What `tick` did. */
export interface TickResult {
  /** Outbox events handled for the first time. */
  readonly events: number;
  /** Jobs queued for outbox events. */
  readonly eventJobs: number;
  /** Jobs queued for time triggers (dates, inactivity, schedules). */
  readonly timeJobs: number;
  /** Whether another tick holds the tenant's outbox cursor: this one left the outbox to it. */
  readonly outboxBusy: boolean;
  /** Time rules that failed this tick (a date trigger on a field that is not a date): the others ran. */
  readonly failedRules: readonly { readonly ruleId: string; readonly error: string }[];
}

// A concurrent tick moved a cursor first (VERSION_CONFLICT), inserted it first or queued the same job
// first (DUPLICATE): this tick's batch rolled back and the other tick has the work.
const lostRace = (error: unknown) =>
  isRapportError(error, 'VERSION_CONFLICT') || isRapportError(error, 'DUPLICATE');

/**
 * Turns a tenant's events and clock into rule runs: `tick` reads new outbox events and the due time
 * triggers and queues one job per rule and record; `start` runs a manual rule for a record; `receive`
 * takes an inbound event. Every job's idempotency key names what started it, so nothing is queued twice.
 *
 * @example
 * ```ts
 * const triggers = new AutomationTriggers(runtime, context);
 * await acme.people.create({ firstName: 'Ann' });
 * await triggers.tick({ now: new Date() }); // queues the jobs of rules on `recordCreated` of people
 * ```
 */
export class AutomationTriggers {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;
  readonly #batchSize: number;
  readonly #maxBatches: number;
  readonly #lagMs: number;
  readonly #enqueue: EnqueueMatches;

  constructor(runtime: CrmRuntime, context: CrmContext, options: TriggersOptions = {}) {
    this.#runtime = runtime;
    this.#context = context;
    this.#batchSize = options.batchSize ?? 200;
    this.#maxBatches = options.maxBatches ?? 50;
    this.#lagMs = options.lagMs ?? 60_000;
    this.#enqueue = options.enqueue ?? enqueueThroughJobs(options.jobs);
  }

  /**
   * Reads the tenant's new outbox events and due time triggers, in bounded batches of one transaction
   * each, and queues the jobs of the rules they start. Safe to run from several workers at once: a batch
   * that loses a race to another tick rolls back and leaves the work to it.
   *
   * @example
   * ```ts
   * const { eventJobs, timeJobs } = await acme.automation.tick({ now: new Date() });
   * ```
   */
  async tick(args: { readonly now?: Date } = {}): Promise<TickResult> {
    const now = args.now ?? this.#runtime.now();
    const outbox = await this.#consumeOutbox(now);
    let timeJobs = 0;
    const failedRules: { ruleId: string; error: string }[] = [];
    const rules = (await loadRules(this.#runtime.storage, this.#context.tenantId)).filter(isTimeRule);
    for (const rule of rules) {
      if (!rule.active) continue;
      try {
        timeJobs += await this.#runTimeRule(rule, now);
      } catch (error) {
        // One broken rule must not keep the tenant's other rules from running.
        if (!isRapportError(error)) throw error;
        failedRules.push({ ruleId: rule.id, error: error.message });
      }
    }
    return { ...outbox, timeJobs, failedRules };
  }

  /**
   * Starts a rule with a `manual` trigger for one record (see `startRule`).
   *
   * @example
   * ```ts
   * await acme.automation.start(rule.id, { entity: 'person', id: ann.id });
   * ```
   */
  start(ruleId: string, args: StartArgs): Promise<StartResult> {
    return startRule(this.#runtime, this.#context, this.#enqueue, ruleId, args, this.#runtime.now());
  }

  /**
   * Takes an inbound event from a channel or webhook (see `receiveEvent`).
   *
   * @example
   * ```ts
   * await acme.automation.receive({ channel: 'shop', type: 'cart.abandoned', payload: { cartId }, id: 'evt_1' });
   * ```
   */
  receive(event: InboundEvent): Promise<StartResult> {
    return receiveEvent(this.#runtime, this.#context, this.#enqueue, event, this.#runtime.now());
  }

  async #consumeOutbox(now: Date): Promise<Omit<TickResult, 'timeJobs' | 'failedRules'>> {
    let [events, eventJobs] = [0, 0];
    const options = { now, limit: this.#batchSize, lagMs: this.#lagMs, enqueue: this.#enqueue };
    for (let batch = 0; batch < this.#maxBatches; batch++) {
      try {
        const result = await consumeOutboxBatch(this.#runtime, this.#context, options);
        events += result.handled;
        eventJobs += result.enqueued;
        // A batch with fewer new events than it could take read the end of the outbox.
        if (result.handled < this.#batchSize) break;
      } catch (error) {
        if (lostRace(error)) return { events, eventJobs, outboxBusy: true };
        throw error;
      }
    }
    return { events, eventJobs, outboxBusy: false };
  }

  async #runTimeRule(rule: Parameters<typeof runTimeBatch>[2], now: Date): Promise<number> {
    let enqueued = 0;
    const options = { now, limit: this.#batchSize, enqueue: this.#enqueue };
    for (let batch = 0; batch < this.#maxBatches; batch++) {
      try {
        const result = await runTimeBatch(this.#runtime, this.#context, rule, options);
        enqueued += result.enqueued;
        if (!result.more) break;
      } catch (error) {
        if (lostRace(error)) break;
        throw error;
      }
    }
    return enqueued;
  }
}
