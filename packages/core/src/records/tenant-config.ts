import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import { loadDefinitions } from '../custom-fields/definition-rows';
import type { EntityDef } from '../entities/define-entity';
import { loadSettings } from '../settings/settings-rows';
import type { TenantSettings } from '../settings/tenant-settings';
import type { StorageReader } from '../storage/adapter';

/** What a write of one entity needs to know about its tenant. */
export interface TenantConfig {
  readonly settings: TenantSettings;
  /** The entity's custom field definitions, archived ones included. */
  readonly definitions: readonly CustomFieldDefinition[];
}

/** Reads a tenant's settings and the entity's custom field definitions. */
export async function loadTenantConfig(
  reader: StorageReader,
  tenantId: string,
  entity: EntityDef,
): Promise<TenantConfig> {
  const [settings, definitions] = await Promise.all([
    loadSettings(reader, tenantId),
    entity.extensible ? loadDefinitions(reader, tenantId, entity.name) : Promise.resolve([]),
  ]);
  return { settings, definitions };
}
