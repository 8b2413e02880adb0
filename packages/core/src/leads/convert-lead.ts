import * as z from 'zod';
import type { CrmSession } from '../crm';
import type { Activity, Company, CompanyInput, Deal, DealInput, Person } from '../entities/types';
import { optionalLongText } from '../entities/values';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import { checkId } from '../records/load-current';
import { inOneTransaction } from '../records/one-transaction';
import type { StorageReader } from '../storage/adapter';
import type { CompanyMatch } from './capture-input';
import { firstOpenStage } from './first-open-stage';
import type { LeadsDeps } from './leads-deps';
import type { CompanyKeys } from './resolve-company';
import { companyKeysOf, findOrCreateCompany } from './resolve-company';
import { underPath } from './under-path';
import { validatePart } from './validate-part';

/** The lifecycle stages a person can be converted from: a lead, or a lead already qualified. */
export const convertibleStages = ['lead', 'prospect'] as const;

/**
 * What `leads.convert` takes: the company to link (an existing one by id, or one to find or create), the
 * deal to open, and a note for the conversion activity.
 *
 * @example
 * ```ts
 * const options: ConvertLeadOptions = {
 *   version: lead.version,
 *   company: { name: 'Example Ltd', domain: 'example.com' },
 *   deal: { name: 'Example, 20 seats', amount: 480_000, pipelineId: pipeline.id },
 * };
 * ```
 */
export interface ConvertLeadOptions {
  /** The person's version the caller read; a stale one is VERSION_CONFLICT. */
  readonly version?: number;
  /** `{ id }` of a stored company, or a company matched by domain then name, or created. */
  readonly company?: { readonly id: string } | CompanyInput;
  /** The deal: in the pipeline's first open stage unless `stageId` is given; owned by the person's owner. */
  readonly deal?: Omit<DealInput, 'personIds' | 'companyId' | 'pipelineId'> & { readonly pipelineId: string };
  /** The body of the conversion activity. */
  readonly note?: string | null;
}

/**
 * What a conversion did.
 *
 * @example
 * ```ts
 * const { person, company, deal, activity } = await crm.leads.convert(lead.id, options);
 * person.lifecycleStage; // 'customer'
 * ```
 */
export interface LeadConversion {
  /** The same person (same id, history and activities), now a customer. */
  readonly person: Person;
  readonly company: Company | null;
  /** How the company was found: given by id, kept from the person, matched, created; null without one. */
  readonly companyMatch: CompanyMatch | 'given' | 'kept' | null;
  readonly deal: Deal | null;
  /** The note on the person's timeline linking the person, company and deal of the conversion. */
  readonly activity: Activity;
}

const objectValue = (what: string) =>
  z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    `Expected ${what}`,
  );

const convertOptionsSchema = z.strictObject({
  version: z.number().int().optional(),
  company: objectValue('a company, or { id } of one').optional(),
  deal: objectValue('the deal').optional(),
  note: optionalLongText(),
});

type CheckedOptions = z.output<typeof convertOptionsSchema>;

/** A company given by id only. */
function isCompanyRef(company: Record<string, unknown>): company is { id: string } {
  return Object.keys(company).length === 1 && typeof company.id === 'string';
}

/** Checks the options and the parts they create, before any write, with every issue at its path. */
async function prepareConversion(
  deps: LeadsDeps,
  options: unknown,
): Promise<{ options: CheckedOptions; companyKeys: CompanyKeys | undefined }> {
  const parsed = convertOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  const checked = parsed.data;
  const issues: RapportIssue[] = [];
  const company =
    checked.company === undefined || isCompanyRef(checked.company)
      ? undefined
      : await validatePart(deps, 'company', checked.company, ['company'], issues);
  if (checked.deal !== undefined) {
    if (typeof checked.deal.pipelineId !== 'string')
      issues.push({
        code: 'invalid_type',
        path: ['deal', 'pipelineId'],
        message: 'A deal needs its pipeline',
      });
    await validatePart(deps, 'deal', checked.deal, ['deal'], issues);
  }
  if (issues.length > 0) throw validationError(issues);
  return { options: checked, companyKeys: company === undefined ? undefined : companyKeysOf(company) };
}

/**
 * The person to convert (or qualify), refused with INVALID_TRANSITION when archived or not in one of
 * `from`: nothing is written then.
 */
export async function loadLead(
  session: CrmSession,
  personId: string,
  from: readonly string[],
): Promise<Person> {
  const person = await session.people.get(personId);
  if (person.archivedAt !== null) {
    throw new RapportError('INVALID_TRANSITION', `Person ${personId} is archived: restore them first`, {
      details: { entity: 'person', id: personId, archivedAt: person.archivedAt },
    });
  }
  if (!from.includes(person.lifecycleStage)) {
    throw new RapportError(
      'INVALID_TRANSITION',
      `Person ${personId} is a ${person.lifecycleStage}, not a ${from.join(' or ')}`,
      { details: { entity: 'person', id: personId, lifecycleStage: person.lifecycleStage, expected: from } },
    );
  }
  return person;
}

