import * as z from 'zod';
import { currency, optionalText, storableString } from '../entities/values';
import type { Filter } from '../filter/filter-types';
import type { CustomerEntity } from './customer-kinds';

/** The most tiers one customer entity has: tiers are evaluated in order for every changed customer. */
export const maxTiers = 20;

/**
 * One tier: a customer is in the first tier, in list order, whose filter holds for it.
 *
 * @example
 * ```ts
 * const keyAccounts: TierDefinition = { key: 'key_account', label: 'Key account', filter: { field: 'custom.keyAccount', op: 'eq', value: true } };
 * ```
 */
export interface TierDefinition {
  /** What the customer's `valueTier` holds: `key_account`, `A`, `B`, `C`. */
  readonly key: string;
  readonly label: string | null;
  /** A filter over the customer (`rfm.*` fields, custom fields, related records), as the tenant wrote it. */
  readonly filter: Filter;
}

/**
 * What `customerValue.configure` takes: the whole configuration, replacing the one before.
 *
 * @example
 * ```ts
 * const input: CustomerValueInput = {
 *   orderTypes: ['sale'],
 *   currency: 'EUR',
 *   tiers: { person: [{ key: 'vip', filter: { field: 'rfm.score', op: 'eq', value: '555' } }] },
 * };
 * ```
 */
export interface CustomerValueInput {
  /**
   * The order types that count (`['sale']`); left out or null, every type counts. Cancelled orders and
   * archived orders never count.
   */
  readonly orderTypes?: readonly string[] | null;
  /**
   * The currency of monetary value: only orders in it add to a customer's total. Left out, the tenant's
   * default currency at the time of the call.
   */
  readonly currency?: string;
  /** The tiers of people and of companies, each list in the order they are tried. */
  readonly tiers?: {
    readonly person?: readonly TierInput<'person'>[];
    readonly company?: readonly TierInput<'company'>[];
  };
}

/**
 * One tier as `configure` takes it.
 *
 * @example
 * ```ts
 * const a: TierInput<'company'> = { key: 'A', label: 'Top accounts', filter: { field: 'rfm.monetary', op: 'gte', value: 4 } };
 * ```
 */
export interface TierInput<E extends CustomerEntity = CustomerEntity> {
  readonly key: string;
  readonly label?: string | null;
  readonly filter: Filter<E> | Filter;
}

/**
 * A tenant's customer value configuration, as stored.
 *
 * @example
 * ```ts
 * const { version, currency, tiers } = await crm.customerValue.configuration();
 * await crm.customerValue.configure({ currency, tiers }, { version });
 * ```
 */
export interface CustomerValueConfig {
  /** 0 until the tenant first configures customer value; nothing is computed before that. */
  readonly version: number;
  readonly orderTypes: readonly string[] | null;
  readonly currency: string;
  readonly tiers: Readonly<Record<CustomerEntity, readonly TierDefinition[]>>;
  readonly updatedAt: string | null;
}

const orderType = storableString().trim().min(1, 'An order type is never empty').max(50);

const tierSchema = z.strictObject({
  key: storableString().trim().min(1, 'A tier needs a key').max(50),
  label: optionalText(100),
  // Checked by resolving it against the tenant's schema, with the path of the offending node.
  filter: z.custom<Filter>((value) => typeof value === 'object' && value !== null, 'A tier needs a filter'),
});

const tierListSchema = z
  .array(tierSchema)
  .max(maxTiers, `At most ${maxTiers} tiers`)
  .superRefine((tiers, ctx) => {
    const seen = new Set<string>();
    tiers.forEach((tier, index) => {
      if (seen.has(tier.key))
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `Tier "${tier.key}" is listed twice` });
      seen.add(tier.key);
    });
  })
  .default([]);

/** The schema of {@link CustomerValueInput}, before tier filters are resolved. */
export const customerValueInputSchema = z.strictObject({
  orderTypes: z
    .array(orderType)
    .min(1, 'List the order types that count, or leave orderTypes out to count every type')
    .max(100)
    .transform((types) => [...new Set(types)])
    .nullish()
    .transform((types) => types ?? null),
  currency: currency().optional(),
  tiers: z
    .strictObject({ person: tierListSchema, company: tierListSchema })
    .partial()
    .default({})
    .transform((tiers) => ({ person: tiers.person ?? [], company: tiers.company ?? [] })),
});

/** The configuration of a tenant that never configured customer value. */
export function unconfigured(defaultCurrency: string): CustomerValueConfig {
  return {
    version: 0,
    orderTypes: null,
    currency: defaultCurrency,
    tiers: { person: [], company: [] },
    updatedAt: null,
  };
}
