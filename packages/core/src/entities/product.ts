import * as z from 'zod';
import { defaultCurrency } from './default-currency';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { currency, minorUnits, optionalLongText, optionalText, requiredText, textSet } from './values';

/** A product or service that orders sell. `sku` is unique per tenant and is an upsert key. */
export const productEntity = defineEntity({
  name: 'product',
  collection: 'products',
  table: 'products',
  extensible: true,
  fields: {
    sku: field.text({ nullable: false }),
    name: field.text({ nullable: false }),
    description: field.text(),
    unitPrice: field.integer({ nullable: false }),
    currency: field.text({ nullable: false }),
    active: field.boolean({ nullable: false }),
  },
  input: {
    sku: requiredText(100),
    name: requiredText(300),
    description: optionalLongText(),
    unitPrice: minorUnits().min(0),
    currency: currency(),
    active: z.boolean().default(true),
    externalId: optionalText(255),
    tags: textSet(),
  },
  uniqueKeys: ['sku'],
  indexes: [['name']],
  defaults: defaultCurrency,
});
