const encoder = new TextEncoder();

/** The header that carries the signature: `sha256=<hex>`. */
export const signatureHeader = 'x-rapport-signature';
/** The header that carries the signing time, in whole seconds since the epoch. */
export const timestampHeader = 'x-rapport-timestamp';
/** The header that carries the job's idempotency key, for receivers that deduplicate. */
export const idempotencyHeader = 'x-rapport-idempotency-key';

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * HMAC-SHA256 of `<timestamp>.<body>` with the secret, as `sha256=<hex>`. The timestamp is inside the
 * signed text, so a captured request cannot be replayed later with a fresh timestamp. Uses WebCrypto, so
 * it runs in Node, browsers and workers alike.
 *
 * @example
 * ```ts
 * await signWebhook({ secret: 's3cret', timestamp: 1736933400, body: '{"a":1}' }); // 'sha256=5f1c…'
 * ```
 */
export async function signWebhook(args: {
  readonly secret: string;
  readonly timestamp: number;
  readonly body: string;
}): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(args.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signed = await crypto.subtle.sign('HMAC', key, encoder.encode(`${args.timestamp}.${args.body}`));
  return `sha256=${toHex(signed)}`;
}

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/**
 * For the receiving side: whether a webhook request is authentic and fresh, its signature matching the
 * raw body and timestamp and the timestamp within `toleranceSeconds` (default 300) of `now`.
 *
 * @example
 * ```ts
 * const ok = await verifyWebhook({
 *   secret, body: rawBody, signature: req.headers['x-rapport-signature'],
 *   timestamp: req.headers['x-rapport-timestamp'], now: new Date(),
 * });
 * ```
 */
export async function verifyWebhook(args: {
  readonly secret: string;
  readonly body: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}): Promise<boolean> {
  const timestamp = Number(args.timestamp);
  if (args.signature === undefined || !Number.isInteger(timestamp)) return false;
  const age = Math.abs(args.now.getTime() / 1000 - timestamp);
  if (age > (args.toleranceSeconds ?? 300)) return false;
  return sameText(await signWebhook({ secret: args.secret, timestamp, body: args.body }), args.signature);
}
