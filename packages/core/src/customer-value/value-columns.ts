import type { ValueType } from '../storage/condition';
import type { ColumnDef, ColumnType } from '../storage/schema';

/**
 * The customer value of one person or company, as stored on its own row. Every column is null for a
 * customer without a counting order, except `value_tier` (tiers may hold for customers without orders) and
 * `value_at`.
 */
export interface ValueColumns {
  /** The instant of the last counting order. */
  readonly rfm_last_order_at: string | null;
  /** How many counting orders. */
  readonly rfm_order_count: number | null;
  /** The sum of the totals of counting orders in the configured currency, in minor units. */
  readonly rfm_total: number | null;
  readonly rfm_recency: number | null;
  readonly rfm_frequency: number | null;
  readonly rfm_monetary: number | null;
  /** The three scores as one text: `'545'`. */
  readonly rfm_score: string | null;
  /** The named group of the scores: `champions`, `atRisk`, ... */
  readonly rfm_segment: string | null;
  /** The key of the first tier whose filter holds. */
  readonly value_tier: string | null;
}

/** The value columns (all but the computed-at stamp). */
export const valueColumnNames = [
  'rfm_last_order_at',
  'rfm_order_count',
  'rfm_total',
  'rfm_recency',
  'rfm_frequency',
  'rfm_monetary',
  'rfm_score',
  'rfm_segment',
  'value_tier',
] as const satisfies readonly (keyof ValueColumns)[];

/**
 * When the value columns were last computed. Writing it is also how a write locks a customer's row before
 * it reads the customer's orders, so two concurrent orders of one customer are counted one after the other.
 */
export const computedAtColumn = 'value_at';

/** A customer with no counting order and no tier. */
export const emptyValueColumns: ValueColumns = {
  rfm_last_order_at: null,
  rfm_order_count: null,
  rfm_total: null,
  rfm_recency: null,
  rfm_frequency: null,
  rfm_monetary: null,
  rfm_score: null,
  rfm_segment: null,
  value_tier: null,
};

/** How each value column is filtered: its name in the filter language and its value type. */
export const valueFields = {
  'rfm.recency': { column: 'rfm_recency', type: 'number' },
  'rfm.frequency': { column: 'rfm_frequency', type: 'number' },
  'rfm.monetary': { column: 'rfm_monetary', type: 'number' },
  'rfm.score': { column: 'rfm_score', type: 'text' },
  'rfm.segment': { column: 'rfm_segment', type: 'text' },
  'rfm.lastOrderAt': { column: 'rfm_last_order_at', type: 'timestamp' },
  'rfm.orderCount': { column: 'rfm_order_count', type: 'number' },
  'rfm.total': { column: 'rfm_total', type: 'number' },
  valueTier: { column: 'value_tier', type: 'text' },
} as const satisfies Record<string, { column: keyof ValueColumns; type: ValueType }>;

const storedType: Record<ValueType, ColumnType> = {
  text: 'text',
  number: 'integer',
  timestamp: 'timestamp',
  date: 'date',
  boolean: 'boolean',
  textList: 'json',
};

/** The columns the migration adds to `people` and `companies`; nullable, so existing rows read as no value. */
export const valueColumnDefs: readonly ColumnDef[] = [
  ...Object.values(valueFields).map(({ column, type }) => ({
    name: column,
    type: storedType[type],
    nullable: true,
  })),
  { name: computedAtColumn, type: 'timestamp', nullable: true },
];

/** The value columns of a stored customer row. */
export function valueColumnsOf(row: Readonly<Record<string, unknown>>): ValueColumns {
  const values: Record<string, unknown> = {};
  for (const name of valueColumnNames) values[name] = row[name] ?? null;
  return values as unknown as ValueColumns;
}

/** The value columns that differ between two states of a customer. */
export function changedValueColumns(before: ValueColumns, after: ValueColumns): Partial<ValueColumns> {
  const changed: Record<string, unknown> = {};
  for (const name of valueColumnNames) if (before[name] !== after[name]) changed[name] = after[name];
  return changed as Partial<ValueColumns>;
}
