import { allOf, columnEquals } from '../../records/conditions';
import type { CrmRuntime } from '../../records/runtime';
import type { Row } from '../../storage/schema';
import { couponsTableName } from './action-tables';
import type { AutomationRecordRef, Coupon } from './action-types';

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 10;

/**
 * A random coupon code from the platform's cryptographic generator: 10 characters of 31, about 49 bits,
 * so guessing one is hopeless and two never meet in practice (the table's unique index still refuses it).
 *
 * @example
 * ```ts
 * couponCode(); // 'K7QX3MHT9P'
 * ```
 */
export function couponCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(codeLength));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A stored coupon row as a coupon. */
export function rowToCoupon(row: Row): Coupon {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    code: row.code as string,
    ruleId: row.rule_id as string,
    entity: row.entity as Coupon['entity'],
    recordId: row.record_id as string,
    percentOff: (row.percent_off as number | null) ?? null,
    amountOff: (row.amount_off as number | null) ?? null,
    validUntil: row.valid_until as string,
    createdAt: row.created_at as string,
  };
}

/** A coupon as stored. */
export function couponToRow(coupon: Coupon): Row {
  return {
    tenant_id: coupon.tenantId,
    id: coupon.id,
    code: coupon.code,
    rule_id: coupon.ruleId,
    entity: coupon.entity,
    record_id: coupon.recordId,
    percent_off: coupon.percentOff,
    amount_off: coupon.amountOff,
    valid_until: coupon.validUntil,
    created_at: coupon.createdAt,
  };
}

/**
 * The coupon a rule issued last for a record, or null: what `{{coupon.code}}` in a message of the same
 * rule names.
 *
 * @example
 * ```ts
 * const coupon = await latestCoupon(runtime, tenantId, rule.id, { entity: 'person', id });
 * ```
 */
export async function latestCoupon(
  runtime: CrmRuntime,
  tenantId: string,
  ruleId: string,
  record: AutomationRecordRef,
): Promise<Coupon | null> {
  const rows = await runtime.storage.findMany({
    table: couponsTableName,
    tenantId,
    where: allOf(
      columnEquals('rule_id', ruleId),
      columnEquals('entity', record.entity),
      columnEquals('record_id', record.id),
    ),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'created_at' }, type: 'timestamp' }, direction: 'desc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'desc' },
    ],
    limit: 1,
  });
  return rows[0] === undefined ? null : rowToCoupon(rows[0]);
}
