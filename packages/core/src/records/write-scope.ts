import type { EntityDef } from '../entities/define-entity';
import type { CrmContext } from './context';
import type { CrmRuntime } from './runtime';

/** What one repository call works with: the runtime, the caller's context, the entity. */
export interface WriteScope {
  readonly runtime: CrmRuntime;
  readonly context: CrmContext;
  readonly entity: EntityDef;
}

/** The stored fields that carry business meaning (not bookkeeping), as audit entries report them. */
const bookkeeping = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'archivedAt',
]);

const businessFieldsCache = new WeakMap<EntityDef, string[]>();

/** The fields whose changes the audit log and events report. */
export function businessFields(entity: EntityDef): string[] {
  let fields = businessFieldsCache.get(entity);
  if (fields === undefined) {
    fields = Object.keys(entity.allFields).filter((name) => !bookkeeping.has(name));
    businessFieldsCache.set(entity, fields);
  }
  return fields;
}
