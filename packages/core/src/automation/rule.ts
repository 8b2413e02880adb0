import type { EntityName } from '../entities/entity-name';
import type { Filter } from '../filter/filter-types';

/** The record changes a rule can start on. */
export type RecordTrigger =
  | { readonly kind: 'recordCreated'; readonly entity: EntityName }
  | {
      readonly kind: 'recordUpdated';
      readonly entity: EntityName;
      /** Start only when one of these fields changed (`custom.<key>` for custom fields); any when absent. */
      readonly fields?: readonly string[];
    }
  | { readonly kind: 'recordDeleted'; readonly entity: EntityName }
  /** A deal moved to another stage (optionally: into one of `stageIds`, of one pipeline). */
  | {
      readonly kind: 'dealStageChanged';
      readonly pipelineId?: string;
      readonly stageIds?: readonly string[];
    }
  /** A record entered or left a saved segment. */
  | { readonly kind: 'segmentEntered' | 'segmentLeft'; readonly segmentId: string };

/** The triggers that start on the clock rather than on a change. */
export type TimeTrigger =
  /**
   * A date field of each record (`birthday`, `custom.contractEnd`) plus `offsetDays` (negative: before),
   * at `localTime` (`HH:mm`) in the tenant's time zone; `recurring` dates (birthdays, anniversaries) fire
   * every year on the month and day.
   */
  | {
      readonly kind: 'date';
      readonly entity: EntityName;
      readonly field: string;
      readonly offsetDays?: number;
      readonly localTime?: string;
      readonly recurring?: boolean;
    }
  /** No activity linked to the record for `days` days. */
  | { readonly kind: 'inactivity'; readonly entity: 'person' | 'company' | 'deal'; readonly days: number }
  /** A recurring schedule: every `every` units from `startAt`, in the tenant's time zone. */
  | {
      readonly kind: 'schedule';
      readonly every: number;
      readonly unit: 'minutes' | 'hours' | 'days' | 'weeks';
      readonly startAt: string;
    };

/** Triggers a host or an outside system starts. */
export type ExternalTrigger =
  /** `automation.start(ruleId, { entity, id })`: a person clicks "run". */
  | { readonly kind: 'manual'; readonly entity: EntityName }
  /** `automation.receive({ channel, type, payload })`: a webhook or a channel's inbound message. */
  | { readonly kind: 'inbound'; readonly channel: string; readonly type?: string };

/** What starts a rule. */
export type Trigger = RecordTrigger | TimeTrigger | ExternalTrigger;

/**
 * A condition of a rule: the filter language over the record, or a change operator over the change that
 * started the rule (only for record triggers), combined with `all` / `any` / `not`.
 */
export type RuleCondition =
  | Filter
  | { readonly all: readonly RuleCondition[] }
  | { readonly any: readonly RuleCondition[] }
  | { readonly not: RuleCondition }
  | { readonly field: string; readonly op: 'changed' }
  | { readonly field: string; readonly op: 'changedFrom' | 'changedTo'; readonly value: unknown };

/** What a rule does, in order. Message, coupon and webhook actions call what the host registered. */
export type RuleAction =
  | { readonly kind: 'updateFields'; readonly values: Readonly<Record<string, unknown>> }
  | { readonly kind: 'addTags' | 'removeTags'; readonly tags: readonly string[] }
  | {
      readonly kind: 'createTask';
      readonly title: string;
      readonly dueInDays?: number;
      /** Who gets it: the record's owner (default) or a member id. */
      readonly assignTo?: 'owner' | { readonly memberId: string };
      readonly notes?: string;
    }
  | {
      readonly kind: 'createActivity';
      readonly type: string;
      readonly subject?: string;
      readonly body?: string;
    }
  /** Assign an owner through the tenant's assignment rules (`assignment.assign`). */
  | { readonly kind: 'assign' }
  /** Send through a channel the host registered; `subject`/`body` are templates (`{{person.firstName}}`). */
  | {
      readonly kind: 'sendMessage';
      readonly channel: string;
      readonly subject?: string;
      readonly body: string;
      /**
       * The person's consent the message needs (`person.consent.email`, `.sms` or `.phone`): without it the
       * message is not sent, and the effect ledger says why. Marketing messages name it; a message for
       * staff (a task reminder) or a transactional one does not.
       */
      readonly consent?: 'email' | 'sms' | 'phone';
    }
  /** Issue a coupon: a stored coupon record plus the host's coupon callback. */
  | {
      readonly kind: 'issueCoupon';
      readonly percentOff?: number;
      readonly amountOff?: number;
      readonly validDays: number;
    }
  /** POST the event and record as JSON to a URL, signed with HMAC-SHA256 of the body. */
  | { readonly kind: 'callWebhook'; readonly url: string; readonly secretName: string }
  /** Wait a duration or until a date field of the record, then go on with the next actions. */
  | { readonly kind: 'wait'; readonly days?: number; readonly hours?: number; readonly untilField?: string }
  /** Go on with `then` when the condition holds on the record now, else with `else`. */
  | {
      readonly kind: 'branch';
      readonly condition: RuleCondition;
      readonly then: readonly RuleAction[];
      readonly else?: readonly RuleAction[];
    };

/** A rule as it is given: a trigger, conditions and actions. */
export interface RuleInput {
  readonly name: string;
  readonly trigger: Trigger;
  readonly condition?: RuleCondition;
  readonly actions: readonly RuleAction[];
  /**
   * Whether a record that still matches enrolls again on the next trigger. By default a record enrolls
   * only when it newly matches (it did not match, or was not enrolled, before).
   */
  readonly reenroll?: boolean;
  readonly active?: boolean;
}

/** A stored rule. */
export interface Rule extends Required<Omit<RuleInput, 'condition'>> {
  readonly id: string;
  readonly condition: RuleCondition | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}
