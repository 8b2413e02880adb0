/**
 * Rapport core: the embeddable CRM engine. Records, custom fields, filters, one write path with audit,
 * outbox and events, the storage adapter contract and the in-memory adapter.
 *
 * @module @rapport/core
 */
export { createCrm } from './crm';
export type { Crm, CrmOptions, CrmSession } from './crm';

export { RapportError, isRapportError, validationError } from './errors/rapport-error';
export type { RapportErrorCode, RapportErrorOptions, RapportIssue } from './errors/rapport-error';

export { Repository } from './records/repository';
export type { UpdateInput, WithIncludes } from './records/repository';
export type { Actor, ContextInput, CrmContext } from './records/context';
export type { CreateOptions } from './records/create-records';
export type { UpdateOptions } from './records/update-record';
export type { LifecycleOptions } from './records/lifecycle';
export type { UpsertResult } from './records/upsert-record';
export type { GetOptions } from './records/read-records';
export type { ArchivedMode, ListOptions, Page } from './records/list-options';

export type * from './entities/types';
export type { BaseRecord, ExtensibleRecord } from './entities/define-entity';
export { entityNames } from './entities/entity-name';
export type { EntityName } from './entities/entity-name';
export { lifecycleStages } from './entities/person';
export { dealStatuses } from './entities/deal';
export { activityTypes } from './entities/activity';
export { taskStatuses } from './entities/task';
export { orderStatuses } from './entities/order';
export { companySizes } from './entities/company';
export { normalisePhone } from './entities/phone';

export { CustomFieldsApi } from './custom-fields/custom-fields-api';
export { customFieldTypes } from './custom-fields/custom-field-types';
export type { CustomFieldType } from './custom-fields/custom-field-types';
export { extensibleEntityNames } from './custom-fields/custom-field-definition';
export type {
  CustomFieldChanges,
  CustomFieldDefinition,
  CustomFieldInput,
  CustomFieldOption,
  ExtensibleEntityName,
} from './custom-fields/custom-field-definition';

export { SettingsApi } from './settings/settings-api';
export type { SettingsChanges, TenantSettings } from './settings/tenant-settings';

export type { AuditEntry } from './audit/audit-entry';
export type { AuditQuery } from './audit/audit-trail';
export type { Changes, CrmEvents, FieldChange, RecordAction, RecordEvent } from './events/crm-events';

export { allowAll } from './access/access-policy';
export type { AccessPolicy, CanWriteArgs, ReadScopeArgs, WriteAction } from './access/access-policy';

export { filterSchema } from './filter/filter-schema';
export type { AllFilter, AnyFilter, CaseMode, Comparison, ComparisonOp, Filter, FilterValue, NotFilter, OrderBy } from './filter/filter-types';

export { uuidv7 } from './ids/uuidv7';
export { rapportMigrations } from './storage/migrations';
export * from './storage/runtime';
export type * from './storage/index';
