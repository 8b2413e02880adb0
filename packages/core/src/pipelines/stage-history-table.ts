import type { ColumnDef, Row, TableDef } from '../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/**
 * Each deal's visits of stages: one row per stage entered, closed (`left_at`) when the deal leaves it.
 * Written in the transaction of the deal write that moved it. A deal's open visit is the one whose
 * `left_at` is null; the pipeline/stage index serves the idle listing, which reads open visits per stage.
 */
export const stageHistoryTable: TableDef = {
  name: 'deal_stage_history',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('deal_id', 'text'),
    col('pipeline_id', 'text'),
    col('stage_id', 'text'),
    col('entered_at', 'timestamp'),
    col('entered_by', 'text'),
    col('left_at', 'timestamp', true),
    col('left_by', 'text', true),
    // Set when the move into the stage bypassed the stage rules: the reason given.
    col('bypass_reason', 'text', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'deal_stage_history_deal_idx', columns: ['tenant_id', 'deal_id', 'entered_at'], unique: false },
    {
      name: 'deal_stage_history_stage_idx',
      columns: ['tenant_id', 'pipeline_id', 'stage_id', 'left_at', 'entered_at'],
      unique: false,
    },
  ],
  // No foreign key to deals: the row is written after the deal's in the same transaction, and a deleted
  // deal's visits go with it in that transaction.
  foreignKeys: [],
};

/**
 * One visit of a deal to a stage.
 *
 * @example
 * ```ts
 * { pipelineId: 'p1', stageId: 'proposal', enteredAt: '2025-01-15T09:30:00.000Z', leftAt: null, enteredBy: 'u1', leftBy: null, bypassReason: null }
 * ```
 */
export interface StageVisit {
  readonly id: string;
  readonly dealId: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly enteredAt: string;
  /** Who moved the deal into the stage. */
  readonly enteredBy: string;
  /** Null while the deal is in the stage. */
  readonly leftAt: string | null;
  readonly leftBy: string | null;
  /** The reason of the audited bypass that moved the deal in, if one did. */
  readonly bypassReason: string | null;
}

/**
 * A stored row as a visit.
 *
 * @example
 * ```ts
 * const visits = (await tx.findMany({ table: stageHistoryTable.name, tenantId })).map(rowToVisit);
 * ```
 */
export function rowToVisit(row: Row): StageVisit {
  return {
    id: row.id as string,
    dealId: row.deal_id as string,
    pipelineId: row.pipeline_id as string,
    stageId: row.stage_id as string,
    enteredAt: row.entered_at as string,
    enteredBy: row.entered_by as string,
    leftAt: (row.left_at ?? null) as string | null,
    leftBy: (row.left_by ?? null) as string | null,
    bypassReason: (row.bypass_reason ?? null) as string | null,
  };
}
