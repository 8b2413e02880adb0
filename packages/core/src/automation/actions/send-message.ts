import { RapportError } from '../../errors/rapport-error';
import type { RuleAction } from '../rule';
import type { AutomationHostOptions, AutomationMessage, ExecuteActionArgs } from './action-types';
import { latestCoupon } from './coupon-code';
import { once } from './effect-ledger';
import { recordValues } from './record-values';
import { renderTemplate } from './render-template';

type SendMessageAction = Extract<RuleAction, { kind: 'sendMessage' }>;

/**
 * What a template of an action sees: the record and what it links to (`recordValues`), the rule, and the
 * coupon the rule issued last for the record (`{{coupon.code}}`).
 */
export async function templateValuesOf(
  args: ExecuteActionArgs,
  values?: Record<string, Readonly<Record<string, unknown>> | null>,
): Promise<Record<string, unknown>> {
  const loaded = values ?? (await recordValues(args.runtime, args.context, args.record));
  const coupon = await latestCoupon(args.runtime, args.context.tenantId, args.rule.id, args.record);
  return { ...loaded, rule: { id: args.rule.id, name: args.rule.name }, coupon };
}

/** The host options of a run: those passed to it, else the CRM's. */
export function hostOf(args: ExecuteActionArgs): AutomationHostOptions {
  return args.host ?? args.runtime.automation ?? {};
}

/**
 * Renders a message for the rule's record and hands it to the sender the host registered for its
 * channel, at most once per idempotency key. A channel nobody registered is a MISUSE: the job fails
 * and retries, so registering the sender later still delivers it. A message that names a consent is
 * not sent to a person without it (nor when the record links no person).
 *
 * @example
 * ```ts
 * await sendMessage(args, { kind: 'sendMessage', channel: 'email', subject: 'Welcome', body: 'Hi {{person.firstName}}' });
 * ```
 */
export async function sendMessage(args: ExecuteActionArgs, action: SendMessageAction): Promise<void> {
  const sender = hostOf(args).channels?.[action.channel];
  if (sender === undefined)
    throw new RapportError(
      'MISUSE',
      `No sender is registered for channel "${action.channel}": pass createCrm({ automation: { channels: { ${action.channel}: async (message) => ... } } })`,
    );
  const values = await recordValues(args.runtime, args.context, args.record);
  const person = values.person ?? null;
  if (action.consent !== undefined && !hasConsent(person, action.consent)) {
    // Recorded like a send, so a retry of the job does not reconsider it.
    await once(args, {
      kind: 'sendMessage',
      prepare: async () => ({ channel: action.channel, skipped: `no ${action.consent} consent` }),
      perform: async () => {},
    });
    return;
  }
  const templateValues = await templateValuesOf(args, values);
  const message: AutomationMessage = {
    channel: action.channel,
    tenantId: args.context.tenantId,
    ruleId: args.rule.id,
    record: args.record,
    to: {
      email: (person?.email as string | null | undefined) ?? null,
      phone: (person?.phone as string | null | undefined) ?? null,
    },
    owner:
      values.owner === null || values.owner === undefined
        ? null
        : { memberId: values.owner.id as string, email: (values.owner.email as string | null) ?? null },
    subject: action.subject === undefined ? null : renderTemplate(action.subject, templateValues),
    body: renderTemplate(action.body, templateValues),
    idempotencyKey: args.idempotencyKey,
  };
  await once(args, {
    kind: 'sendMessage',
    prepare: async () => ({ channel: message.channel, to: message.to, subject: message.subject }),
    perform: () => sender(message),
  });
}

/** Whether the person gave the consent a message needs (`consent.email`, `.sms` or `.phone` is true). */
function hasConsent(
  person: Readonly<Record<string, unknown>> | null,
  kind: 'email' | 'sms' | 'phone',
): boolean {
  const consent = person?.consent as Readonly<Record<string, unknown>> | null | undefined;
  return consent?.[kind] === true;
}
