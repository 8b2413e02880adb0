import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { address, optionalRef, optionalText, requiredText, textSet } from './values';

/** Company size bands, by head count. */
export const companySizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;

/** A domain name, lower-cased, without scheme, `www.` or path: `https://www.Acme.com/about` → `acme.com`. */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) =>
    value
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#].*$/, ''),
  )
  .pipe(
    z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Invalid domain'),
  )
  .nullish()
  .transform((value) => value ?? null);

/** A company (an account). `domain` is unique per tenant and is an upsert key. */
export const companyEntity = defineEntity({
  name: 'company',
  collection: 'companies',
  table: 'companies',
  extensible: true,
  fields: {
    name: field.text({ nullable: false }),
    domain: field.text(),
    industry: field.text(),
    size: field.text(),
    region: field.text(),
    address: field.json(),
    ownerId: field.text({ references: 'member' }),
    tier: field.text(),
  },
  input: {
    name: requiredText(300),
    domain,
    industry: optionalText(200),
    size: z
      .enum(companySizes)
      .nullish()
      .transform((value) => value ?? null),
    region: optionalText(200),
    address: address(),
    ownerId: optionalRef(),
    tier: optionalText(50),
    externalId: optionalText(255),
    tags: textSet(),
  },
  uniqueKeys: ['domain'],
  indexes: [['name'], ['ownerId'], ['region'], ['updatedAt']],
  includes: { owner: { field: 'ownerId', entity: 'member' } },
});
