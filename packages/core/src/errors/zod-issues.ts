import type { RapportIssue } from './rapport-error';

/** The part of a zod issue Rapport reads; `keys` is set on `unrecognized_keys` issues. */
export interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

const pathPart = (part: PropertyKey): string | number => (typeof part === 'number' ? part : String(part));

/**
 * Zod issues as Rapport issues, under `prefix`. Zod reports unknown keys once, at the object that holds
 * them; a form needs each one at its own path, so an `unrecognized_keys` issue becomes one issue per key.
 *
 * @example
 * ```ts
 * toRapportIssues([{ code: 'unrecognized_keys', path: ['address'], keys: ['planet'], message: '...' }]);
 * // [{ code: 'unrecognized_keys', path: ['address', 'planet'], message: 'Unrecognized key: "planet"' }]
 * ```
 */
export function toRapportIssues(
  issues: readonly ZodIssueLike[],
  prefix: readonly (string | number)[] = [],
): RapportIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(pathPart)];
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
      return issue.keys.map((key) => ({
        code: issue.code,
        path: [...path, key],
        message: `Unrecognized key: "${key}"`,
      }));
    }
    return [{ code: issue.code, path, message: issue.message }];
  });
}
