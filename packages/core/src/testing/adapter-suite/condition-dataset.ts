import type { Row } from '../../storage/schema';
import { thingRow } from './suite-schema';

/**
 * The fixed rows every condition and ordering case runs against. Each row exists to tell a correct
 * engine from a plausible wrong one:
 * - r01/r02 `Éclair`/`éclair`: case folding beyond ASCII; r05/r06 `straße`/`STRASSE` and r11 `ẞig`:
 *   toLowerCase folds ẞ to ß but never ß to ss; r07/r13 `İstanbul`/`istanbul`: İ folds to i + U+0307.
 * - r04 `''` vs r03 null: `empty` vs `null`; r08/r12: `%` and `_` are literal, not LIKE wildcards.
 * - r09 `a😀` (U+1F600) vs r10 `a～` (U+FF5E): code-point order differs from UTF-16 order there.
 * - counts 10, 9, 100, -5, 0: numeric order differs from text order; scores are reals.
 * - `data`: a missing key (r04 `{}`), a JSON null (r05), the empty string (r08), nested objects (r01), and
 *   a value of the wrong JSON type (`rank`: r06 has the number 5, r07 the string '5').
 * - `tags`: lists, the empty list (r04), a differently cased element (r06), and null.
 * - `document`: the opaque copy of `data`, so the same paths are read from an opaque column.
 */
const values: Record<string, Parameters<typeof thingRow>[2]> = {
  r01: {
    name: 'Éclair',
    count: 10,
    score: 1.5,
    active: true,
    data: { tier: 'gold', level: 3, vip: true, nested: { city: 'Paris' }, labels: ['x', 'y'] },
    tags: ['vip', 'new'],
    happened_at: '2024-01-15T10:00:00.000Z',
    born_on: '1990-05-20',
  },
  r02: {
    name: 'éclair',
    count: -5,
    score: -2.25,
    active: false,
    data: { tier: 'Gold', level: 10, vip: false },
    tags: ['vip'],
    happened_at: '2024-03-01T00:00:00.000Z',
    born_on: '1985-12-31',
  },
  r03: {},
  r04: {
    name: '',
    count: 0,
    score: 0,
    active: true,
    data: {},
    tags: [],
    happened_at: '2023-12-31T23:59:59.999Z',
    born_on: '2000-01-01',
  },
  r05: {
    name: 'straße',
    count: 3,
    score: 3,
    active: false,
    data: { tier: null, level: 2.5 },
    tags: ['new', 'b2b'],
  },
  r06: { name: 'STRASSE', count: 100, score: 0.1, data: { tier: 'silver', rank: 5 }, tags: ['VIP'] },
  r07: { name: 'İstanbul', data: { rank: '5' } },
  r08: { name: '100% _sure_', count: 9, data: { tier: '' } },
  r09: { name: 'a\u{1F600}' },
  r10: { name: 'a\uFF5E' },
  r11: { name: '\u1E9Eig' },
  r12: { name: '100x_sure' },
  r13: { name: 'istanbul' },
};

/** Every id of the dataset, sorted. */
export const allIds: readonly string[] = Object.keys(values).sort();

/**
 * Every id except these, sorted: most expectations of `ne`, `notIn` and `not` read best this way.
 *
 * @example
 * ```ts
 * except('r02'); // every row but r02, nulls included
 * ```
 */
export function except(...excluded: string[]): string[] {
  return allIds.filter((id) => !excluded.includes(id));
}

/**
 * The dataset's rows for one tenant.
 *
 * @example
 * ```ts
 * await tx.insert({ table: 'things', rows: conditionDataset(tenantId) });
 * ```
 */
export function conditionDataset(tenantId: string): Row[] {
  return allIds.map((id) => thingRow(tenantId, id, { ...values[id], document: values[id]?.data ?? null }));
}
