/** Automation triggers: outbox events, date and inactivity triggers, schedules, manual and inbound starts. */

export type { TriggerCursor } from './cursor-table';
export { cursorsTable, cursorsTableName, triggersMigration } from './cursor-table';
export type { EnqueueMatches } from './enqueue-matches';
export { enqueueThroughJobs } from './enqueue-matches';
export type { InboundEvent, StartArgs, StartResult } from './external-starts';
export type { TriggerEvent } from './trigger-event';
export type { TriggerMatch } from './trigger-match';
export type { TickResult, TriggersOptions } from './triggers-api';
export { AutomationTriggers } from './triggers-api';
