import * as z from 'zod';
import { defaultCurrency } from './default-currency';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { instantDefault } from './instant-default';
import {
  currency,
  idRef,
  instant,
  minorUnits,
  optionalRef,
  optionalText,
  storableString,
  textSet,
} from './values';

/** Where an order stands. */
export const orderStatuses = ['draft', 'confirmed', 'fulfilled', 'cancelled'] as const;

const orderLine = z.strictObject({
  productId: idRef()
    .nullish()
    .transform((value) => value ?? null),
  description: optionalText(500),
  quantity: z.number().positive().max(1_000_000_000),
  unitPrice: minorUnits(),
  /** Computed as quantity × unit price, rounded to the minor unit, when not given. */
  amount: minorUnits().optional(),
});

type OrderLine = z.output<typeof orderLine>;

const lineAmount = (line: OrderLine) => Math.round(line.quantity * line.unitPrice);

/**
 * An order: the purchase history of a customer. Its `total` is the sum of its lines; `type` says what
 * kind of order it is (`sale`, `return`, `sample`, ... as the host defines), so reports can count only
 * the types that count toward a rep's performance.
 */
export const orderEntity = defineEntity({
  name: 'order',
  collection: 'orders',
  table: 'orders',
  extensible: true,
  fields: {
    number: field.text(),
    personId: field.text({ references: 'person' }),
    companyId: field.text({ references: 'company' }),
    orderedAt: field.timestamp({ nullable: false }),
    type: field.text({ nullable: false }),
    status: field.text({ nullable: false }),
    lines: field.json({ nullable: false }),
    total: field.integer({ nullable: false }),
    currency: field.text({ nullable: false }),
    ownerId: field.text({ references: 'member' }),
  },
  input: {
    number: optionalText(100),
    personId: optionalRef(),
    companyId: optionalRef(),
    // Filled from the CRM clock by `defaults`; the zod default only keeps the field optional in the input type.
    orderedAt: instant().default(() => new Date().toISOString()),
    type: storableString().trim().min(1).max(50).default('sale'),
    status: z.enum(orderStatuses).default('confirmed'),
    lines: z.array(orderLine).min(1, 'An order has at least one line').max(1_000),
    currency: currency(),
    ownerId: optionalRef(),
    externalId: optionalText(255),
    tags: textSet(),
  },
  uniqueKeys: ['number'],
  indexes: [['personId', 'orderedAt'], ['companyId', 'orderedAt'], ['orderedAt'], ['ownerId']],
  includes: {
    person: { field: 'personId', entity: 'person' },
    company: { field: 'companyId', entity: 'company' },
    owner: { field: 'ownerId', entity: 'member' },
  },
  derived: ['total'],
  defaults: (input, settings, at) =>
    instantDefault('orderedAt')(defaultCurrency(input, settings), settings, at),
  refine(values, ctx) {
    if (!values.personId && !values.companyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['personId'],
        message: 'An order belongs to a person or a company',
      });
    }
    (values.lines as OrderLine[]).forEach((line, index) => {
      if (line.amount !== undefined && line.amount !== lineAmount(line)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'amount'],
          message: 'Amount is not quantity × unit price',
        });
      }
    });
  },
  derive(values) {
    const lines = (values.lines as OrderLine[]).map((line) => ({ ...line, amount: lineAmount(line) }));
    return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
  },
});
