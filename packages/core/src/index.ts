/**
 * Rapport core: the embeddable CRM engine. Records, custom fields, filters, one write path with audit,
 * outbox and events, the storage adapter contract and the in-memory adapter.
 *
 * @module @rapport/core
 */

export type { AccessPolicy, CanWriteArgs, ReadScopeArgs, WriteAction } from './access/access-policy';
export { allowAll } from './access/access-policy';
export type { AuditEntry } from './audit/audit-entry';
export type { AuditQuery } from './audit/audit-trail';
export type { Crm, CrmOptions, CrmSession } from './crm';
export { createCrm } from './crm';
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
export { activityTypes } from './entities/activity';
export { companySizes } from './entities/company';
export { dealStatuses } from './entities/deal';
export type { BaseRecord, ExtensibleRecord } from './entities/define-entity';
export type { EntityName } from './entities/entity-name';
export { entityNames } from './entities/entity-name';
export { orderStatuses } from './entities/order';
export { lifecycleStages } from './entities/person';
export { normalisePhone } from './entities/phone';
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
export { uuidv7 } from './ids/uuidv7';
export type { Actor, ContextInput, CrmContext } from './records/context';
export type { CreateOptions } from './records/create-records';
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
