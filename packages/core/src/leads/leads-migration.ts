import { fieldsAddedIn } from '../entities/fields-added-in';
import type { Migration } from '../storage/schema';
import { leadScoringTable } from './scoring-table';

/**
 * Migration 9: leads. A table for each tenant's lead scoring configuration, and the person's stored
 * `leadScore` column with its index, so lists filter and sort leads by score.
 */
export const leadsMigration: Migration = {
  version: 9,
  name: 'leads',
  steps: [{ kind: 'createTable', table: leadScoringTable }, ...fieldsAddedIn(9)],
};
