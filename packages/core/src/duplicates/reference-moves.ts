import { rowToDefinition } from '../custom-fields/definition-rows';
import type { EntityDef } from '../entities/define-entity';
import { entities, entityDef } from '../entities/registry';
import { columnEquals, columnIn } from '../records/conditions';
import { rowMapping } from '../records/row-mapping';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { DuplicateEntity } from './match-profile';

/** A field of some entity that holds ids of the merged entity. */
export interface ReferencingField {
  readonly entity: EntityDef;
  /** The field's name: `companyId`, `personIds`, or `custom.<key>` for a relation custom field. */
  readonly field: string;
  readonly kind: 'column' | 'list' | 'custom';
  readonly condition: (ids: readonly string[]) => Condition;
}

/**
 * The built-in fields that reference `target`, read from the entity definitions' `references` (so a new
 * entity or field that references people or companies is moved by merges without a change here).
 *
 * @example
 * ```ts
 * builtInReferences('company').map((ref) => `${ref.entity.name}.${ref.field}`);
 * // ['person.companyId', 'deal.companyId', 'activity.companyId', 'task.companyId', 'order.companyId']
 * ```
 */
export function builtInReferences(target: DuplicateEntity): ReferencingField[] {
  const found: ReferencingField[] = [];
  for (const entity of Object.values(entities) as EntityDef[]) {
    for (const [field, def] of Object.entries(entity.allFields)) {
      if (def.references !== target) continue;
      const isList = def.valueType === 'textList';
      const operand = { kind: 'column' as const, column: def.column };
      found.push({
        entity,
        field,
        kind: isList ? 'list' : 'column',
        condition: (ids) =>
          isList
            ? { kind: 'has', field: { operand, type: 'textList' }, values: [...ids], mode: 'any' }
            : columnIn(def.column, ids),
      });
    }
  }
  return found;
}

/**
 * The tenant's relation custom fields that point at `target` (archived definitions too: their values are
 * still stored).
 *
 * @example
 * ```ts
 * await customReferences(tx, tenantId, 'person'); // [{ entity: dealEntity, field: 'custom.champion', ... }]
 * ```
 */
export async function customReferences(
  reader: StorageReader,
  tenantId: string,
  target: DuplicateEntity,
): Promise<ReferencingField[]> {
  const rows = await reader.findMany({
    table: 'custom_fields',
    tenantId,
    where: columnEquals('relation_entity', target),
  });
  return rows.map(rowToDefinition).map((definition) => ({
    entity: entityDef(definition.entity),
    field: `custom.${definition.key}`,
    kind: 'custom' as const,
    condition: (ids) => ({
      kind: 'in',
      field: { operand: { kind: 'jsonPath', column: 'custom', path: [definition.key] }, type: 'text' },
      values: [...ids],
      negate: false,
      caseInsensitive: false,
    }),
  }));
}

/** A record whose references a merge moves: the stored record and the values it gets. */
export interface ReferenceMove {
  readonly entity: EntityDef;
  readonly current: Record<string, unknown>;
  readonly next: Record<string, unknown>;
}

function moved(value: unknown, from: ReadonlySet<string>, to: string): unknown {
  if (Array.isArray(value)) {
    const ids = value.map((id) => (from.has(id as string) ? to : id));
    return ids.filter((id, index) => ids.indexOf(id) === index);
  }
  return typeof value === 'string' && from.has(value) ? to : value;
}

/**
 * Every record (archived ones too) that references a loser, with its references moved to the winner: an
 * id field replaced, an id list with the loser replaced (once, if the winner is already in it), a relation
 * custom value replaced. One move per record, whatever number of its fields change. Indexed reads: every
 * reference column leads an index.
 *
 * @example
 * ```ts
 * const moves = await referenceMoves(tx, tenantId, 'person', winner.id, [loser.id]);
 * ```
 */
export async function referenceMoves(
  reader: StorageReader,
  tenantId: string,
  target: DuplicateEntity,
  winnerId: string,
  loserIds: readonly string[],
): Promise<ReferenceMove[]> {
  const from = new Set(loserIds);
  const fields = [...builtInReferences(target), ...(await customReferences(reader, tenantId, target))];
  const moves = new Map<string, ReferenceMove>();
  for (const ref of fields) {
    const rows = await reader.findMany({ table: ref.entity.table, tenantId, where: ref.condition(loserIds) });
    for (const row of rows) {
      const key = `${ref.entity.name}:${row.id as string}`;
      const current = rowMapping(ref.entity).toRecord(row);
      const move = moves.get(key) ?? { entity: ref.entity, current, next: { ...current } };
      if (ref.kind === 'custom') {
        const name = ref.field.slice('custom.'.length);
        const custom = { ...(move.next.custom as Record<string, unknown>) };
        custom[name] = moved(custom[name], from, winnerId);
        move.next.custom = custom;
      } else {
        move.next[ref.field] = moved(move.next[ref.field], from, winnerId);
      }
      moves.set(key, move);
    }
  }
  return [...moves.values()];
}
