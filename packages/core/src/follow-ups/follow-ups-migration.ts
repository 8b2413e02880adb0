import type { Migration } from '../storage/schema';
import { cadencesTable } from './cadence-table';

/**
 * Migration 10: follow-up cadences. The tasks they create are ordinary task records; only the cadences
 * need a table of their own.
 */
export const followUpsMigration: Migration = {
  version: 10,
  name: 'follow-up cadences',
  steps: [{ kind: 'createTable', table: cadencesTable }],
};