async function companyFor(
  session: CrmSession,
  reader: StorageReader,
  person: Person,
  prepared: { options: CheckedOptions; companyKeys: CompanyKeys | undefined },
  reason: string,
): Promise<{ company: Company | null; match: LeadConversion['companyMatch'] }> {
  const given = prepared.options.company;
  if (given !== undefined && isCompanyRef(given))
    return { company: await underPath(['company'], () => session.companies.get(given.id)), match: 'given' };
  if (given !== undefined && prepared.companyKeys !== undefined)
    return findOrCreateCompany(session, reader, prepared.companyKeys, given as CompanyInput, reason);
  if (person.companyId !== null)
    return { company: await session.companies.get(person.companyId), match: 'kept' };
  return { company: null, match: null };
}

async function openDeal(
  session: CrmSession,
  deal: Record<string, unknown>,
  person: Person,
  company: Company | null,
  reason: string,
): Promise<Deal> {
  const pipelineId = deal.pipelineId as string;
  const pipeline = await session.pipelines.get(pipelineId).catch((error: unknown) => {
    throw new RapportError('INVALID_REFERENCE', `No pipeline with id ${pipelineId}`, {
      issues: [{ code: 'invalid_reference', path: ['deal', 'pipelineId'], message: 'No such pipeline' }],
      cause: error,
    });
  });
  const stageId = (deal.stageId as string | null | undefined) ?? firstOpenStage(pipeline.stages);
  if (stageId === undefined) {
    throw validationError([
      {
        code: 'custom',
        path: ['deal', 'pipelineId'],
        message: 'The pipeline has no open stage for a new deal',
      },
    ]);
  }
  const input = {
    ownerId: person.ownerId,
    ...deal,
    stageId,
    companyId: company?.id ?? null,
    personIds: [person.id],
  };
  // The deals write path, so whatever rules a pipeline puts on entering a stage apply here too.
  return underPath(['deal'], () => session.deals.create(input as DealInput, { reason }));
}

/**
 * Converts a lead (or a qualified lead, a prospect) into a customer in one transaction: the person keeps
 * their id, activities and history and becomes a `customer`, linked to the given, matched or created
 * company; the deal, if asked for, opens in the pipeline's first open stage (or the given one) through
 * the deals write path; a note on the timeline links them all. Every write's audit entry carries the
 * reason `lead conversion: <personId>`. An archived person or one that is not a lead or prospect is
 * INVALID_TRANSITION; bad options are VALIDATION_FAILED at their path; either way nothing is written.
 *
 * @example
 * ```ts
 * const { person, deal } = await convertLead(deps, lead.id, { deal: { name: 'Pilot', amount: 90_000, pipelineId } });
 * ```
 */
export async function convertLead(
  deps: LeadsDeps,
  personId: unknown,
  options: unknown,
): Promise<LeadConversion> {
  checkId(personId);
  const prepared = await prepareConversion(deps, options);
  const reason = `lead conversion: ${personId}`;
  return inOneTransaction(deps.runtime, async (joined) => {
    const session = deps.sessionOf(joined);
    const lead = await loadLead(session, personId, convertibleStages);
    const { company, match } = await companyFor(session, joined.storage, lead, prepared, reason);
    const person = await session.people.update(
      lead.id,
      { lifecycleStage: 'customer', companyId: company?.id ?? null },
      { version: prepared.options.version ?? lead.version, reason },
    );
    const { deal: dealInput, note } = prepared.options;
    const deal = dealInput === undefined ? null : await openDeal(session, dealInput, person, company, reason);
    const activity = await session.activities.create(
      {
        type: 'note',
        subject: 'Lead converted',
        body: note ?? null,
        personIds: [person.id],
        companyId: company?.id ?? null,
        dealId: deal?.id ?? null,
        ownerId: person.ownerId,
      },
      { reason },
    );
    return { person, company, companyMatch: match, deal, activity };
  });
}

/**
 * What a qualification did.
 *
 * @example
 * ```ts
 * const { person, activity } = await crm.leads.qualify(lead.id, { note: 'Budget confirmed' });
 * person.lifecycleStage; // 'prospect'
 * ```
 */
export interface LeadQualification {
  readonly person: Person;
  readonly activity: Activity;
}

const qualifyOptionsSchema = z.strictObject({
  version: z.number().int().optional(),
  note: optionalLongText(),
});

/**
 * Qualifies a lead in one transaction: the person becomes a `prospect` (a lead sales has accepted) and a
 * note records it on their timeline, with the reason `lead qualification: <personId>`. Anything but an
 * unarchived lead is INVALID_TRANSITION and changes nothing.
 *
 * @example
 * ```ts
 * await qualifyLead(deps, lead.id, { version: lead.version, note: 'Budget and timeline confirmed' });
 * ```
 */
export async function qualifyLead(
  deps: LeadsDeps,
  personId: unknown,
  options: unknown,
): Promise<LeadQualification> {
  checkId(personId);
  const parsed = qualifyOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  const { version, note } = parsed.data;
  const reason = `lead qualification: ${personId}`;
  return inOneTransaction(deps.runtime, async (joined) => {
    const session = deps.sessionOf(joined);
    const lead = await loadLead(session, personId, ['lead']);
    const person = await session.people.update(
      lead.id,
      { lifecycleStage: 'prospect' },
      { version: version ?? lead.version, reason },
    );
    const activity = await session.activities.create(
      {
        type: 'note',
        subject: 'Lead qualified',
        body: note ?? null,
        personIds: [person.id],
        ownerId: person.ownerId,
      },
      { reason },
    );
    return { person, activity };
  });
}
