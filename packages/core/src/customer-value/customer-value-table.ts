import type { StorageReader } from '../storage/adapter';
import type { Row, TableDef } from '../storage/schema';
import type { StoredBreakpoints } from './breakpoints';
import type { CustomerValueConfig } from './customer-value-config';

/**
 * Each tenant's customer value configuration and the breakpoints of its last refresh: one row per tenant,
 * id `customer-value`. Tier filters are stored as the tenant wrote them and resolved when used.
 */
export const customerValueTable: TableDef = {
  name: 'customer_value',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    { name: 'version', type: 'integer', nullable: false },
    { name: 'order_types', type: 'json', nullable: true },
    { name: 'currency', type: 'text', nullable: false },
    { name: 'tiers', type: 'json', nullable: false },
    { name: 'breakpoints', type: 'json', nullable: false },
    { name: 'created_at', type: 'timestamp', nullable: false },
    { name: 'updated_at', type: 'timestamp', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/** The id of a tenant's one row. */
export const customerValueRowId = 'customer-value';

/** A tenant's configuration and breakpoints, as one read gives them. */
export interface CustomerValueState {
  readonly config: CustomerValueConfig;
  /** The breakpoints of the last refresh (`configure` runs one). */
  readonly breakpoints: StoredBreakpoints;
}

/** Reads a tenant's customer value state; undefined until the tenant configures customer value. */
export async function loadCustomerValue(
  reader: StorageReader,
  tenantId: string,
): Promise<CustomerValueState | undefined> {
  const row = await reader.findById({ table: customerValueTable.name, tenantId, id: customerValueRowId });
  if (row === undefined) return undefined;
  return {
    config: {
      version: row.version as number,
      orderTypes: row.order_types as string[] | null,
      currency: row.currency as string,
      tiers: row.tiers as CustomerValueConfig['tiers'],
      updatedAt: row.updated_at as string,
    },
    breakpoints: row.breakpoints as StoredBreakpoints,
  };
}

/** The stored row of a configuration (and breakpoints), for an insert or an update. */
export function customerValueRow(
  tenantId: string,
  config: CustomerValueConfig,
  breakpoints: StoredBreakpoints,
  createdAt: string,
): Row {
  return {
    tenant_id: tenantId,
    id: customerValueRowId,
    version: config.version,
    order_types: config.orderTypes,
    currency: config.currency,
    tiers: config.tiers,
    breakpoints,
    created_at: createdAt,
    updated_at: config.updatedAt,
  };
}
