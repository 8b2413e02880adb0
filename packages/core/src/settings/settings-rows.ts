import type { StorageReader } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { TenantSettings } from './tenant-settings';
import { defaultSettings } from './tenant-settings';

/** The id of the one settings row of a tenant. */
export const settingsRowId = 'settings';

/** Settings as stored. */
export function settingsToRow(
  tenantId: string,
  settings: TenantSettings,
  at: string,
  createdAt: string,
): Row {
  return {
    tenant_id: tenantId,
    id: settingsRowId,
    version: settings.version,
    time_zone: settings.timeZone,
    default_currency: settings.defaultCurrency,
    default_country: settings.defaultCountry,
    fiscal_year_start_month: settings.fiscalYearStartMonth,
    created_at: createdAt,
    updated_at: at,
  };
}

/** A tenant's settings, or the defaults when it saved none. */
export async function loadSettings(reader: StorageReader, tenantId: string): Promise<TenantSettings> {
  const row = await reader.findById({ table: 'settings', tenantId, id: settingsRowId });
  if (row === undefined) return defaultSettings;
  return {
    version: row.version as number,
    timeZone: row.time_zone as string,
    defaultCurrency: row.default_currency as string,
    defaultCountry: row.default_country as string | null,
    fiscalYearStartMonth: row.fiscal_year_start_month as number,
  };
}
