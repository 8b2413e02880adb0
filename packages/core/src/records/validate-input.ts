import { validateCustomValues } from '../custom-fields/validate-custom-values';
import type { EntityDef } from '../entities/define-entity';
import type { RapportIssue } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { isPlainObject } from '../util/is-plain-object';
import { entitySchema } from './entity-schema';
import type { TenantConfig } from './tenant-config';

/** Arguments of {@link validateInput}. */
export interface ValidateInputArgs {
  readonly entity: EntityDef;
  readonly config: TenantConfig;
  /** The full input: a create's input, or an update's stored values with the changes laid over them. */
  readonly input: unknown;
  /** The stored custom values, and the custom changes of the write. */
  readonly storedCustom: Readonly<Record<string, unknown>>;
  readonly isCreate: boolean;
  /** The instant of the write, by the CRM's clock: what time defaults take. */
  readonly at: string;
}

/** Validated values (built-in, derived and custom) or the issues that stop the write. */
export type ValidatedInput =
  | { readonly ok: true; readonly values: Record<string, unknown> }
  | { readonly ok: false; readonly issues: RapportIssue[] };

/**
 * The first half of the write path, pure: defaults → normalise → validate (zod, cross-field rules, custom
 * fields) → derive. Returns every issue at once, with paths, so a form can show them all.
 */
export function validateInput(args: ValidateInputArgs): ValidatedInput {
  const { entity, config } = args;
  if (!isPlainObject(args.input)) {
    return {
      ok: false,
      issues: [{ code: 'invalid_type', path: [], message: `Expected a ${entity.name} object` }],
    };
  }
  const { custom: customChanges, ...builtIn } = args.input as Record<string, unknown>;
  let input = builtIn;
  if (entity.defaults) input = entity.defaults(input, config.settings, args.at);
  if (entity.normalize) input = entity.normalize(input, config.settings);
  const parsed = entitySchema(entity).safeParse(input);
  const issues = parsed.success ? [] : toRapportIssues(parsed.error.issues);
  let custom: Record<string, unknown> = {};
  if (entity.extensible) {
    const validated = validateCustomValues({
      definitions: config.definitions,
      stored: args.storedCustom,
      changes: customChanges,
      isCreate: args.isCreate,
      defaultCountry: config.settings.defaultCountry,
    });
    issues.push(...validated.issues);
    custom = validated.custom;
  } else if (customChanges !== undefined) {
    issues.push({
      code: 'unrecognized_keys',
      path: ['custom'],
      message: `${entity.name} has no custom fields`,
    });
  }
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  // zod's output is a fresh object, so the derived and custom values go onto it in place: on Node 20 adding
  // keys to a spread copy gives every record its own hidden class, which made bulk creates much slower.
  const values = parsed.data;
  if (entity.derive) Object.assign(values, entity.derive(values));
  if (entity.extensible) values.custom = custom;
  return { ok: true, values };
}
