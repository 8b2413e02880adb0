/**
 * The host's own access tokens: `<payload>.<signature>`, the payload a base64url JSON of who the user is,
 * the signature an HMAC-SHA256 of it with the server's secret. Rapport never sees a token; the server
 * verifies it and hands the CRM the tenant and actor it names.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/** Who a token stands for. */
export interface TokenClaims {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly string[];
}

const claimsSchema = z.strictObject({
  tenantId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  roles: z.array(z.string().min(1).max(50)).max(20),
});

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Issues a token for a user of a tenant.
 *
 * @example
 * ```ts
 * const token = signToken({ tenantId: 'acme', userId: 'ann', roles: ['owner'] }, secret);
 * fetch(url, { headers: { authorization: `Bearer ${token}` } });
 * ```
 */
export function signToken(claims: TokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/**
 * The claims of a token this server signed, or null for anything else: a wrong signature, a malformed
 * token, claims of the wrong shape.
 *
 * @example
 * ```ts
 * const claims = verifyToken(request.headers.get('authorization')?.replace(/^Bearer /, ''), secret);
 * ```
 */
export function verifyToken(token: string | null | undefined, secret: string): TokenClaims | null {
  const [payload, signature, ...rest] = (token ?? '').split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  // Compared in constant time, so the signature cannot be guessed byte by byte from response times.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The bearer token of a request's `Authorization` header, or null. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}
