import { assignmentMigration } from '../assignment/assignment-migration';
import { automationActionsMigration } from '../automation/actions/actions-migration';
import { automationJobsMigration } from '../automation/jobs/job-table';
import { automationRulesMigration } from '../automation/rules/rule-tables';
import { triggersMigration } from '../automation/triggers/cursor-table';
import { customerValueMigration } from '../customer-value/customer-value-migration';
import { duplicatesMigration } from '../duplicates/duplicates-migration';
import { entities } from '../entities/registry';
import { followUpsMigration } from '../follow-ups/follow-ups-migration';
import { leadsMigration } from '../leads/leads-migration';
import { pipelinesMigration } from '../pipelines/pipelines-migration';
import { segmentMembersTable, segmentRevisionsTable, segmentsTable } from '../segments/segment-tables';
import { opaqueJournalMigration } from './opaque-journal-migration';
import type { Migration } from './schema';
import {
  auditLogTable,
  customFieldsTable,
  outboxTable,
  settingsTable,
  uniqueValuesTable,
} from './system-tables';

/**
 * Rapport's schema migrations, in version order. Adapters apply the ones a store has not seen yet.
 * A released migration never changes; a schema change is a new version.
 *
 * @example
 * ```ts
 * await adapter.migrate({ migrations: rapportMigrations });
 * ```
 */
export const rapportMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    steps: [
      ...[settingsTable, customFieldsTable, uniqueValuesTable, auditLogTable, outboxTable].map((table) => ({
        kind: 'createTable' as const,
        table,
      })),
      ...Object.values(entities).map((entity) => ({ kind: 'createTable' as const, table: entity.tableDef })),
    ],
  },
  {
    version: 2,
    name: 'custom field indexes',
    steps: [
      {
        kind: 'addColumn',
        table: 'custom_fields',
        // Nullable: definitions stored before this version read as not indexed.
        column: { name: 'is_indexed', type: 'boolean', nullable: true },
      },
    ],
  },
  {
    version: 3,
    name: 'related record indexes',
    // Related conditions look up rows by their link: every foreign key column already leads an index
    // except activities.owner_id, and the id lists of activities and deals need list indexes.
    steps: [
      {
        kind: 'createIndex',
        table: 'activities',
        index: { name: 'activities_owner_id_idx', columns: ['tenant_id', 'owner_id'], unique: false },
      },
      {
        kind: 'createIndex',
        table: 'activities',
        index: {
          name: 'activities_person_ids_list_idx',
          columns: ['person_ids'],
          unique: false,
          kind: 'list',
        },
      },
      {
        kind: 'createIndex',
        table: 'deals',
        index: { name: 'deals_person_ids_list_idx', columns: ['person_ids'], unique: false, kind: 'list' },
      },
    ],
  },
  {
    version: 4,
    name: 'segments',
    steps: [
      { kind: 'createTable', table: segmentsTable },
      { kind: 'createTable', table: segmentMembersTable },
      { kind: 'createTable', table: segmentRevisionsTable },
    ],
  },
  customerValueMigration,
  pipelinesMigration,
  assignmentMigration,
  duplicatesMigration,
  leadsMigration,
  followUpsMigration,
  automationRulesMigration,
  automationJobsMigration,
  triggersMigration,
  automationActionsMigration,
  opaqueJournalMigration,
];
