/** The fields of a matched person that a capture may fill when they are empty. */
export const fillableFields = ['firstName', 'lastName', 'title', 'region', 'companyId', 'ownerId'] as const;

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The changes that fill a stored record's empty fields from captured values, never overwriting one the
 * record already has: what a channel says about a known person is less trusted than what is stored.
 *
 * @example
 * ```ts
 * fillEmpty({ firstName: 'Ann', title: null }, { firstName: 'Anne', title: 'CTO' }, ['firstName', 'title']);
 * // { title: 'CTO' }
 * ```
 */
export function fillEmpty(
  stored: Readonly<Record<string, unknown>>,
  captured: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of fields) {
    if (isEmpty(stored[field]) && !isEmpty(captured[field])) changes[field] = captured[field];
  }
  return changes;
}
