import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { normalisePhone } from './phone';
import { address, e164, emailAddress, optionalDate, optionalRef, optionalText, textSet } from './values';

/** Where a person stands with the business. */
export const lifecycleStages = ['lead', 'prospect', 'customer', 'churned'] as const;

const contactLabel = optionalText(40);

const emailEntry = z.strictObject({
  address: emailAddress(),
  label: contactLabel,
  primary: z.boolean().default(false),
});

const phoneEntry = z.strictObject({
  number: e164(),
  label: contactLabel,
  primary: z.boolean().default(false),
});

const consent = z
  .strictObject({
    email: z.boolean().default(false),
    sms: z.boolean().default(false),
    phone: z.boolean().default(false),
    updatedAt: z.iso.datetime({ offset: true }).nullish(),
  })
  .default({ email: false, sms: false, phone: false });

function isPhoneEntry(entry: unknown): entry is { number: string } {
  return (
    typeof entry === 'object' && entry !== null && typeof (entry as { number?: unknown }).number === 'string'
  );
}

type ContactEntry = { primary: boolean };

/** Exactly one entry is primary: the one marked, or the first when none is. More than one is an error. */
function checkOnePrimary(entries: readonly ContactEntry[], path: string, ctx: z.RefinementCtx): void {
  const marked = entries.filter((entry) => entry.primary).length;
  if (marked > 1) ctx.addIssue({ code: 'custom', path: [path], message: 'Only one entry can be primary' });
}

function markPrimary<T extends ContactEntry>(entries: readonly T[]): T[] {
  const hasPrimary = entries.some((entry) => entry.primary);
  return entries.map((entry, index) => ({ ...entry, primary: hasPrimary ? entry.primary : index === 0 }));
}

function primaryOf<T extends ContactEntry>(entries: readonly T[], key: keyof T): unknown {
  return entries.find((entry) => entry.primary)?.[key] ?? null;
}

/**
 * A person: a contact, a lead or a customer. `email` and `phone` are derived from the primary entries of
 * `emails` and `phones`; `email` is unique per tenant and is an upsert key.
 */
export const personEntity = defineEntity({
  name: 'person',
  collection: 'people',
  table: 'people',
  extensible: true,
  fields: {
    firstName: field.text(),
    lastName: field.text(),
    fullName: field.text(),
    emails: field.json({ nullable: false }),
    phones: field.json({ nullable: false }),
    email: field.text(),
    phone: field.text(),
    title: field.text(),
    region: field.text(),
    address: field.json(),
    birthday: field.date(),
    companyId: field.text({ references: 'company' }),
    ownerId: field.text({ references: 'member' }),
    lifecycleStage: field.text({ nullable: false }),
    source: field.text(),
    consent: field.json({ nullable: false }),
    // Added by the leads migration: the last stored lead score, so lists can filter and sort by it.
    leadScore: field.integer({ since: 9 }),
  },
  input: {
    firstName: optionalText(200),
    lastName: optionalText(200),
    emails: z.array(emailEntry).max(20).default([]),
    phones: z.array(phoneEntry).max(20).default([]),
    title: optionalText(200),
    region: optionalText(200),
    address: address(),
    birthday: optionalDate(),
    companyId: optionalRef(),
    ownerId: optionalRef(),
    lifecycleStage: z.enum(lifecycleStages).default('lead'),
    source: optionalText(100),
    consent,
    leadScore: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .nullish()
      .transform((value) => value ?? null),
    externalId: optionalText(255),
    tags: textSet(),
  },
  uniqueKeys: ['email'],
  indexes: [
    ['lastName', 'firstName'],
    ['companyId'],
    ['ownerId'],
    ['region'],
    ['phone'],
    ['updatedAt'],
    ['leadScore'],
  ],
  includes: {
    company: { field: 'companyId', entity: 'company' },
    owner: { field: 'ownerId', entity: 'member' },
  },
  derived: ['fullName', 'email', 'phone'],
  normalize(input, settings) {
    if (!Array.isArray(input.phones)) return input;
    const phones = input.phones.map((entry: unknown) =>
      isPhoneEntry(entry)
        ? { ...entry, number: normalisePhone(entry.number, settings.defaultCountry) }
        : entry,
    );
    return { ...input, phones };
  },
  refine(values, ctx) {
    checkOnePrimary(values.emails as ContactEntry[], 'emails', ctx);
    checkOnePrimary(values.phones as ContactEntry[], 'phones', ctx);
    if (!values.firstName && !values.lastName && (values.emails as unknown[]).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastName'],
        message: 'A person needs a name or an email address',
      });
    }
  },
  inputPath(field, values) {
    const source =
      field === 'email'
        ? (['emails', 'address'] as const)
        : field === 'phone'
          ? (['phones', 'number'] as const)
          : undefined;
    if (source === undefined) return undefined;
    const index =
      (values[source[0]] as ContactEntry[] | undefined)?.findIndex((entry) => entry.primary) ?? -1;
    return index < 0 ? undefined : [source[0], index, source[1]];
  },
  derive(values) {
    const emails = markPrimary(values.emails as (ContactEntry & { address: string })[]);
    const phones = markPrimary(values.phones as (ContactEntry & { number: string })[]);
    const fullName = [values.firstName, values.lastName].filter(Boolean).join(' ') || null;
    return {
      emails,
      phones,
      fullName,
      email: primaryOf(emails, 'address'),
      phone: primaryOf(phones, 'number'),
    };
  },
});
