import type { StorageReader } from '../storage/adapter';
import type { Row, TableDef } from '../storage/schema';
import type { LeadScoringConfig } from './scoring-config';
import { unconfiguredScoring } from './scoring-config';

/** Each tenant's lead scoring configuration: one row per tenant, id `lead-scoring`. */
export const leadScoringTable: TableDef = {
  name: 'lead_scoring',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    { name: 'version', type: 'integer', nullable: false },
    { name: 'fit', type: 'json', nullable: false },
    { name: 'engagement', type: 'json', nullable: false },
    { name: 'half_life_days', type: 'real', nullable: false },
    { name: 'max_age_days', type: 'integer', nullable: false },
    { name: 'created_at', type: 'timestamp', nullable: false },
    { name: 'updated_at', type: 'timestamp', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/** The id of a tenant's one row. */
export const leadScoringRowId = 'lead-scoring';

/**
 * A tenant's lead scoring configuration; the unconfigured one (version 0, no rules) until first saved.
 *
 * @example
 * ```ts
 * const config = await loadScoringConfig(tx, tenantId);
 * ```
 */
export async function loadScoringConfig(reader: StorageReader, tenantId: string): Promise<LeadScoringConfig> {
  const row = await reader.findById({ table: leadScoringTable.name, tenantId, id: leadScoringRowId });
  if (row === undefined) return unconfiguredScoring;
  return {
    version: row.version as number,
    fit: row.fit as LeadScoringConfig['fit'],
    engagement: row.engagement as LeadScoringConfig['engagement'],
    halfLifeDays: row.half_life_days as number,
    maxAgeDays: row.max_age_days as number,
    updatedAt: row.updated_at as string,
  };
}

/** The stored row of a configuration, for an insert or an update. */
export function scoringRow(tenantId: string, config: LeadScoringConfig, createdAt: string): Row {
  return {
    tenant_id: tenantId,
    id: leadScoringRowId,
    version: config.version,
    fit: config.fit,
    engagement: config.engagement,
    half_life_days: config.halfLifeDays,
    max_age_days: config.maxAgeDays,
    created_at: createdAt,
    updated_at: config.updatedAt,
  };
}
