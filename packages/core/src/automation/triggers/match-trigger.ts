import type { Trigger } from '../rule';
import type { TriggerEvent } from './trigger-event';

function changedValue(event: TriggerEvent, field: string): { before: unknown; after: unknown } | undefined {
  return event.kind === 'record' ? event.changes[field] : undefined;
}

function dealStageMatches(trigger: Extract<Trigger, { kind: 'dealStageChanged' }>, event: TriggerEvent) {
  if (event.kind !== 'record' || event.entity !== 'deal' || event.action !== 'updated') return false;
  const stage = changedValue(event, 'stageId');
  if (stage === undefined) return false;
  if (trigger.stageIds !== undefined && !trigger.stageIds.includes(stage.after as string)) return false;
  // An update of the stage alone does not carry the pipeline: `triggerFilter` checks it on the deal.
  return true;
}

/**
 * Whether an outbox event starts a rule with this trigger. Pure: the pipeline of a `dealStageChanged`
 * trigger is checked on the deal as read (see `triggerFilter`), since an update that changes only the
 * stage does not carry the pipeline.
 *
 * @example
 * ```ts
 * matchesTrigger({ kind: 'recordUpdated', entity: 'person', fields: ['email'] }, event); // true when email changed
 * ```
 */
export function matchesTrigger(trigger: Trigger, event: TriggerEvent): boolean {
  switch (trigger.kind) {
    case 'recordCreated':
      return event.kind === 'record' && event.action === 'created' && event.entity === trigger.entity;
    case 'recordDeleted':
      return event.kind === 'record' && event.action === 'deleted' && event.entity === trigger.entity;
    case 'recordUpdated':
      return (
        event.kind === 'record' &&
        event.action === 'updated' &&
        event.entity === trigger.entity &&
        (trigger.fields === undefined || trigger.fields.some((field) => field in event.changes))
      );
    case 'dealStageChanged':
      return dealStageMatches(trigger, event);
    case 'segmentEntered':
    case 'segmentLeft':
      return (
        event.kind === 'segment' &&
        event.entered === (trigger.kind === 'segmentEntered') &&
        event.segmentId === trigger.segmentId
      );
    default:
      return false;
  }
}
