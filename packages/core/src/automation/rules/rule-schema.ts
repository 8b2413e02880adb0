import * as z from 'zod';
import { entityNames } from '../../entities/entity-name';
import { idRef, instant, requiredText, storableString } from '../../entities/values';
import type { RuleAction, RuleCondition, RuleInput, Trigger } from '../rule';

const fieldName = () => storableString().trim().min(1).max(200);
const entity = z.enum(entityNames);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A local time is HH:mm');

const recordTriggers = [
  z.strictObject({ kind: z.literal('recordCreated'), entity }),
  z.strictObject({
    kind: z.literal('recordUpdated'),
    entity,
    fields: z.array(fieldName()).min(1).max(100).optional(),
  }),
  z.strictObject({ kind: z.literal('recordDeleted'), entity }),
  z.strictObject({
    kind: z.literal('dealStageChanged'),
    pipelineId: idRef().optional(),
    stageIds: z.array(idRef()).min(1).max(100).optional(),
  }),
  z.strictObject({ kind: z.literal('segmentEntered'), segmentId: idRef() }),
  z.strictObject({ kind: z.literal('segmentLeft'), segmentId: idRef() }),
] as const;

const timeTriggers = [
  z.strictObject({
    kind: z.literal('date'),
    entity,
    field: fieldName(),
    offsetDays: z.number().int().min(-3_660).max(3_660).optional(),
    localTime: localTime.optional(),
    recurring: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('inactivity'),
    entity: z.enum(['person', 'company', 'deal']),
    days: z.number().int().min(1).max(3_660),
  }),
  z.strictObject({
    kind: z.literal('schedule'),
    every: z.number().int().min(1).max(10_000),
    unit: z.enum(['minutes', 'hours', 'days', 'weeks']),
    startAt: instant(),
  }),
] as const;

const externalTriggers = [
  z.strictObject({ kind: z.literal('manual'), entity }),
  z.strictObject({
    kind: z.literal('inbound'),
    channel: requiredText(100),
    type: requiredText(200).optional(),
  }),
] as const;

/** Every trigger kind of `rule.ts`, told apart by `kind`. */
export const triggerSchema: z.ZodType<Trigger> = z.discriminatedUnion('kind', [
  ...recordTriggers,
  ...timeTriggers,
  ...externalTriggers,
]) as unknown as z.ZodType<Trigger>;

/** The change operators of rule conditions; anything else with `field` and `op` is a filter comparison. */
export const changeOperators = ['changed', 'changedFrom', 'changedTo'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when a condition node is a change operator rather than a filter node. */
export function isChangeNode(
  node: unknown,
): node is Extract<RuleCondition, { op: 'changed' | 'changedFrom' | 'changedTo' }> {
  return isObject(node) && (changeOperators as readonly unknown[]).includes(node.op);
}

const changeNode = z.union([
  z.strictObject({ field: fieldName(), op: z.literal('changed') }),
  z.strictObject({ field: fieldName(), op: z.enum(['changedFrom', 'changedTo']), value: z.unknown() }),
]);

/**
 * A rule condition. Groups and change operators are checked here; every other node is a filter node,
 * which the filter resolver checks in full against the entity's fields when the rule is saved (as
 * `list({ where })` does), so here it only has to be an object.
 */
export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z
    .custom<Record<string, unknown>>(isObject, 'Expected a condition object')
    .pipe(
      z.union([
        z.strictObject({ all: z.array(ruleConditionSchema).max(1_000) }),
        z.strictObject({ any: z.array(ruleConditionSchema).max(1_000) }),
        z.strictObject({ not: ruleConditionSchema }),
        z.custom<Record<string, unknown>>(isChangeNode).pipe(changeNode),
        z.custom<Record<string, unknown>>(
          (node) =>
            isObject(node) && !('all' in node || 'any' in node || 'not' in node) && !isChangeNode(node),
        ),
      ]),
    ),
) as unknown as z.ZodType<RuleCondition>;

const template = (max: number) => storableString().min(1).max(max);

/** Every action kind of `rule.ts`; `branch` nests actions. */
export const ruleActionSchema: z.ZodType<RuleAction> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('updateFields'),
      values: z.record(fieldName(), z.unknown()).refine((values) => Object.keys(values).length > 0, {
        message: 'Name at least one field to set',
      }),
    }),
    z.strictObject({ kind: z.literal('addTags'), tags: z.array(requiredText(100)).min(1).max(100) }),
    z.strictObject({ kind: z.literal('removeTags'), tags: z.array(requiredText(100)).min(1).max(100) }),
    z.strictObject({
      kind: z.literal('createTask'),
      title: requiredText(500),
      dueInDays: z.number().int().min(0).max(3_660).optional(),
      assignTo: z.union([z.literal('owner'), z.strictObject({ memberId: idRef() })]).optional(),
      notes: template(10_000).optional(),
    }),
    z.strictObject({
      kind: z.literal('createActivity'),
      type: requiredText(100),
      subject: template(500).optional(),
      body: template(100_000).optional(),
    }),
    z.strictObject({ kind: z.literal('assign') }),
    z.strictObject({
      kind: z.literal('sendMessage'),
      channel: requiredText(100),
      subject: template(1_000).optional(),
      body: template(100_000),
      consent: z.enum(['email', 'sms', 'phone']).optional(),
    }),
    z
      .strictObject({
        kind: z.literal('issueCoupon'),
        percentOff: z.number().gt(0).max(100).optional(),
        amountOff: z.number().int().min(1).optional(),
        validDays: z.number().int().min(1).max(3_660),
      })
      .refine((coupon) => (coupon.percentOff === undefined) !== (coupon.amountOff === undefined), {
        message: 'A coupon takes percentOff or amountOff, one of them',
        path: ['percentOff'],
      }),
    z.strictObject({
      kind: z.literal('callWebhook'),
      url: z.url({ protocol: /^https?$/ }),
      secretName: requiredText(100),
    }),
    z
      .strictObject({
        kind: z.literal('wait'),
        days: z.number().int().min(0).max(3_660).optional(),
        hours: z.number().int().min(0).max(87_840).optional(),
        untilField: fieldName().optional(),
      })
      .refine(
        (wait) => (wait.untilField === undefined) !== (wait.days === undefined && wait.hours === undefined),
        { message: 'Wait a duration (days, hours) or until a date field, one of them', path: ['days'] },
      ),
    z.strictObject({
      kind: z.literal('branch'),
      condition: ruleConditionSchema,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the contract's name (rule.ts), never awaited
      then: z.array(ruleActionSchema).max(100),
      else: z.array(ruleActionSchema).max(100).optional(),
    }),
  ]),
) as unknown as z.ZodType<RuleAction>;

/** The shape of `automation.createRule`'s input. Filters inside are checked against storage after it. */
export const ruleInputSchema = z.strictObject({
  name: requiredText(200),
  trigger: triggerSchema,
  condition: ruleConditionSchema.optional(),
  actions: z.array(ruleActionSchema).min(1).max(100),
  reenroll: z.boolean().optional(),
  active: z.boolean().optional(),
}) as unknown as z.ZodType<RuleInput>;
