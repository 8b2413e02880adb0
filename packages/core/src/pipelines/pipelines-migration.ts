import { fieldsAddedIn } from '../entities/fields-added-in';
import type { Migration } from '../storage/schema';
import { stageHistoryTable } from './stage-history-table';

/**
 * Migration 6: pipelines. The pipeline-level stage rules (`moves`, `lostReasons`) as nullable columns of
 * `pipelines` (stage-level rules live in its `stages` JSON), and each deal's stage history.
 */
export const pipelinesMigration: Migration = {
  version: 6,
  name: 'pipelines',
  steps: [{ kind: 'createTable', table: stageHistoryTable }, ...fieldsAddedIn(6)],
};
