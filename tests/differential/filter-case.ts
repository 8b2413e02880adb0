import type { CrmSession, Filter } from '@rapport/core';
import { isRapportError } from '@rapport/core';
import fc from 'fast-check';
import { memberIds } from './crm-dataset';
import type { CalendarTenant } from './crm-engines';
import { calendarTenants } from './crm-engines';
import type { FilterCatalogue, FilterEntity } from './filter-arbitrary';
import { filterArbitraries } from './filter-arbitrary';

/** The entities the filter-level tests list. */
export type ListedEntity = Exclude<FilterEntity, 'activity'>;

/** One list and count through the CRM API, the same on every engine. */
export interface FilterCase {
  readonly entity: ListedEntity;
  readonly tenant: CalendarTenant;
  readonly actorId: string;
  /** The instant the clock reads while the case runs. */
  readonly now: string;
  readonly where: Filter;
  /** Sort terms; `externalId` always ends them, so the order is total and the same on every engine. */
  readonly orderBy: readonly string[];
  /** Picks the record `filters.explain` evaluates the filter on, in memory, on every engine. */
  readonly probe: number;
}

/**
 * Instants where calendars turn: the new year in some zones but not others, a leap day, the nights the
 * clocks change in Europe and the United States, the end of a quarter, and an ordinary day.
 */
export const clockInstants = [
  '2024-12-31T23:30:00.000Z',
  '2025-01-01T09:59:59.999Z',
  '2024-02-29T12:00:00.000Z',
  '2025-03-30T01:30:00.000Z',
  '2024-11-03T09:30:00.000Z',
  '2025-06-30T23:59:59.999Z',
  '2025-01-15T09:30:00.000Z',
] as const;

function orderingOf(catalogue: FilterCatalogue, entity: ListedEntity): fc.Arbitrary<string[]> {
  const sortable = catalogue[entity].fields
    .filter(
      (field) => field.kind !== 'textList' && (!field.name.includes('.') || field.name.startsWith('custom.')),
    )
    .map((field) => field.name);
  const term = fc
    .tuple(fc.constantFrom(...sortable), fc.boolean())
    .map(([name, descending]) => (descending ? `-${name}` : name));
  return fc.array(term, { maxLength: 2 }).map((terms) => [...terms, 'externalId']);
}

/**
 * Random cases over the seeded tenants: mostly people, also companies and orders; any tenant, actor and
 * clock instant; filters of up to three levels.
 *
 * @example
 * ```ts
 * fc.sample(filterCaseArbitrary(catalogue), 1);
 * ```
 */
export function filterCaseArbitrary(catalogue: FilterCatalogue): fc.Arbitrary<FilterCase> {
  const filterOf = filterArbitraries(catalogue);
  const over = (entity: ListedEntity, weight: number) => ({
    arbitrary: fc.record({
      entity: fc.constant(entity),
      tenant: fc.constantFrom(...calendarTenants),
      actorId: fc.constantFrom(...memberIds),
      now: fc.constantFrom(...clockInstants),
      where: filterOf(entity, 2),
      orderBy: orderingOf(catalogue, entity),
      probe: fc.nat(),
    }),
    weight,
  });
  return fc.oneof(over('person', 4), over('company', 1), over('order', 2));
}

