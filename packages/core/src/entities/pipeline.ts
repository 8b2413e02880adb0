import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { requiredText, storableString } from './values';

const stage = z.strictObject({
  id: storableString().trim().min(1).max(100),
  name: requiredText(200),
  probability: z.number().min(0).max(1),
  kind: z.enum(['open', 'won', 'lost']).default('open'),
});

/**
 * A sales pipeline and its ordered stages, as configuration. Deals name a pipeline and a stage; the
 * rules that govern moves between stages belong to the pipelines module.
 */
export const pipelineEntity = defineEntity({
  name: 'pipeline',
  collection: 'pipelines',
  table: 'pipelines',
  extensible: false,
  fields: {
    name: field.text({ nullable: false }),
    stages: field.json({ nullable: false }),
    position: field.integer({ nullable: false }),
  },
  input: {
    name: requiredText(200),
    stages: z.array(stage).min(1, 'A pipeline has at least one stage').max(50),
    position: z.number().int().min(0).default(0),
  },
  uniqueKeys: ['name'],
  refine(values, ctx) {
    const ids = (values.stages as { id: string }[]).map((entry) => entry.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: 'Duplicate stage id' });
    });
  },
});
