import type { EntityName } from '../../entities/entity-name';
import type { CrmContext } from '../../records/context';
import type { CrmRuntime } from '../../records/runtime';
import type { JobsOptions } from '../jobs/jobs-options';
import type { Rule, RuleAction } from '../rule';
import type { TriggersOptions } from '../triggers/triggers-api';

/** A message an automation hands to the sender function the host registered for its channel. */
export interface AutomationMessage {
  readonly channel: string;
  readonly tenantId: string;
  readonly ruleId: string;
  /** The record the rule ran for. */
  readonly record: AutomationRecordRef;
  /** The person's primary email (or phone) when the record is a person or links one; else null. */
  readonly to: { readonly email: string | null; readonly phone: string | null };
  /** The member who owns the record (a task's assignee): who a reminder for staff goes to. */
  readonly owner: { readonly memberId: string; readonly email: string | null } | null;
  readonly subject: string | null;
  readonly body: string;
  /** The job's idempotency key: a sender that deduplicates on its side can use it. */
  readonly idempotencyKey: string;
}

/** A coupon an automation issued, as stored and as given to the host's `onCoupon`. */
export interface Coupon {
  readonly id: string;
  readonly tenantId: string;
  readonly code: string;
  readonly ruleId: string;
  readonly entity: EntityName;
  readonly recordId: string;
  readonly percentOff: number | null;
  readonly amountOff: number | null;
  /** Instant after which the coupon is no longer valid. */
  readonly validUntil: string;
  readonly createdAt: string;
}

/** What the host registers for automation: senders by channel, webhook secrets by name, a coupon hook. */
export interface AutomationHostOptions {
  /** Sender functions by channel name (`email`, `sms`, `chat`, ...). */
  readonly channels?: Readonly<Record<string, (message: AutomationMessage) => Promise<void>>>;
  /** Webhook signing secrets by name; a rule names a secret, never holds it. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Called after a coupon is stored, to deliver it or register it in a shop. */
  readonly onCoupon?: (coupon: Coupon) => Promise<void>;
  /** The HTTP client for webhooks; the global `fetch` when absent. */
  readonly fetch?: typeof fetch;
  /** How jobs retry, back off, lease and cut off chains of rules (`maxAttempts`, `backoffMs`, ...). */
  readonly jobs?: JobsOptions;
  /** How `tick` reads the outbox and time triggers (`batchSize`, `maxBatches`, `lagMs`). */
  readonly triggers?: Omit<TriggersOptions, 'jobs' | 'enqueue'>;
}

/** The record a rule runs for. */
export interface AutomationRecordRef {
  readonly entity: EntityName;
  readonly id: string;
}

/** The event that started the rule, as far as an action needs it (webhook payloads carry it). */
export interface AutomationEventRef {
  readonly id?: string;
  readonly type: string;
  readonly payload?: unknown;
}

/** What `executeAction` takes: one action of one rule for one record, inside one job. */
export interface ExecuteActionArgs {
  readonly runtime: CrmRuntime;
  readonly context: CrmContext;
  readonly rule: Pick<Rule, 'id' | 'name'>;
  readonly action: RuleAction;
  readonly record: AutomationRecordRef;
  readonly event?: AutomationEventRef;
  /**
   * The job's idempotency key plus the action's position (`<job key>:<index>`): sends, coupons and
   * webhooks are recorded under it and skipped when a retried job meets it again.
   */
  readonly idempotencyKey: string;
  /** The instant the job runs at (the CRM clock). */
  readonly at: Date;
  /** What the host registered; `runtime.automation` when absent. */
  readonly host?: AutomationHostOptions;
}

/**
 * What executing an action leads to: `done` (go on with the next action), `wait` (run the next action
 * at `until`, an ISO instant), or `continue` (a branch: run `actions` before the rest).
 */
export type ActionOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'wait'; readonly until: string }
  | { readonly kind: 'continue'; readonly actions: readonly RuleAction[] };

/** The function type of `executeAction`. */
export type ExecuteAction = (args: ExecuteActionArgs) => Promise<ActionOutcome>;
