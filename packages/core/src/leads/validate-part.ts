import { entityDef } from '../entities/registry';
import type { RapportIssue } from '../errors/rapport-error';
import { loadTenantConfig } from '../records/tenant-config';
import { validateInput } from '../records/validate-input';
import type { LeadsDeps } from './leads-deps';

/**
 * Validates one part of a bigger input (a capture's person, a conversion's company) as its entity's write
 * path would, before any write: returns the validated, normalised values, or adds the issues under
 * `path` and returns undefined, so every issue of every part is reported at once.
 *
 * @example
 * ```ts
 * const issues: RapportIssue[] = [];
 * const company = await validatePart(deps, 'company', input.company, ['company'], issues);
 * company?.domain; // 'example.com'
 * ```
 */
export async function validatePart(
  deps: LeadsDeps,
  entity: 'person' | 'company' | 'order' | 'deal',
  input: Record<string, unknown>,
  path: readonly (string | number)[],
  issues: RapportIssue[],
): Promise<Record<string, unknown> | undefined> {
  const { runtime, context } = deps;
  const def = entityDef(entity);
  const config = await loadTenantConfig(runtime.storage, context.tenantId, def);
  const at = runtime.now().toISOString();
  const validated = validateInput({ entity: def, config, input, storedCustom: {}, isCreate: true, at });
  if (validated.ok) return validated.values;
  issues.push(...validated.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
  return undefined;
}
