import type { EntityDef } from '../entities/define-entity';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import type { StorageReader } from '../storage/adapter';
import type { Scalar } from '../storage/condition';
import { columnIn } from './conditions';

/** A record about to be written: its values and the path prefix of its issues (`[index]` in a batch). */
export interface UniqueKeyCandidate {
  readonly values: Readonly<Record<string, unknown>>;
  readonly path: readonly (string | number)[];
  /** On update, the id of the stored record being written, which may keep its own values. */
  readonly updating?: string;
}

/** Arguments of {@link checkUniqueKeys}. */
export interface CheckUniqueKeysArgs {
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly entity: EntityDef;
  readonly records: readonly UniqueKeyCandidate[];
  /** Only these unique fields (an update checks the ones it changes); all of them when not given. */
  readonly fields?: readonly string[];
}

const batchSize = 500;

/** The fields whose values are unique per tenant: the unique keys, and `id` when the input names it (members). */
export function uniqueFields(entity: EntityDef): string[] {
  return [...(Object.hasOwn(entity.input, 'id') ? ['id'] : []), ...entity.uniqueKeys];
}

/** Who holds each value of one column in the tenant: value → ids of the stored records. */
async function holders(
  reader: StorageReader,
  tenantId: string,
  entity: EntityDef,
  column: string,
  values: Scalar[],
): Promise<Map<unknown, string[]>> {
  const held = new Map<unknown, string[]>();
  for (let start = 0; start < values.length; start += batchSize) {
    const rows = await reader.findMany({
      table: entity.table,
      tenantId,
      where: columnIn(column, values.slice(start, start + batchSize)),
    });
    for (const row of rows) held.set(row[column], [...(held.get(row[column]) ?? []), row.id as string]);
  }
  return held;
}

/** Where a clash on `field` shows in the input: the field itself, or where a derived field comes from. */
function inputPath(
  entity: EntityDef,
  field: string,
  values: Readonly<Record<string, unknown>>,
): (string | number)[] {
  return entity.inputPath?.(field, values) ?? [field];
}

/**
 * Finds unique-key clashes before rows are written: with records the tenant already has, and between the
 * records of one call (the later one clashes). The DUPLICATE names the row and the input field, which an
 * adapter's index cannot; the index stays the guard against concurrent writers, whose clash surfaces as the
 * adapter's DUPLICATE.
 *
 * @example
 * ```ts
 * await checkUniqueKeys({ reader: tx, tenantId, entity: personEntity, records: [{ values, path: [3] }] });
 * // DUPLICATE, issues: [{ path: [3, 'emails', 0, 'address'], ... }], details: { entity: 'person', fields: ['email'] }
 * ```
 */
export async function checkUniqueKeys(args: CheckUniqueKeysArgs): Promise<void> {
  const { entity } = args;
  const issues: RapportIssue[] = [];
  const clashing = new Set<string>();
  for (const field of args.fields ?? uniqueFields(entity)) {
    const column = entity.allFields[field]?.column as string;
    const candidates = args.records.filter(
      (record) => record.values[field] !== null && record.values[field] !== undefined,
    );
    if (candidates.length === 0) continue;
    const stored = await holders(args.reader, args.tenantId, entity, column, [
      ...new Set(candidates.map((record) => record.values[field] as Scalar)),
    ]);
    const claimed = new Set<unknown>();
    for (const record of candidates) {
      const value = record.values[field];
      const takenByStored = (stored.get(value) ?? []).some((id) => id !== record.updating);
      if (takenByStored || claimed.has(value)) {
        clashing.add(field);
        issues.push({
          code: 'duplicate',
          path: [...record.path, ...inputPath(entity, field, record.values)],
          message: `Another ${entity.name} already has this ${field}`,
        });
      } else claimed.add(value);
    }
  }
  if (issues.length > 0) {
    const fields = [...clashing];
    throw new RapportError('DUPLICATE', `Another ${entity.name} already has this ${fields.join(', ')}`, {
      issues,
      details: { entity: entity.name, fields },
    });
  }
}
