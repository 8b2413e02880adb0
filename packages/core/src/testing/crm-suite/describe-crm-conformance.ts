import { describe } from 'vitest';
import { describeApiMisuse } from './api-misuse';
import { describeAssignment } from './assignment';
import { describeAutomationActions } from './automation-actions';
import { describeAutomationJobs } from './automation-jobs';
import { describeAutomationRules } from './automation-rules';
import { describeAutomationTriggers } from './automation-triggers';
import { describeCrud } from './crud';
import { describeCustomFieldChanges } from './custom-field-changes';
import { describeCustomFieldIndexes } from './custom-field-indexes';
import { describeCustomFields } from './custom-fields';
import { describeCustomerValue } from './customer-value';
import { describeDuplicates } from './duplicates';
import { describeEvents } from './events';
import { describeFilters } from './filters';
import { describeFollowUps } from './follow-ups';
import { describeForecast } from './forecast';
import type { MakeStorage } from './harness';
import { describeImports } from './imports';
import { describeLeads } from './leads';
import { describeNormalisation } from './normalisation';
import { describePagination } from './pagination';
import { describePipelines } from './pipelines';
import { describeSegments } from './segments';
import { describeSettings } from './settings';
import { describeSorting } from './sorting';
import { describeTenantIsolation } from './tenant-isolation';
import { describeTransactions } from './transactions';
import { describeUniqueness } from './uniqueness';
import { describeValidation } from './validation';
import { describeVersions } from './versions';

/**
 * The records-level conformance suite: runs the whole records API (CRUD, validation, normalisation,
 * filters, sorting, pagination, versions, uniqueness, transactions, tenant isolation, custom fields,
 * events, settings and segments) over a storage adapter, and checks what it stored through `storage.raw`. Every
 * test gets a CRM over a fresh store from `makeStorage`, and closes it after.
 *
 * @example
 * ```ts
 * // packages/adapters-sqlite/src/crm-conformance.test.ts
 * import { describeCrmConformance } from '@rapport/core/testing';
 * import { sqliteAdapter } from '@rapport/adapter-sqlite';
 *
 * describeCrmConformance('sqlite', () => sqliteAdapter({ filename: ':memory:' }));
 * ```
 */
export function describeCrmConformance(name: string, makeStorage: MakeStorage): void {
  describe(`CRM conformance: ${name}`, () => {
    describeCrud(makeStorage);
    describeValidation(makeStorage);
    describeApiMisuse(makeStorage);
    describeNormalisation(makeStorage);
    describeFilters(makeStorage);
    describeSorting(makeStorage);
    describePagination(makeStorage);
    describeVersions(makeStorage);
    describeUniqueness(makeStorage);
    describeTransactions(makeStorage);
    describeImports(makeStorage);
    describeTenantIsolation(makeStorage);
    describeCustomFields(makeStorage);
    describeCustomFieldChanges(makeStorage);
    describeCustomFieldIndexes(makeStorage);
    describeEvents(makeStorage);
    describeSettings(makeStorage);
    describeCustomerValue(makeStorage);
    describeSegments(makeStorage);
    describeDuplicates(makeStorage);
    describePipelines(makeStorage);
    describeFollowUps(makeStorage);
    describeForecast(makeStorage);
    describeAssignment(makeStorage);
    describeLeads(makeStorage);
    describeAutomationActions(makeStorage);
    describeAutomationJobs(makeStorage);
    describeAutomationRules(makeStorage);
    describeAutomationTriggers(makeStorage);
  });
}
