import { isRapportError, RapportError } from '../errors/rapport-error';

/**
 * Runs a write of one part of a bigger input and puts that part's path in front of the issue paths of its
 * errors, so `['emails', 0, 'address']` of a capture's person reads `['person', 'emails', 0, 'address']`.
 *
 * @example
 * ```ts
 * const company = await underPath(['company'], () => session.companies.create(input.company));
 * ```
 */
export async function underPath<T>(
  prefix: readonly (string | number)[],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isRapportError(error) || error.issues.length === 0) throw error;
    throw new RapportError(error.code, error.message, {
      issues: error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] })),
      details: error.details,
      cause: error,
    });
  }
}
