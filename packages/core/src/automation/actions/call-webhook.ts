import { RapportError } from '../../errors/rapport-error';
import type { RuleAction } from '../rule';
import type { ExecuteActionArgs } from './action-types';
import { once } from './effect-ledger';
import { readRecord } from './record-values';
import { hostOf } from './send-message';
import { idempotencyHeader, signatureHeader, signWebhook, timestampHeader } from './webhook-signature';

type CallWebhookAction = Extract<RuleAction, { kind: 'callWebhook' }>;

/**
 * POSTs the rule, the event and the record as JSON to the action's URL, signed with the secret the host
 * registered under `secretName` (`x-rapport-signature: sha256=<hmac of "<timestamp>.<body>">`,
 * `x-rapport-timestamp`), with the idempotency key in `x-rapport-idempotency-key`. A non-2xx answer or a
 * network error fails the action, and the job's retry calls again; a 2xx answer is recorded, and a retry
 * never calls again.
 *
 * @example
 * ```ts
 * await callWebhook(args, { kind: 'callWebhook', url: 'https://hooks.example.com/crm', secretName: 'hub' });
 * ```
 */
export async function callWebhook(args: ExecuteActionArgs, action: CallWebhookAction): Promise<void> {
  const host = hostOf(args);
  const secret = host.secrets?.[action.secretName];
  if (secret === undefined)
    throw new RapportError(
      'MISUSE',
      `No webhook secret is registered as "${action.secretName}": pass createCrm({ automation: { secrets: { ${action.secretName}: '...' } } })`,
    );
  const send = host.fetch ?? globalThis.fetch;
  const record = await readRecord(args.runtime, args.context, args.record.entity, args.record.id);
  const body = JSON.stringify({
    id: args.idempotencyKey,
    tenantId: args.context.tenantId,
    rule: { id: args.rule.id, name: args.rule.name },
    event: args.event ?? null,
    record: { entity: args.record.entity, id: args.record.id, values: record },
    sentAt: args.at.toISOString(),
  });
  await once(args, {
    kind: 'callWebhook',
    prepare: async () => ({ url: action.url }),
    perform: async () => {
      // The time of the call (the CRM clock), not of the job: the receiver checks it against its own clock.
      const timestamp = Math.floor(args.runtime.now().getTime() / 1000);
      const response = await send(action.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [timestampHeader]: String(timestamp),
          [signatureHeader]: await signWebhook({ secret, timestamp, body }),
          [idempotencyHeader]: args.idempotencyKey,
        },
        body,
      });
      if (!response.ok) throw new Error(`Webhook ${action.url} answered ${response.status}`);
    },
  });
}
