import type { RapportIssue } from '../errors/rapport-error';
import { isRapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { resolveFilter } from '../filter/resolve-filter';
import type { StorageReader } from '../storage/adapter';
import { loadFitContext } from './fit-context';
import type { LeadScoringConfig, LeadScoringInput } from './scoring-config';
import { scoringInputSchema } from './scoring-config';

/** A checked configuration, before it is stored. */
export type CheckedScoring = Omit<LeadScoringConfig, 'version' | 'updatedAt'>;

/**
 * Checks a scoring configuration: its shape, and every fit filter resolved against the tenant's people
 * as they are now. Throws VALIDATION_FAILED with every issue at its path (a fit filter's at
 * `['fit', 1, 'filter', ...]`, code `invalid_filter`).
 *
 * @example
 * ```ts
 * const checked = await checkScoringConfig(storage, tenantId, new Date(), { fit: [...] });
 * ```
 */
export async function checkScoringConfig(
  reader: StorageReader,
  tenantId: string,
  now: Date,
  input: LeadScoringInput,
): Promise<CheckedScoring> {
  const parsed = scoringInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  const config = parsed.data;
  const { context } = await loadFitContext(
    reader,
    tenantId,
    now,
    config.fit.map((rule) => rule.filter),
  );
  const issues: RapportIssue[] = [];
  config.fit.forEach((rule, index) => {
    try {
      resolveFilter(rule.filter, context);
    } catch (error) {
      if (!isRapportError(error, 'INVALID_FILTER')) throw error;
      for (const issue of error.issues)
        issues.push({ ...issue, path: ['fit', index, 'filter', ...issue.path] });
    }
  });
  if (issues.length > 0) throw validationError(issues);
  return config;
}
