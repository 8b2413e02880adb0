import type { CrmSession } from '../crm';
import { entityDef } from '../entities/registry';
import type { Activity, Company, CompanyInput, Order, Person } from '../entities/types';
import type { RapportIssue } from '../errors/rapport-error';
import { validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { inOneTransaction } from '../records/one-transaction';
import { rowMapping } from '../records/row-mapping';
import type { StorageReader } from '../storage/adapter';
import type { CheckedCapture, CompanyMatch, LeadCaptureResult, PersonMatch } from './capture-input';
import { captureInputSchema } from './capture-input';
import { fillableFields, fillEmpty } from './fill-empty';
import type { LeadsDeps } from './leads-deps';
import type { PersonKeys } from './match-records';
import { matchPerson } from './match-records';
import type { CompanyKeys } from './resolve-company';
import { companyKeysOf, findOrCreateCompany } from './resolve-company';
import { underPath } from './under-path';
import { validatePart } from './validate-part';

/** Keys of a person input that a capture sets itself. */
const setByCapture = ['lifecycleStage', 'source'] as const;

/** A capture whose parts passed their entities' validation, with the keys they are matched by. */
interface PreparedCapture {
  readonly capture: CheckedCapture;
  readonly personKeys: PersonKeys;
  readonly companyKeys: CompanyKeys | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the whole capture before any write, so every issue of every part is reported at once. */
async function prepareCapture(deps: LeadsDeps, input: unknown): Promise<PreparedCapture> {
  const parsed = captureInputSchema.safeParse(input);
  const issues: RapportIssue[] = parsed.success ? [] : toRapportIssues(parsed.error.issues);
  // The parts are checked even when the capture's own fields are not, from the raw input.
  const raw = isObject(input) ? input : {};
  const parts = { person: raw.person, company: raw.company, order: raw.order };
  if (isObject(parts.person)) {
    for (const key of setByCapture) {
      if (key in parts.person)
        issues.push({ code: 'unrecognized_keys', path: ['person', key], message: `The capture sets ${key}` });
    }
  }
  const source = parsed.success ? parsed.data.channel : null;
  const person = isObject(parts.person)
    ? await validatePart(deps, 'person', { ...parts.person, source }, ['person'], issues)
    : undefined;
  const company = isObject(parts.company)
    ? await validatePart(deps, 'company', parts.company, ['company'], issues)
    : undefined;
  // The order's person is the lead, known only inside the transaction; any id stands in for the check.
  if (isObject(parts.order))
    await validatePart(deps, 'order', { ...parts.order, personId: 'captured-lead' }, ['order'], issues);
  if (!parsed.success || issues.length > 0 || person === undefined) throw validationError(issues);
  const capture = parsed.data;
  const entries = <T>(list: unknown) => list as (T & { primary: boolean })[];
  const primaryFirst = <T extends { primary: boolean }>(list: T[]) => [
    ...list.filter((entry) => entry.primary),
    ...list.filter((entry) => !entry.primary),
  ];
  return {
    capture,
    personKeys: {
      emails: primaryFirst(entries<{ address: string }>(person.emails)).map((entry) => entry.address),
      phones: primaryFirst(entries<{ number: string }>(person.phones)).map((entry) => entry.number),
    },
    companyKeys: company === undefined ? undefined : companyKeysOf(company),
  };
}

/** A stored person row as the record the repositories return. */
function personOf(row: Record<string, unknown>): Person {
  return rowMapping(entityDef('person')).toRecord(row) as unknown as Person;
}

async function resolveCompany(
  session: CrmSession,
  reader: StorageReader,
  prepared: PreparedCapture,
  reason: string,
): Promise<{ company: Company | null; match: CompanyMatch | null }> {
  const { capture, companyKeys } = prepared;
  if (capture.company === undefined || companyKeys === undefined) return { company: null, match: null };
  return findOrCreateCompany(session, reader, companyKeys, capture.company as CompanyInput, reason);
}

async function resolvePerson(
  session: CrmSession,
  reader: StorageReader,
  prepared: PreparedCapture,
  company: Company | null,
  reason: string,
): Promise<{ person: Person; match: PersonMatch; filled: string[] }> {
  const { capture, personKeys } = prepared;
  const captured = {
    ...capture.person,
    ...(company === null ? {} : { companyId: company.id }),
    ...(capture.ownerId === null ? {} : { ownerId: capture.ownerId }),
  };
  const found = await matchPerson(reader, session.context.tenantId, personKeys);
  if (found === undefined) {
    const person = await underPath(['person'], () =>
      session.people.create({ ...captured, lifecycleStage: 'lead', source: capture.channel } as never, {
        reason,
      }),
    );
    return { person, match: 'created', filled: [] };
  }
  const stored = personOf(found.row);
  const changes = fillEmpty(stored as unknown as Record<string, unknown>, captured, fillableFields);
  const filled = Object.keys(changes);
  const person =
    filled.length === 0
      ? stored
      : await underPath(['person'], () =>
          session.people.update(stored.id, changes, { version: stored.version, reason }),
        );
  return { person, match: found.by, filled };
}

function captureActivity(
  capture: CheckedCapture,
  person: Person,
  company: Company | null,
  order: Order | null,
) {
  const orderNote = order === null ? null : `Order ${order.number ?? order.id}`;
  return {
    // An email is an email on the timeline; a form, a social message or an order is a note of it.
    type: capture.channel === 'email' ? ('email' as const) : ('note' as const),
    direction: 'inbound' as const,
    subject: capture.message?.subject ?? `Lead captured from ${capture.channel}`,
    body: [capture.message?.body, orderNote].filter(Boolean).join('\n\n') || null,
    ...(capture.message?.occurredAt === undefined ? {} : { occurredAt: capture.message.occurredAt }),
    personIds: [person.id],
    companyId: company?.id ?? person.companyId ?? null,
    ownerId: capture.ownerId ?? person.ownerId ?? null,
  };
}

/**
 * Captures a lead from a channel in one transaction: matches the person by normalised email, then phone,
 * and the company by domain, then name, creating what is not found; a new person is a `lead` with the
 * channel as `source`, a matched one keeps their values and only has empty fields filled; an order, if
 * given, is created for the person; an activity records the capture on the person's timeline. Every
 * write goes through the records write path (audit entries with the reason `lead capture: <channel>`,
 * events after commit). Bad input throws VALIDATION_FAILED with every issue under its part's path
 * (`['person', 'emails', 0, 'address']`) and writes nothing.
 *
 * @example
 * ```ts
 * const result = await captureLead(deps, { channel: 'email', person: { emails: [{ address: 'ann@example.com' }] } });
 * ```
 */
export async function captureLead(deps: LeadsDeps, input: unknown): Promise<LeadCaptureResult> {
  const prepared = await prepareCapture(deps, input);
  const { capture } = prepared;
  const reason = `lead capture: ${capture.channel}`;
  return inOneTransaction(deps.runtime, async (joined) => {
    const session = deps.sessionOf(joined);
    const reader = joined.storage;
    const { company, match: companyMatch } = await resolveCompany(session, reader, prepared, reason);
    const { person, match, filled } = await resolvePerson(session, reader, prepared, company, reason);
    const order =
      capture.order === undefined
        ? null
        : await underPath(['order'], () =>
            session.orders.create({ ...capture.order, personId: person.id } as never, { reason }),
          );
    const activity: Activity = await session.activities.create(
      captureActivity(capture, person, company, order),
      { reason },
    );
    return { person, personMatch: match, filled, company, companyMatch, activity, order };
  });
}
