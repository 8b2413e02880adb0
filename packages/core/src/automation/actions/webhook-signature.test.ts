import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

const now = new Date('2025-01-15T09:30:00.000Z');
const timestamp = now.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256, as node:crypto computes it', async () => {
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.{"a":1}`).digest('hex');
    expect(await signWebhook({ secret: 's3cret', timestamp, body: '{"a":1}' })).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, a wrong secret and a stale timestamp', async () => {
    const body = '{"a":1}';
    const signature = await signWebhook({ secret: 's3cret', timestamp, body });
    const check = (changes: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({ secret: 's3cret', body, signature, timestamp: String(timestamp), now, ...changes });
    expect(await check({})).toBe(true);
    expect(await check({ body: '{"a":2}' })).toBe(false);
    expect(await check({ secret: 'other' })).toBe(false);
    expect(await check({ now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(await check({ signature: undefined })).toBe(false);
  });
});