/** What a CRM answered: the external ids of the listed records and the count, or the error's code. */
export type FilterOutcome =
  | { readonly ok: true; readonly externalIds: readonly string[]; readonly count: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

function repositoryOf(session: CrmSession, entity: ListedEntity) {
  if (entity === 'person') return session.people;
  if (entity === 'company') return session.companies;
  return session.orders;
}

/** What a list takes here: any `where` and `orderBy`, typed loosely so that hostile ones can be passed. */
export interface ListRequest {
  readonly where: unknown;
  readonly orderBy: unknown;
}

/**
 * Lists (up to 1,000) and counts through the records API. A RapportError becomes an outcome; anything else
 * is thrown.
 *
 * @example
 * ```ts
 * const outcome = await listOutcomeOf(session, 'person', { where, orderBy: ['externalId'] });
 * ```
 */
export async function listOutcomeOf(
  session: CrmSession,
  entity: ListedEntity,
  request: ListRequest,
): Promise<FilterOutcome> {
  const repository = repositoryOf(session, entity) as unknown as {
    list(options: object): Promise<{ items: { externalId: string | null }[] }>;
    count(options: object): Promise<number>;
  };
  try {
    const { items } = await repository.list({ where: request.where, orderBy: request.orderBy, limit: 1_000 });
    const count = await repository.count({ where: request.where });
    return { ok: true, externalIds: items.map((item) => item.externalId as string), count };
  } catch (error) {
    if (isRapportError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * Runs a case's list and count.
 *
 * @example
 * ```ts
 * const outcome = await filterOutcomeOf(session, filterCase);
 * ```
 */
export function filterOutcomeOf(session: CrmSession, filterCase: FilterCase): Promise<FilterOutcome> {
  return listOutcomeOf(session, filterCase.entity, filterCase);
}

/** What `filters.explain` said of one record: whether the filter held, or the error's code. */
export type ExplainOutcome =
  | { readonly ok: true; readonly held: boolean }
  | { readonly ok: false; readonly code: string };

const entityName = { person: 'person', company: 'company', order: 'order' } as const;

/**
 * Evaluates the case's filter on one record through `filters.explain`: in memory, on the record and the
 * related rows read for it, which must agree with what the engine's list selected.
 *
 * @example
 * ```ts
 * const explained = await explainOutcomeOf(session, filterCase, personId);
 * ```
 */
export async function explainOutcomeOf(
  session: CrmSession,
  filterCase: FilterCase,
  recordId: string,
): Promise<ExplainOutcome> {
  try {
    const explanation = await session.filters.explain(
      entityName[filterCase.entity],
      filterCase.where,
      recordId,
    );
    return { ok: true, held: explanation.held };
  } catch (error) {
    if (isRapportError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

/**
 * Whether `explain` agrees with the list: the record held exactly when the list returned it, or both failed
 * with the same code.
 *
 * @example
 * ```ts
 * agreesWithList(explained, listed, 'P-3');
 * ```
 */
export function agreesWithList(
  explained: ExplainOutcome,
  listed: FilterOutcome,
  externalId: string,
): boolean {
  if (!explained.ok || !listed.ok) return !explained.ok && !listed.ok && explained.code === listed.code;
  return explained.held === listed.externalIds.includes(externalId);
}

/**
 * Whether two outcomes are the same: the same error code, or the same count and records in the same order.
 *
 * @example
 * ```ts
 * isSameFilterOutcome(memory, sqlite);
 * ```
 */
export function isSameFilterOutcome(reference: FilterOutcome, outcome: FilterOutcome): boolean {
  if (!reference.ok || !outcome.ok) return !reference.ok && !outcome.ok && reference.code === outcome.code;
  return (
    reference.count === outcome.count &&
    reference.externalIds.length === outcome.externalIds.length &&
    reference.externalIds.every((id, index) => id === outcome.externalIds[index])
  );
}

/**
 * An outcome in one line.
 *
 * @example
 * ```ts
 * describeFilterOutcome({ ok: true, externalIds: ['P-1'], count: 1 }); // '1 records, count 1: ["P-1"]'
 * ```
 */
export const describeFilterOutcome = (outcome: FilterOutcome) =>
  outcome.ok
    ? `${outcome.externalIds.length} records, count ${outcome.count}: ${JSON.stringify(outcome.externalIds)}`
    : `${outcome.code}: ${outcome.message}`;

/**
 * A mismatch at the filter level, spelled out: the case and both answers.
 *
 * @example
 * ```ts
 * throw new Error(describeFilterMismatch(filterCase, 'pglite', memory, pglite));
 * ```
 */
export function describeFilterMismatch(
  filterCase: FilterCase,
  engine: string,
  reference: FilterOutcome,
  outcome: FilterOutcome,
): string {
  const { entity, tenant, actorId, now, where, orderBy } = filterCase;
  return [
    `${engine} differs from memory listing ${entity} of ${tenant.tenantId} (${tenant.timeZone}, fiscal year from month ${tenant.fiscalYearStartMonth}) as ${actorId} at ${now}:`,
    `  where:   ${JSON.stringify(where)}`,
    `  orderBy: ${JSON.stringify(orderBy)}`,
    `  memory:  ${describeFilterOutcome(reference)}`,
    `  ${engine}: ${describeFilterOutcome(outcome)}`,
  ].join('\n');
}
