import { RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import type { StorageReader } from '../storage/adapter';
import type { CheckedCadence } from './cadence';
import { cadenceInputSchema } from './cadence';

/**
 * Checks a cadence: its shape (VALIDATION_FAILED with every issue at its path, such as
 * `['steps', 1, 'offsetDays']`), then that its fallback assignee is a member of the tenant
 * (INVALID_REFERENCE at `['fallbackAssigneeId']`).
 *
 * @example
 * ```ts
 * const checked = await checkCadence(tx, tenantId, { name: 'After a sale', trigger: 'dealWon', steps });
 * ```
 */
export async function checkCadence(
  reader: StorageReader,
  tenantId: string,
  input: unknown,
): Promise<CheckedCadence> {
  const parsed = cadenceInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  const cadence = parsed.data;
  const fallback = cadence.fallbackAssigneeId;
  if (
    fallback !== null &&
    (await reader.findById({ table: 'members', tenantId, id: fallback })) === undefined
  ) {
    throw new RapportError('INVALID_REFERENCE', `No member with id ${fallback}`, {
      issues: [
        { code: 'invalid_reference', path: ['fallbackAssigneeId'], message: `No member with id ${fallback}` },
      ],
    });
  }
  return cadence;
}
