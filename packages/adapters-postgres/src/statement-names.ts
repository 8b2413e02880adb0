import { createHash } from 'node:crypto';

/** How many distinct statements one driver prepares at most; the rest run unnamed. */
const MAX_NAMED_STATEMENTS = 500;

/** Gives recurring statement texts a prepared-statement name. */
export interface StatementNames {
  /** The name to prepare `sql` under, or undefined to run it unnamed. */
  nameOf(sql: string): string | undefined;
}

/**
 * Names for the statements a driver runs again and again (a point read, the insert of one table), so that
 * each connection parses and plans them once (`pg`'s named prepared statements) instead of on every call.
 * Only statements marked `prepare` are asked about: a named statement may move to one generic plan for
 * all values, which suits a read by key but not a filtered list. A text gets a name the second time it is
 * seen, so one-off statements never take room in the server's per-connection statement cache, and the
 * number of names is bounded.
 *
 * @example
 * ```ts
 * const names = createStatementNames();
 * await client.query({ name: names.nameOf(sql), text: sql, values });
 * ```
 */
export function createStatementNames(): StatementNames {
  const seen = new Set<string>();
  const names = new Map<string, string>();
  return {
    nameOf(sql) {
      const name = names.get(sql);
      if (name !== undefined) return name;
      if (!seen.has(sql)) {
        if (seen.size < MAX_NAMED_STATEMENTS * 4) seen.add(sql);
        return undefined;
      }
      if (names.size >= MAX_NAMED_STATEMENTS) return undefined;
      // Named by content: two drivers sharing a host's pool then agree on what each name means.
      const assigned = `rapport_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, assigned);
      return assigned;
    },
  };
}
