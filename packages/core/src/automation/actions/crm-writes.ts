import { AssignmentApi } from '../../assignment/assignment-api';
import type { AssignableEntity } from '../../assignment/assignment-rule';
import { assignableEntities } from '../../assignment/assignment-rule';
import { entityDef } from '../../entities/registry';
import { RapportError } from '../../errors/rapport-error';
import { followUpDueAt } from '../../follow-ups/due-at';
import { Repository } from '../../records/repository';
import type { CrmRuntime } from '../../records/runtime';
import { loadSettings } from '../../settings/settings-rows';
import type { RuleAction } from '../rule';
import type { ExecuteActionArgs } from './action-types';
import { automationReason } from './audit-reason';
import { readRecord } from './record-values';
import { recordedWrite } from './recorded-write';
import { renderTemplate } from './render-template';
import { templateValuesOf } from './send-message';

type Action<K extends RuleAction['kind']> = Extract<RuleAction, { kind: K }>;

/** The links a task or activity about the rule's record gets: the record itself, or what it links to. */
function linksOf(args: ExecuteActionArgs, record: Readonly<Record<string, unknown>>) {
  const { entity, id } = args.record;
  const personIds = record.personIds as readonly string[] | undefined;
  return {
    personId: entity === 'person' ? id : ((record.personId as string | null) ?? personIds?.[0] ?? null),
    companyId: entity === 'company' ? id : ((record.companyId as string | null) ?? null),
    dealId: entity === 'deal' ? id : ((record.dealId as string | null) ?? null),
  };
}

async function recordOf(args: ExecuteActionArgs, runtime: CrmRuntime) {
  const record = await readRecord(runtime, args.context, args.record.entity, args.record.id);
  if (record === null)
    throw new RapportError('NOT_FOUND', `The ${args.record.entity} ${args.record.id} is gone`);
  return record;
}

/**
 * Creates a task about the rule's record (title and notes are templates, as in messages), for its owner (or a named member), due `dueInDays` days after
 * the run at the same local time in the tenant's time zone. Exactly once per idempotency key.
 *
 * @example
 * ```ts
 * await createTask(args, { kind: 'createTask', title: 'Call {{person.firstName}}', dueInDays: 2 });
 * ```
 */
export async function createTask(args: ExecuteActionArgs, action: Action<'createTask'>): Promise<void> {
  await recordedWrite(args, 'createTask', async (joined) => {
    const record = await recordOf(args, joined);
    const assignTo = action.assignTo ?? 'owner';
    const assigneeId =
      assignTo === 'owner'
        ? ((record.ownerId ?? record.assigneeId ?? null) as string | null)
        : assignTo.memberId;
    const { timeZone } = await loadSettings(joined.storage, args.context.tenantId);
    const values = await templateValuesOf({ ...args, runtime: joined });
    const links = linksOf(args, record);
    const tasks = new Repository({ runtime: joined, context: args.context, entity: entityDef('task') });
    const task = await tasks.create(
      {
        title: renderTemplate(action.title, values),
        notes: action.notes === undefined ? null : renderTemplate(action.notes, values),
        assigneeId,
        dueAt:
          action.dueInDays === undefined
            ? null
            : followUpDueAt(args.at.toISOString(), action.dueInDays, timeZone),
        ...links,
      } as never,
      { reason: automationReason(args.rule) },
    );
    return { taskId: task.id };
  });
}

/**
 * Logs an activity about the rule's record (a note, a call; subject and body are templates), at the run's instant. Exactly once per
 * idempotency key.
 *
 * @example
 * ```ts
 * await createActivity(args, { kind: 'createActivity', type: 'note', subject: 'Welcomed' });
 * ```
 */
export async function createActivity(
  args: ExecuteActionArgs,
  action: Action<'createActivity'>,
): Promise<void> {
  await recordedWrite(args, 'createActivity', async (joined) => {
    const record = await recordOf(args, joined);
    const { personId, companyId, dealId } = linksOf(args, record);
    const values = await templateValuesOf({ ...args, runtime: joined });
    const render = (text: string | undefined) => (text === undefined ? null : renderTemplate(text, values));
    const activities = new Repository({
      runtime: joined,
      context: args.context,
      entity: entityDef('activity'),
    });
    const activity = await activities.create(
      {
        type: action.type,
        subject: render(action.subject),
        body: render(action.body),
        occurredAt: args.at.toISOString(),
        personIds: personId === null ? [] : [personId],
        companyId,
        dealId,
      } as never,
      { reason: automationReason(args.rule) },
    );
    return { activityId: activity.id };
  });
}

/**
 * Assigns the rule's record an owner through the tenant's assignment rules (`assignment.assign`), once
 * per idempotency key, so a retry does not move a rotation twice.
 *
 * @example
 * ```ts
 * await assign(args);
 * ```
 */
export async function assign(args: ExecuteActionArgs): Promise<void> {
  const entity = args.record.entity;
  if (!(assignableEntities as readonly string[]).includes(entity))
    throw new RapportError('MISUSE', `assign takes a record of: ${assignableEntities.join(', ')}`);
  await recordedWrite(args, 'assign', async (joined) => {
    const api = new AssignmentApi(joined, args.context);
    const decision = await api.assign({ entity: entity as AssignableEntity, id: args.record.id });
    return { decisionId: decision.id, outcome: decision.outcome, memberId: decision.memberId };
  });
}
