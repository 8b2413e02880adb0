import type { RapportIssue } from '../errors/rapport-error';
import { isRapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { resolveFilter } from '../filter/resolve-filter';
import type { TenantSettings } from '../settings/tenant-settings';
import type { StorageReader } from '../storage/adapter';
import { customerEntities } from './customer-kinds';
import type { CustomerValueConfig, CustomerValueInput } from './customer-value-config';
import { customerValueInputSchema } from './customer-value-config';
import type { TierContext } from './tier-filters';
import { loadTierContext } from './tier-filters';

/** A checked configuration, before it is stored. */
export type CheckedConfig = Omit<CustomerValueConfig, 'version' | 'updatedAt'>;

/** The issues of every tier filter that does not resolve, at its path from the configuration's root. */
function tierFilterIssues(tiers: CheckedConfig['tiers'], context: TierContext): RapportIssue[] {
  const issues: RapportIssue[] = [];
  for (const entity of customerEntities) {
    tiers[entity].forEach((tier, index) => {
      try {
        resolveFilter(tier.filter, context.of(entity));
      } catch (error) {
        if (!isRapportError(error, 'INVALID_FILTER')) throw error;
        for (const issue of error.issues)
          issues.push({ ...issue, path: ['tiers', entity, index, 'filter', ...issue.path] });
      }
    });
  }
  return issues;
}

/**
 * Checks a configuration: its shape, and every tier filter resolved against the tenant's schema and
 * custom fields as they are now. Throws VALIDATION_FAILED with every issue at its path (a tier filter's
 * issue at `['tiers', 'person', 1, 'filter', ...]`, with code `invalid_filter`).
 *
 * @example
 * ```ts
 * const checked = await checkConfig(reader, tenantId, settings, new Date(), { orderTypes: ['sale'] });
 * ```
 */
export async function checkConfig(
  reader: StorageReader,
  tenantId: string,
  settings: TenantSettings,
  now: Date,
  input: CustomerValueInput,
): Promise<CheckedConfig> {
  const parsed = customerValueInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  const { orderTypes, currency, tiers } = parsed.data;
  const context = await loadTierContext(reader, tenantId, settings, now, [tiers.person, tiers.company]);
  const issues = tierFilterIssues(tiers, context);
  if (issues.length > 0) throw validationError(issues);
  return { orderTypes, currency: currency ?? settings.defaultCurrency, tiers };
}
