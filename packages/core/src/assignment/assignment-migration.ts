import { fieldsAddedIn } from '../entities/fields-added-in';
import type { Migration } from '../storage/schema';
import {
  assignmentDecisionsTable,
  assignmentRulesTable,
  assignmentStateTable,
  assignmentTurnsTable,
} from './assignment-tables';

/**
 * Migration 7: assignment. The rules, the per-tenant state row that orders concurrent assignments, the
 * rotation state of each rule and member, the decision log, and the members' assignment fields (away
 * until, opted out, weight, languages, industries).
 */
export const assignmentMigration: Migration = {
  version: 7,
  name: 'assignment',
  steps: [
    ...[assignmentRulesTable, assignmentStateTable, assignmentTurnsTable, assignmentDecisionsTable].map(
      (table) => ({ kind: 'createTable' as const, table }),
    ),
    ...fieldsAddedIn(7),
  ],
};
