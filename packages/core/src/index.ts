/**
 * Rapport core: the embeddable CRM engine. Records, custom fields, filters, one write path with audit,
 * outbox and events, the storage adapter contract and the in-memory adapter.
 *
 * @module @rapport/core
 */

export type { AccessPolicy, CanWriteArgs, ReadScopeArgs, WriteAction } from './access/access-policy';
export { allowAll } from './access/access-policy';
export type { AssignArgs, AssignManyArgs, RuleQuery } from './assignment/assignment-api';
export { AssignmentApi } from './assignment/assignment-api';
export type { AssignmentDecision, CandidateTrace, RuleTrace } from './assignment/assignment-decision';
export type {
  AssignableEntity,
  AssignmentCapacity,
  AssignmentPool,
  AssignmentRule,
  AssignmentRuleChanges,
  AssignmentRuleInput,
  AssignmentStrategy,
  AssignmentWeights,
  CapacityPeriod,
  MatchAttribute,
  MatchCriterion,
} from './assignment/assignment-rule';
export {
  assignableEntities,
  assignmentStrategies,
  capacityPeriods,
  matchAttributes,
} from './assignment/assignment-rule';
export type { DecisionQuery } from './assignment/decision-log';
export type { SkipReason } from './assignment/eligibility';
export type { AuditEntry } from './audit/audit-entry';
export type { AuditQuery } from './audit/audit-trail';
export type {
  ActionOutcome,
  AutomationEventRef,
  AutomationHostOptions,
  AutomationMessage,
  AutomationRecordRef,
  Coupon,
  ExecuteAction,
  ExecuteActionArgs,
} from './automation/actions/execute-action';
export { executeAction } from './automation/actions/execute-action';
export { signWebhook, verifyWebhook } from './automation/actions/webhook-signature';
export type { ExplainRuleTarget } from './automation/automation-api';
export { AutomationApi } from './automation/automation-api';
export type {
  AutomationJobsSeams,
  EnqueueResult,
  Job,
  JobInput,
  JobRunResult,
  JobStatus,
  JobStopReason,
  JobsOptions,
  RunDueArgs,
  RunDueResult,
  StartWorkerOptions,
  Worker,
} from './automation/jobs/index';
export { AutomationJobsApi, enqueueJobs } from './automation/jobs/index';
export type {
  BirthdayGreetingOptions,
  LeadAutoAssignmentOptions,
  ReengageInactiveOptions,
  TaskReminderOptions,
  WelcomeMessageOptions,
} from './automation/recipes/index';
export {
  birthdayGreeting,
  leadAutoAssignment,
  reengageInactive,
  taskReminder,
  welcomeMessage,
} from './automation/recipes/index';
export type {
  ExternalTrigger,
  RecordTrigger,
  Rule as AutomationRule,
  RuleAction as AutomationRuleAction,
  RuleCondition as AutomationRuleCondition,
  RuleInput as AutomationRuleInput,
  TimeTrigger,
  Trigger,
} from './automation/rule';
export type { CompiledRule, CompileRuleOptions, FactPredicate } from './automation/rules/compile-rule';
export { compileRule, matchesFact, ruleMatchesEvent, triggerMismatch } from './automation/rules/compile-rule';
export type { DryRunItem, DryRunOptions, DryRunReport } from './automation/rules/dry-run';
export type { Enrollment } from './automation/rules/enrollment';
export { readEnrollment, recordEnrollment, wouldEnroll } from './automation/rules/enrollment';
export type { RuleConditionExplanation, RuleExplanation } from './automation/rules/explain-rule';
export { compileStoredRule, loadRuleIndex } from './automation/rules/load-rules';
export type { RuleEvent, RuleFact } from './automation/rules/rule-fact';
export { RuleIndex } from './automation/rules/rule-index';
export {
  ruleConditionSchema,
  ruleInputSchema as automationRuleInputSchema,
} from './automation/rules/rule-schema';
export type {
  InboundEvent as AutomationInboundEvent,
  StartArgs as AutomationStartArgs,
  StartResult as AutomationStartResult,
  TickResult as AutomationTickResult,
  TriggersOptions as AutomationTriggersOptions,
} from './automation/triggers/index';
export { AutomationTriggers } from './automation/triggers/index';
export type { Crm, CrmOptions, CrmSession } from './crm';
export { createCrm, createCrmRuntime } from './crm';
export type {
  CustomFieldChanges,
  CustomFieldDefinition,
  CustomFieldInput,
  CustomFieldOption,
  ExtensibleEntityName,
} from './custom-fields/custom-field-definition';
export { extensibleEntityNames } from './custom-fields/custom-field-definition';
export type { CustomFieldType } from './custom-fields/custom-field-types';
export { customFieldTypes } from './custom-fields/custom-field-types';
export { CustomFieldsApi } from './custom-fields/custom-fields-api';
export type { Breakpoints, StoredBreakpoints } from './customer-value/breakpoints';
export type { CustomerEntity } from './customer-value/customer-kinds';
export type { RefreshResult } from './customer-value/customer-value-api';
export { CustomerValueApi } from './customer-value/customer-value-api';
export type {
  CustomerValueConfig,
  CustomerValueInput,
  TierDefinition,
  TierInput,
} from './customer-value/customer-value-config';
export type { QuintileEdges } from './customer-value/quintiles';
export type { CustomerValue } from './customer-value/read-customer-value';
export type { RefreshedKind } from './customer-value/recompute-everyone';
export type { RfmSegment } from './customer-value/rfm-segments';
export { rfmSegments } from './customer-value/rfm-segments';
export type { CustomerTierChangedEvent } from './customer-value/tier-events';
export type {
  DuplicateEvent,
  DuplicateMergeEvent,
  DuplicateSuspectedEvent,
} from './duplicates/duplicate-events';
export type {
  DuplicateRule,
  DuplicateRuleInput,
  DuplicateRules,
  MatchOn,
  RuleAction,
} from './duplicates/duplicate-rules';
export { defaultDuplicateRules } from './duplicates/duplicate-rules';
export type { CheckArgs, DuplicateCheck, ScanArgs } from './duplicates/duplicates-api';
export { DuplicatesApi } from './duplicates/duplicates-api';
export { foldCompanyName, foldName } from './duplicates/fold-name';
export { jaroWinkler } from './duplicates/jaro-winkler';
export type { DuplicateEntity } from './duplicates/match-profile';
export type { MatchedRecord, RuleMatch } from './duplicates/match-rules';
export type { Merge } from './duplicates/merge-record';
export type { MergeArgs, MergeResult } from './duplicates/merge-records';
export { companyNameSimilarity, personNameSimilarity } from './duplicates/name-similarity';
export type { DuplicateGroup, MatchedPair } from './duplicates/pair-blocks';
export type { ScanResult } from './duplicates/scan-tenant';
export type { FieldRule, PickRule, Survivorship } from './duplicates/survivorship';
export type { UndoConflict } from './duplicates/undo-merge';
export { activityTypes } from './entities/activity';
export { companySizes } from './entities/company';
export { dealStatuses } from './entities/deal';
export type { BaseRecord, ExtensibleRecord } from './entities/define-entity';
export type { EntityName } from './entities/entity-name';
export { entityNames } from './entities/entity-name';
export { orderStatuses } from './entities/order';
export { lifecycleStages } from './entities/person';
export { normalisePhone } from './entities/phone';
export { forecastCategories, stageKinds, stageMoves } from './entities/pipeline';
export { taskStatuses } from './entities/task';
export type * from './entities/types';
export type { RapportErrorCode, RapportErrorOptions, RapportIssue } from './errors/rapport-error';
export { isRapportError, RapportError, validationError } from './errors/rapport-error';
export type {
  Changes,
  CrmEvents,
  FieldChange,
  RecordAction,
  RecordEvent,
  RecordsImportedEvent,
  SegmentMembershipEvent,
} from './events/crm-events';
export type { FilterContext } from './filter/filter-context';
export { filterSchema } from './filter/filter-schema';
export type {
  AcceptsFilter,
  AllFilter,
  AnyFilter,
  CaseMode,
  CompareFilterOp,
  Comparison,
  ComparisonOp,
  Filter,
  FilterValue,
  LooseComparison,
  LooseRelatedFilter,
  NotFilter,
  OrderBy,
  PeriodName,
  RelatedAggregateName,
  RelatedFilter,
  SegmentFilter,
  TimeUnit,
} from './filter/filter-types';
export { resolveFilter } from './filter/resolve-filter';
export type {
  CheckedCadence,
  FollowUpCadence,
  FollowUpCadenceChanges,
  FollowUpCadenceInput,
  FollowUpStep,
  FollowUpTrigger,
} from './follow-ups/cadence';
export { followUpTriggers } from './follow-ups/cadence';
export { FollowUpsApi } from './follow-ups/follow-ups-api';
export { followUpTag } from './follow-ups/plan-tasks';
export type { Forecast } from './forecast/forecast-api';
export { ForecastApi } from './forecast/forecast-api';
export type { ForecastArgs, ForecastGrouping } from './forecast/forecast-args';
export { forecastGroupings } from './forecast/forecast-args';
export type { ForecastCategory } from './forecast/forecast-category';
export type { ForecastAmounts, ForecastRow } from './forecast/forecast-rows';
export type { ForecastPeriod, ForecastPeriodKind } from './forecast/periods';
export { forecastPeriodOf } from './forecast/periods';
export { weightedAmount } from './forecast/weighting';
export { uuidv7 } from './ids/uuidv7';
export type {
  CompanyMatch,
  LeadCaptureInput,
  LeadCaptureResult,
  PersonMatch,
} from './leads/capture-input';
export type { ConvertLeadOptions, LeadConversion, LeadQualification } from './leads/convert-lead';
export { convertibleStages } from './leads/convert-lead';
export type { LeadChannel } from './leads/lead-channel';
export { leadChannels } from './leads/lead-channel';
export type { EngagementContribution, FitResult, LeadScore } from './leads/lead-score';
export type { RankedLead, RankedLeads, RankLeadsOptions } from './leads/leads-api';
export { LeadsApi } from './leads/leads-api';
export type { EngagementRule, FitRule, LeadScoringConfig, LeadScoringInput } from './leads/scoring-config';
export type { StageWriteArgs } from './pipelines/check-stage-write';
export { checkStageWrite } from './pipelines/check-stage-write';
export type { IdleDeal, IdleQuery, StageMoveResult } from './pipelines/deal-stages-api';
export { DealStagesApi } from './pipelines/deal-stages-api';
export type { BypassOptions, MoveOptions } from './pipelines/move-input';
export type { PipelineConfig, StageConfig, StageKind, StageMoves } from './pipelines/pipeline-config';
export { pipelineConfig } from './pipelines/pipeline-config';
export type { StageVisit } from './pipelines/stage-history-table';
export type {
  DealStageState,
  StageActor,
  StageEffect,
  StageMove,
  TransitionArgs,
  TransitionResult,
} from './pipelines/stage-transition';
export { transitionDeal } from './pipelines/stage-transition';
export type { StageTime } from './pipelines/time-in-stage';
export type { Actor, ContextInput, CrmContext, RuleBypass } from './records/context';
export type { CreateOptions } from './records/create-records';
export type { ImportOptions, ImportResult } from './records/import-records';
export type { LifecycleOptions } from './records/lifecycle';
export type { ArchivedMode, ListOptions, Page } from './records/list-options';
export type { GetOptions } from './records/read-records';
export type { UpdateInput, WithIncludes } from './records/repository';
export { Repository } from './records/repository';
export type { UpdateOptions } from './records/update-record';
export type { UpsertResult } from './records/upsert-record';
export type {
  ExplainedComparison,
  ExplainedGroup,
  ExplainedNot,
  ExplainedRelated,
  ExplainedSegment,
  Explanation,
} from './segments/explanation';
export { FiltersApi } from './segments/filters-api';
export type { RecordOrId } from './segments/record-subject';
export type { Segment, SegmentKind } from './segments/segment';
export { segmentKinds } from './segments/segment';
export type { SegmentChanges, SegmentInput } from './segments/segment-input';
export type { AnyRecord, MembersOptions, SegmentQuery } from './segments/segments-api';
export { SegmentsApi } from './segments/segments-api';
export { SettingsApi } from './settings/settings-api';
export type { SettingsChanges, TenantSettings } from './settings/tenant-settings';
export { foldCase } from './storage/fold-case';
export type * from './storage/index';
export { rapportMigrations } from './storage/migrations';
export * from './storage/runtime';
export type {
  CrmClient,
  CrmClientEvent,
  CustomFieldsClient,
  DealStagesClient,
  ForecastClient,
  RecordsClient,
  SegmentsClient,
  SubscribeOptions,
} from './transport/crm-client';
export { errorStatus } from './transport/error-status';
export type { FetchFunction, ReconnectOptions } from './transport/event-connection';
export type { Authenticate, FetchHandler, FetchHandlerOptions } from './transport/fetch-handler';
export { createFetchHandler } from './transport/fetch-handler';
export { localClient } from './transport/local-client';
export type { NodeListener, NodeRequestLike, NodeResponseLike } from './transport/node-listener';
export { toNodeListener } from './transport/node-listener';
export type { RemoteClient, RemoteClientOptions, RemoteHeaders } from './transport/remote-client';
export { remoteClient } from './transport/remote-client';
export type { CallBody, ErrorBody, ResultBody } from './transport/wire-format';
