import { RapportError } from '../../errors/rapport-error';
import type { ActionOutcome, ExecuteActionArgs } from './action-types';
import { branchOutcome } from './branch';
import { callWebhook } from './call-webhook';
import { assign, createActivity, createTask } from './crm-writes';
import { issueCoupon } from './issue-coupon';
import { changeTags, updateFields } from './record-writes';
import { sendMessage } from './send-message';
import { waitOutcome } from './wait-until';

export type {
  ActionOutcome,
  AutomationEventRef,
  AutomationHostOptions,
  AutomationMessage,
  AutomationRecordRef,
  Coupon,
  ExecuteAction,
  ExecuteActionArgs,
} from './action-types';

const done: ActionOutcome = { kind: 'done' };

/**
 * Executes one action of a rule for one record and says what comes next: `done`, `wait` until an instant,
 * or `continue` with a branch's actions. Call it outside any transaction: it opens its own, and calls the
 * host (senders, coupon callback, webhooks) only after the effect's record has committed.
 *
 * Guarantees per kind, for a job retried with the same idempotency key:
 * - `updateFields`, `addTags`, `removeTags`: the write path with the rule in the audit reason; a second
 *   run changes nothing (same values).
 * - `createTask`, `createActivity`, `assign`: written together with their record under the key: exactly
 *   once.
 * - `sendMessage`, `issueCoupon`, `callWebhook`: recorded under the key before the host is called, so at
 *   most once; a host call that throws removes the record and the retry tries again.
 * - `wait`, `branch`: pure outcomes that read the record; nothing is written.
 *
 * @example
 * ```ts
 * const outcome = await executeAction({
 *   runtime, context, rule, record: { entity: 'person', id }, at: runtime.now(),
 *   action: { kind: 'sendMessage', channel: 'email', body: 'Welcome, {{person.firstName}}!' },
 *   idempotencyKey: `${job.idempotencyKey}:${index}`,
 * });
 * if (outcome.kind === 'wait') reschedule(outcome.until);
 * ```
 */
export async function executeAction(args: ExecuteActionArgs): Promise<ActionOutcome> {
  const { action } = args;
  switch (action.kind) {
    case 'updateFields':
      await updateFields(args, action.values);
      return done;
    case 'addTags':
      await changeTags(args, action.tags, 'add');
      return done;
    case 'removeTags':
      await changeTags(args, action.tags, 'remove');
      return done;
    case 'createTask':
      await createTask(args, action);
      return done;
    case 'createActivity':
      await createActivity(args, action);
      return done;
    case 'assign':
      await assign(args);
      return done;
    case 'sendMessage':
      await sendMessage(args, action);
      return done;
    case 'issueCoupon':
      await issueCoupon(args, action);
      return done;
    case 'callWebhook':
      await callWebhook(args, action);
      return done;
    case 'wait':
      return waitOutcome(args, action);
    case 'branch':
      return branchOutcome(args, action);
    default:
      throw new RapportError('MISUSE', `Unknown automation action: ${JSON.stringify(action)}`);
  }
}
