import type { CustomFieldDefinition } from '@rapport/core';
import { useRapportClient } from '@rapport/react';
import { useAsync } from './use-async';

/**
 * The tenant's custom fields of people, in their defined order (undefined while loading): the server
 * defines them, the app only reads them.
 */
export function usePersonFields(): readonly CustomFieldDefinition[] | undefined {
  const client = useRapportClient();
  return useAsync(() => client.customFields.list({ entity: 'person' }), 'person-fields').data;
}
