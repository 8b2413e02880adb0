import * as z from 'zod';
import { dealEntity, dealStageFields } from './deal';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { requiredText, storableString } from './values';

/** What a stage does to a deal entering it: keeps it open, or closes it as won or lost. */
export const stageKinds = ['open', 'won', 'lost'] as const;

/** The forecast category of a stage: where the weighted forecast counts deals in it. */
export const forecastCategories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;

/** A stage's forecast category when its configuration names none, by its kind. */
export const defaultForecastCategory = { open: 'pipeline', won: 'closed', lost: 'omitted' } as const;

/**
 * Which moves between stages a pipeline allows: `any` stage to any other; `forward` only (no going back,
 * skipping allowed); `next` stage only (no skipping, no going back). Under `forward` and `next` a lost
 * stage is reachable from every open stage, and a closed deal does not reopen.
 */
export const stageMoves = ['any', 'forward', 'next'] as const;

/** Deal fields a stage rule cannot require: the stage decides them itself. */
const stageOwnedFields = new Set<string>(dealStageFields);
const bookkeepingFields = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'archivedAt',
  'custom',
]);

/** The deal fields a stage may require to be set, besides `custom.<key>`. */
export const requirableDealFields: readonly string[] = Object.keys(dealEntity.allFields).filter(
  (name) => !stageOwnedFields.has(name) && !bookkeepingFields.has(name),
);

const customPath = /^custom\.[a-z][a-zA-Z0-9_]{0,62}$/;

const requiredField = storableString()
  .trim()
  .refine((path) => requirableDealFields.includes(path) || customPath.test(path), {
    message: `Name a deal field (${requirableDealFields.join(', ')}) or custom.<key>`,
  });

const role = storableString().trim().min(1).max(50);

const stage = z
  .strictObject({
    id: storableString().trim().min(1).max(100),
    name: requiredText(200),
    probability: z.number().min(0).max(1),
    kind: z.enum(stageKinds).default('open'),
    /** Defaults from the kind: open → pipeline, won → closed, lost → omitted. */
    forecastCategory: z.enum(forecastCategories).nullish(),
    /** Deal fields (or `custom.<key>`) that must be set for a deal to enter the stage. */
    requiredFields: z
      .array(requiredField)
      .max(50)
      .default([])
      .transform((paths) => [...new Set(paths)]),
    /** Days a deal may stay in the stage before it is flagged idle; null for no limit. */
    idleDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullish()
      .transform((value) => value ?? null),
    /** Member roles that may move deals into the stage; null for everyone. System actors always may. */
    allowedRoles: z
      .array(role)
      .max(50)
      .nullish()
      .transform((roles) => (roles === null || roles === undefined ? null : [...new Set(roles)])),
  })
  .transform((value) => ({
    ...value,
    forecastCategory: value.forecastCategory ?? defaultForecastCategory[value.kind],
  }));

/**
 * A sales pipeline and its ordered stages, as configuration: each stage's probability, kind, forecast
 * category, required fields, idle limit and the roles that may move deals into it; the moves the pipeline
 * allows and the lost reasons a lost deal picks from. The pipelines module enforces them on every deal write.
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
    // Stage rules (migration 6). Pipelines stored before it hold null: any move, any lost reason.
    moves: field.text({ since: 6 }),
    lostReasons: field.json({ since: 6 }),
  },
  input: {
    name: requiredText(200),
    stages: z.array(stage).min(1, 'A pipeline has at least one stage').max(50),
    position: z.number().int().min(0).default(0),
    // Null on pipelines stored before migration 6, kept by their updates (so an unrelated change does not
    // report it as changed); it reads as `any`. A new pipeline gets `any`.
    moves: z
      .enum(stageMoves)
      .nullish()
      .transform((value) => (value === undefined ? 'any' : value)),
    // Empty: a lost deal gives any reason. Null on pipelines stored before migration 6, read as empty.
    lostReasons: z
      .array(requiredText(500))
      .max(200)
      .nullish()
      .transform((value) => (value === undefined ? [] : value)),
  },
  uniqueKeys: ['name'],
  refine(values, ctx) {
    const stages = values.stages as {
      id: string;
      kind: string;
      probability: number;
      idleDays: number | null;
    }[];
    const ids = stages.map((entry) => entry.id);
    stages.forEach((entry, index) => {
      if (ids.indexOf(entry.id) !== index)
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: 'Duplicate stage id' });
      if (entry.kind === 'won' && entry.probability !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'probability'],
          message: 'A won stage has probability 1',
        });
      if (entry.kind === 'lost' && entry.probability !== 0)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'probability'],
          message: 'A lost stage has probability 0',
        });
      if (entry.kind !== 'open' && entry.idleDays !== null)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'idleDays'],
          message: 'Only an open stage has an idle limit',
        });
    });
    const reasons = (values.lostReasons as string[] | null) ?? [];
    reasons.forEach((reason, index) => {
      if (reasons.indexOf(reason) !== index)
        ctx.addIssue({ code: 'custom', path: ['lostReasons', index], message: 'Duplicate lost reason' });
    });
  },
});
