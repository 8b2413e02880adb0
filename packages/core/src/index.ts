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
export type { Changes, CrmEvents, FieldChange, RecordAction, RecordEvent } from './events/crm-events';
export { filterSchema } from './filter/filter-schema';
export type {
  AllFilter,
  AnyFilter,
  CaseMode,
  Comparison,
  ComparisonOp,
  Filter,
  FilterValue,
  NotFilter,
  OrderBy,
} from './filter/filter-types';
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
export { SettingsApi } from './settings/settings-api';
export type { SettingsChanges, TenantSettings } from './settings/tenant-settings';
export type * from './storage/index';
export { rapportMigrations } from './storage/migrations';
export * from './storage/runtime';
