import { validationError } from '../../errors/rapport-error';
import { uuidv7 } from '../../ids/uuidv7';
import { columnEquals } from '../../records/conditions';
import type { RuleAction } from '../rule';
import { couponsTableName } from './action-tables';
import type { Coupon, ExecuteActionArgs } from './action-types';
import { couponCode, couponToRow } from './coupon-code';
import { once } from './effect-ledger';
import { hostOf } from './send-message';

type IssueCouponAction = Extract<RuleAction, { kind: 'issueCoupon' }>;

const day = 86_400_000;

function checkCoupon(action: IssueCouponAction): void {
  const issues = [];
  if (action.percentOff === undefined && action.amountOff === undefined)
    issues.push({
      code: 'required',
      path: ['percentOff'],
      message: 'A coupon takes percentOff or amountOff',
    });
  if (action.percentOff !== undefined && !(action.percentOff > 0 && action.percentOff <= 100))
    issues.push({ code: 'too_big', path: ['percentOff'], message: 'percentOff is above 0 and at most 100' });
  if (action.amountOff !== undefined && !(Number.isInteger(action.amountOff) && action.amountOff > 0))
    issues.push({
      code: 'invalid_type',
      path: ['amountOff'],
      message: 'amountOff is a positive integer of minor units',
    });
  if (!(Number.isInteger(action.validDays) && action.validDays > 0))
    issues.push({
      code: 'invalid_type',
      path: ['validDays'],
      message: 'validDays is a positive whole number',
    });
  if (issues.length > 0) throw validationError(issues);
}

/**
 * Issues a coupon for the rule's record: stores it with a unique code, valid `validDays` days from the
 * run, then hands it to the host's `onCoupon` (to mail it, or register it in a shop). Once per idempotency
 * key: a retried job neither stores a second coupon nor calls the host again. Returns the coupon.
 *
 * @example
 * ```ts
 * const coupon = await issueCoupon(args, { kind: 'issueCoupon', percentOff: 15, validDays: 30 });
 * ```
 */
export async function issueCoupon(args: ExecuteActionArgs, action: IssueCouponAction): Promise<void> {
  checkCoupon(action);
  const onCoupon = hostOf(args).onCoupon;
  const createdAt = args.at.toISOString();
  await once<Coupon>(args, {
    kind: 'issueCoupon',
    prepare: async (tx) => {
      const coupon: Coupon = {
        id: uuidv7(args.at.getTime()),
        tenantId: args.context.tenantId,
        code: couponCode(),
        ruleId: args.rule.id,
        entity: args.record.entity,
        recordId: args.record.id,
        percentOff: action.percentOff ?? null,
        amountOff: action.amountOff ?? null,
        validUntil: new Date(args.at.getTime() + action.validDays * day).toISOString(),
        createdAt,
      };
      await tx.insert({ table: couponsTableName, rows: [couponToRow(coupon)] });
      return coupon;
    },
    forget: async (tx, coupon) => {
      await tx.delete({
        table: couponsTableName,
        tenantId: coupon.tenantId,
        where: columnEquals('id', coupon.id),
      });
    },
    perform: async (coupon) => {
      if (onCoupon !== undefined) await onCoupon(coupon);
    },
  });
}
