import { expect } from 'vitest';
import type { RapportErrorCode } from '../../errors/rapport-error';
import type { Row } from '../../storage/schema';

/**
 * Runs `action` and returns what it threw or rejected with, or undefined when it succeeded. Handles both a
 * synchronous throw and a rejected promise, so the suite does not prescribe which one an adapter uses.
 *
 * @example
 * ```ts
 * const error = await caught(() => adapter.findById({ table: 'nope', tenantId, id }));
 * ```
 */
export async function caught(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * Asserts that `action` fails with a RapportError of `code` (and, when given, these details).
 *
 * @example
 * ```ts
 * await expectRapportError(() => tx.insert({ table: 'things', rows: [row] }), 'DUPLICATE', { table: 'things' });
 * ```
 */
export async function expectRapportError(
  action: () => unknown,
  code: RapportErrorCode,
  details?: Readonly<Record<string, unknown>>,
): Promise<void> {
  const error = await caught(action);
  expect(error, `expected a RapportError with code ${code}`).toMatchObject({ name: 'RapportError', code });
  if (details !== undefined) expect((error as { details: unknown }).details).toMatchObject(details);
}

/**
 * The ids of rows, in their order.
 *
 * @example
 * ```ts
 * expect(ids(await adapter.findMany(args))).toEqual(['a', 'b']);
 * ```
 */
export function ids(rows: readonly Row[]): unknown[] {
  return rows.map((row) => row.id);
}

/**
 * The ids of rows, sorted, for comparing sets of rows that come in no defined order.
 *
 * @example
 * ```ts
 * expect(sortedIds(await adapter.findMany({ table, tenantId }))).toEqual(['a', 'b']);
 * ```
 */
export function sortedIds(rows: readonly Row[]): string[] {
  return rows.map((row) => String(row.id)).sort();
}

/** A promise with its resolve function, to hold a transaction open while a test looks from outside. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/**
 * Creates a {@link Deferred}.
 *
 * @example
 * ```ts
 * const release = deferred<void>();
 * await adapter.transaction(async () => { await release.promise; });
 * ```
 */
export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * ```ts
 * await sleep(10);
 * ```
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
