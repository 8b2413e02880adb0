import type { TestAPI } from 'vitest';
import { expect, test } from 'vitest';
import type { Crm, CrmSession } from '../../crm';
import { createCrm } from '../../crm';
import type { RapportError, RapportErrorCode } from '../../errors/rapport-error';
import { isRapportError } from '../../errors/rapport-error';
import type { StorageAdapter } from '../../storage/adapter';
import type { Row } from '../../storage/schema';

/** Makes a fresh, empty store for one test. */
export type MakeStorage = () => Promise<StorageAdapter> | StorageAdapter;

/** A clock the tests move by hand, so timestamps are known and orderings by time are deliberate. */
export interface TestClock {
  readonly now: () => Date;
  /** The current instant as stored: ISO-8601 UTC with milliseconds. */
  readonly iso: () => string;
  advance(milliseconds: number): void;
  set(iso: string): void;
}

/** The clock starts at a fixed instant and only moves when told. */
export function createTestClock(start = '2025-01-15T09:30:00.000Z'): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    iso: () => new Date(current).toISOString(),
    advance(milliseconds) {
      current += milliseconds;
    },
    set(iso) {
      current = Date.parse(iso);
    },
  };
}

/** Every row of every table, as the adapter stored them. */
export type Snapshot = Record<string, Row[]>;

/** What each test gets: a fresh CRM over a fresh store, two tenants, the clock and raw access to rows. */
export interface Harness {
  readonly storage: StorageAdapter;
  readonly crm: Crm;
  readonly clock: TestClock;
  /** Tenant A, as a member. */
  readonly a: CrmSession;
  /** Tenant B, as a member: must never see or touch tenant A's rows. */
  readonly b: CrmSession;
  /** Every row of one table, across tenants. */
  rows(table: string): Promise<Row[]>;
  /** The rows of one table that belong to a tenant. */
  tenantRows(table: string, tenantId: string): Promise<Row[]>;
  /** Every row of every table. */
  snapshot(): Promise<Snapshot>;
}

export const tenantA = 'tenant-a';
export const tenantB = 'tenant-b';

async function openHarness(makeStorage: MakeStorage): Promise<Harness> {
  const storage = await makeStorage();
  const clock = createTestClock();
  const crm = await createCrm({ storage, now: clock.now });
  const rows = (table: string) => storage.raw.rows(table);
  return {
    storage,
    crm,
    clock,
    a: crm.as({ tenantId: tenantA, actor: { id: 'user-a' } }),
    b: crm.as({ tenantId: tenantB, actor: { id: 'user-b' } }),
    rows,
    tenantRows: async (table, tenantId) => (await rows(table)).filter((row) => row.tenant_id === tenantId),
    async snapshot() {
      const snapshot: Snapshot = {};
      for (const table of await storage.raw.tables()) snapshot[table] = await rows(table);
      return snapshot;
    },
  };
}

/**
 * The `it` of the suite: each test receives `h`, a harness over a store made for it alone, closed after
 * the test whatever its outcome.
 */
export function crmTest(makeStorage: MakeStorage): TestAPI<{ h: Harness }> {
  return test.extend<{ h: Harness }>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    h: async ({}, use) => {
      const harness = await openHarness(makeStorage);
      try {
        await use(harness);
      } finally {
        await harness.crm.close();
      }
    },
  });
}

/** Awaits a call that must fail with a RapportError (of `code`, when given) and returns the error. */
export async function rapportError(
  action: Promise<unknown> | (() => Promise<unknown>),
  code?: RapportErrorCode,
): Promise<RapportError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await (typeof action === 'function' ? action() : action) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok)
    expect.fail(
      `expected a RapportError${code ? ` ${code}` : ''}, but the call succeeded with ${JSON.stringify(outcome.value)}`,
    );
  const { error } = outcome;
  if (!isRapportError(error))
    expect.fail(`expected a RapportError${code ? ` ${code}` : ''}, got ${String(error)}`);
  if (code !== undefined) expect(error.code, error.message).toBe(code);
  return error;
}

/**
 * Runs a call that must fail with `code` and checks that it left every table exactly as it was: no row,
 * no audit entry, no outbox event, no unique value.
 */
export async function failsCleanly(
  h: Harness,
  code: RapportErrorCode,
  action: () => Promise<unknown>,
): Promise<RapportError> {
  const before = await h.snapshot();
  const error = await rapportError(action, code);
  expect(await h.snapshot()).toEqual(before);
  return error;
}

/** The paths of an error's issues, for `toContainEqual`. */
export function issuePaths(error: RapportError): (string | number)[][] {
  return error.issues.map((issue) => [...issue.path]);
}

/** Checks that an error has an issue at exactly `path`. */
export function expectIssueAt(error: RapportError, path: readonly (string | number)[]): void {
  expect(issuePaths(error), `${error.code}: ${error.message}`).toContainEqual([...path]);
}
