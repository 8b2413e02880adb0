import type { EntityName } from '../../entities/entity-name';
import { entityNames } from '../../entities/entity-name';
import { entityDef } from '../../entities/registry';
import { RapportError, validationError } from '../../errors/rapport-error';
import { uuidv7 } from '../../ids/uuidv7';
import type { CrmContext } from '../../records/context';
import { inOneTransaction } from '../../records/one-transaction';
import { countRecords } from '../../records/read-records';
import type { CrmRuntime } from '../../records/runtime';
import type { Rule } from '../rule';
import { loadRules, rowToRule, rulesTableName } from '../rules/rule-tables';
import { admitMatches } from './admit-matches';
import { writerOf } from './consume-outbox';
import type { EnqueueMatches } from './enqueue-matches';
import type { TriggerMatch } from './trigger-match';
import { idempotencyKey } from './trigger-match';

/** What `start` takes: the record to run the rule for, and optionally a key that makes a retry a no-op. */
export interface StartArgs {
  readonly entity: EntityName;
  readonly id: string;
  /** Calls with the same key start the rule once for the record; each call is a new start without one. */
  readonly key?: string;
}

/** What `start` and `receive` did. */
export interface StartResult {
  /** The rules whose jobs were queued now (none on a replay of the same key, or when a condition failed). */
  readonly ruleIds: readonly string[];
  /** The source id of this start, part of each job's idempotency key. */
  readonly source: string;
}

/** What `receive` takes: an event from a channel or a webhook. */
export interface InboundEvent {
  readonly channel: string;
  readonly type: string;
  readonly payload?: unknown;
  /** The sender's id of the event: a redelivery with the same id starts nothing again. */
  readonly id?: string;
}

const issue = (path: string, message: string) => ({ code: 'invalid_value', path: [path], message });

function checkStart(args: StartArgs): void {
  const issues = [];
  if (typeof args !== 'object' || args === null)
    throw validationError([issue('entity', 'start takes { entity, id }')]);
  if (!(entityNames as readonly string[]).includes(args.entity))
    issues.push(issue('entity', `One of ${entityNames.join(', ')}`));
  if (typeof args.id !== 'string' || args.id === '') issues.push(issue('id', 'Expected a record id'));
  if (args.key !== undefined && (typeof args.key !== 'string' || args.key === ''))
    issues.push(issue('key', 'Expected a non-empty string'));
  if (issues.length > 0) throw validationError(issues);
}

function checkInbound(event: InboundEvent): void {
  if (typeof event !== 'object' || event === null)
    throw validationError([issue('channel', 'receive takes { channel, type, payload }')]);
  const issues = [];
  if (typeof event.channel !== 'string' || event.channel === '')
    issues.push(issue('channel', 'Expected a channel name'));
  if (typeof event.type !== 'string' || event.type === '')
    issues.push(issue('type', 'Expected an event type'));
  if (event.id !== undefined && (typeof event.id !== 'string' || event.id === ''))
    issues.push(issue('id', 'Expected a non-empty string'));
  if (issues.length > 0) throw validationError(issues);
}

async function enqueueAdmitted(
  runtime: CrmRuntime,
  context: CrmContext,
  enqueue: EnqueueMatches,
  matches: (joined: CrmRuntime) => Promise<TriggerMatch[]>,
  now: Date,
): Promise<string[]> {
  return inOneTransaction(runtime, async (joined) => {
    const tx = await writerOf(joined);
    const admitted = await admitMatches(joined, context, await matches(joined));
    if (admitted.length === 0) return [];
    const added = new Set(await enqueue(tx, context, admitted, now.toISOString()));
    return admitted.filter((match) => added.has(idempotencyKey(match))).map((match) => match.rule.id);
  });
}

async function manualRule(
  runtime: CrmRuntime,
  context: CrmContext,
  ruleId: string,
  entity: EntityName,
): Promise<Rule> {
  const row =
    typeof ruleId === 'string' && ruleId !== ''
      ? await runtime.storage.findById({ table: rulesTableName, tenantId: context.tenantId, id: ruleId })
      : undefined;
  if (row === undefined || row.archived_at !== null)
    throw new RapportError('NOT_FOUND', `No automation rule with id ${ruleId}`, {
      details: { entity: 'automationRule', id: ruleId },
    });
  const rule = rowToRule(row);
  if (rule.trigger.kind !== 'manual' || rule.trigger.entity !== entity)
    throw validationError([issue('entity', `Rule ${rule.name} is not started by hand on a ${entity}`)]);
  return rule;
}

/**
 * Starts a rule with a `manual` trigger for one record: one job, if the rule is active and its condition
 * holds. NOT_FOUND for an unknown rule or a record the caller cannot read; VALIDATION_FAILED for a rule
 * not started by hand on that entity.
 *
 * @example
 * ```ts
 * await startRule(runtime, context, enqueue, rule.id, { entity: 'person', id: ann.id }, now);
 * ```
 */
export async function startRule(
  runtime: CrmRuntime,
  context: CrmContext,
  enqueue: EnqueueMatches,
  ruleId: string,
  args: StartArgs,
  now: Date,
): Promise<StartResult> {
  checkStart(args);
  const rule = await manualRule(runtime, context, ruleId, args.entity);
  const scope = { runtime, context, entity: entityDef(args.entity) };
  if (
    (await countRecords(scope, { where: { field: 'id', op: 'eq', value: args.id }, archived: 'include' })) ===
    0
  )
    throw new RapportError('NOT_FOUND', `No ${args.entity} with id ${args.id}`, {
      details: { entity: args.entity, id: args.id },
    });
  const source = `manual:${args.key ?? uuidv7()}`;
  const match: TriggerMatch = {
    rule,
    entity: args.entity,
    recordId: args.id,
    source,
    changes: null,
    chainDepth: context.chainDepth ?? 0,
    payload: { type: 'manual', actorId: context.actor.id },
  };
  return { ruleIds: await enqueueAdmitted(runtime, context, enqueue, async () => [match], now), source };
}

/**
 * Takes an inbound event from a channel or webhook and starts every active rule with an `inbound` trigger
 * on its channel (and type, when the trigger names one): one job each, with the payload. Such a start has
 * no record, so a rule with a condition does not start.
 *
 * @example
 * ```ts
 * await receiveEvent(runtime, context, enqueue, { channel: 'shop', type: 'cart.abandoned', payload, id: 'evt_1' }, now);
 * ```
 */
export async function receiveEvent(
  runtime: CrmRuntime,
  context: CrmContext,
  enqueue: EnqueueMatches,
  event: InboundEvent,
  now: Date,
): Promise<StartResult> {
  checkInbound(event);
  const source = `inbound:${event.channel}:${event.id ?? uuidv7()}`;
  const matchesOf = async (joined: CrmRuntime) =>
    (await loadRules(joined.storage, context.tenantId))
      .filter(
        ({ trigger }) =>
          trigger.kind === 'inbound' &&
          trigger.channel === event.channel &&
          (trigger.type === undefined || trigger.type === event.type),
      )
      .map(
        (rule): TriggerMatch => ({
          rule,
          entity: null,
          recordId: null,
          source,
          changes: null,
          chainDepth: context.chainDepth ?? 0,
          payload: { type: event.type, channel: event.channel, payload: event.payload ?? null },
        }),
      );
  return { ruleIds: await enqueueAdmitted(runtime, context, enqueue, matchesOf, now), source };
}
