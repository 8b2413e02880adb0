import { tableOfEntity } from '../entities/define-entity';
import { pagesById } from '../records/pages-by-id';
import type { StorageReader } from '../storage/adapter';
import { ownValue } from '../util/own-value';
import type { CustomFieldDefinition } from './custom-field-definition';
import { customValueSchema } from './custom-value-schema';

/** How a definition change judges existing values. */
export interface OffendingScan {
  /** Records whose value the new definition refuses, or that lack a value it requires. */
  readonly offending: number;
  /** The distinct unique values found, by record id, when the new definition is unique. */
  readonly uniqueValues: Map<string, string>;
}

/**
 * Reads every record of the entity in a tenant, archived ones included, page by page in id order, and
 * counts those the new definition cannot accept (a value of the wrong type, a missing required value, a
 * duplicate of a unique one).
 */
export async function findOffendingRecords(
  reader: StorageReader,
  tenantId: string,
  next: CustomFieldDefinition,
): Promise<OffendingScan> {
  const schema = customValueSchema(next, null);
  const seen = new Map<string, string>();
  const texts = new Set<string>();
  let offending = 0;
  for await (const rows of pagesById({ reader, table: tableOfEntity(next.entity), tenantId })) {
    for (const row of rows) {
      const value = ownValue(row.custom as Record<string, unknown>, next.key);
      if (value === undefined || value === null) {
        if (next.required) offending++;
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success || JSON.stringify(parsed.data) !== JSON.stringify(value)) {
        offending++;
        continue;
      }
      if (next.unique) {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (texts.has(text)) offending++;
        else {
          texts.add(text);
          seen.set(row.id as string, text);
        }
      }
    }
  }
  return { offending, uniqueValues: seen };
}
