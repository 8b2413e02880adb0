import * as z from 'zod';
import type { EntityDef } from '../entities/define-entity';

const schemas = new WeakMap<EntityDef, z.ZodType<Record<string, unknown>>>();

/** The zod schema of an entity's built-in input (without `custom`), with its cross-field checks. Built once. */
export function entitySchema(entity: EntityDef): z.ZodType<Record<string, unknown>> {
  let schema = schemas.get(entity);
  if (schema === undefined) {
    const object = z.strictObject(entity.input);
    const refine = entity.refine;
    schema = (refine ? object.superRefine((values, ctx) => refine(values, ctx)) : object) as z.ZodType<
      Record<string, unknown>
    >;
    schemas.set(entity, schema);
  }
  return schema;
}
