import type { EntityDef } from '../entities/define-entity';
import { isRapportError, RapportError } from '../errors/rapport-error';

/**
 * Rewrites an adapter's DUPLICATE (named by columns) into one named by the entity's fields, with an issue
 * a form can show. Other errors pass through.
 */
export function withFieldNames(
  error: unknown,
  entity: EntityDef,
  pathPrefix: readonly (string | number)[] = [],
): unknown {
  if (!isRapportError(error, 'DUPLICATE') || error.details.entity !== undefined) return error;
  const columns = (error.details.columns as string[] | undefined) ?? [];
  const fields = Object.entries(entity.allFields)
    .filter(([, field]) => columns.includes(field.column))
    .map(([name]) => name);
  const named = fields.length > 0 ? fields : ['id'];
  return new RapportError('DUPLICATE', `Another ${entity.name} already has this ${named.join(', ')}`, {
    issues: named.map((name) => ({
      code: 'duplicate',
      path: [...pathPrefix, name],
      message: `Another ${entity.name} already has this value`,
    })),
    details: { entity: entity.name, fields: named },
    cause: error,
  });
}
