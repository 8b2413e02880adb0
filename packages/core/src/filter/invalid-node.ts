import * as z from 'zod';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';

/** Where a node sits in a filter: keys and list indexes from the root. */
export type NodePath = readonly (string | number)[];

/**
 * Refuses a filter with INVALID_FILTER, its one issue at the offending node.
 *
 * @example
 * ```ts
 * invalidAt(['all', 1, 'field'], 'Unknown field "nope" on person');
 * ```
 */
export function invalidAt(path: NodePath, message: string): never {
  const issue: RapportIssue = { code: 'invalid_filter', path, message };
  throw new RapportError('INVALID_FILTER', `Invalid filter at ${path.join('.') || '(root)'}: ${message}`, {
    issues: [issue],
  });
}

/** Parses one node with its zod schema, refusing it at the path of the first issue. */
export function parseNode<S extends z.core.$ZodType>(
  schema: S,
  node: unknown,
  path: NodePath,
  what: string,
): z.output<S> {
  const parsed = z.safeParse(schema, node);
  if (parsed.success) return parsed.data;
  const [first] = toRapportIssues(parsed.error.issues, path);
  return invalidAt(first?.path ?? path, first?.message ?? `Invalid ${what}`);
}
