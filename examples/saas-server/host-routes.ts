/**
 * The host's own routes, beside the CRM's: signing up a tenant (which defines its custom fields and
 * its first user) and inviting a colleague. Both answer with a token for the new user.
 */
import { randomUUID } from 'node:crypto';
import type { Crm } from '@rapport/core';
import { isRapportError } from '@rapport/core';
import * as z from 'zod';
import { businessKinds, starterFields } from './tenant-templates';
import type { TokenClaims } from './tokens';
import { bearerToken, signToken, verifyToken } from './tokens';

const signupSchema = z.strictObject({
  company: z.string().trim().min(1).max(200),
  kind: z.enum(businessKinds),
  user: z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email().optional() }),
});

const inviteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().optional(),
  role: z.enum(['owner', 'sales']).default('sales'),
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const badRequest = (error: z.ZodError) =>
  json(400, {
    error: {
      code: 'VALIDATION_FAILED',
      issues: error.issues.map((issue) => ({ code: issue.code, path: issue.path, message: issue.message })),
    },
  });

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function addMember(crm: Crm, claims: TokenClaims, name: string, email: string | undefined) {
  const session = crm.as({ tenantId: claims.tenantId, actor: { id: claims.userId } });
  await session.members.create({ id: claims.userId, name, email: email ?? null, role: claims.roles[0] });
}

/** `POST /signup`: a new tenant, its starter custom fields, its owner, and the owner's token. */
async function signup(crm: Crm, secret: string, request: Request): Promise<Response> {
  const input = signupSchema.safeParse(await readJson(request));
  if (!input.success) return badRequest(input.error);
  const claims: TokenClaims = { tenantId: newId('t'), userId: newId('u'), roles: ['owner'] };
  const session = crm.as({ tenantId: claims.tenantId, actor: { id: claims.userId } });
  for (const field of starterFields[input.data.kind]) await session.customFields.define(field);
  await addMember(crm, claims, input.data.user.name, input.data.user.email);
  return json(201, { tenantId: claims.tenantId, userId: claims.userId, token: signToken(claims, secret) });
}

/** `POST /invite`: an owner adds a colleague to their own tenant and gets the colleague's token. */
async function invite(crm: Crm, secret: string, request: Request): Promise<Response> {
  const owner = verifyToken(bearerToken(request), secret);
  if (owner === null) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
  if (!owner.roles.includes('owner'))
    return json(403, { error: { code: 'FORBIDDEN', message: 'Only an owner can invite' } });
  const input = inviteSchema.safeParse(await readJson(request));
  if (!input.success) return badRequest(input.error);
  const claims: TokenClaims = { tenantId: owner.tenantId, userId: newId('u'), roles: [input.data.role] };
  await addMember(crm, claims, input.data.name, input.data.email);
  return json(201, { tenantId: claims.tenantId, userId: claims.userId, token: signToken(claims, secret) });
}

/**
 * The host routes as one fetch-style handler; null for a path that is not one of them.
 *
 * @example
 * ```ts
 * const response = await hostRoutes(crm, secret)(request);
 * ```
 */
export function hostRoutes(crm: Crm, secret: string) {
  return async (request: Request): Promise<Response | null> => {
    const { pathname } = new URL(request.url);
    if (request.method !== 'POST' || (pathname !== '/signup' && pathname !== '/invite')) return null;
    try {
      return pathname === '/signup' ? await signup(crm, secret, request) : await invite(crm, secret, request);
    } catch (error) {
      if (isRapportError(error)) return json(400, { error: { code: error.code, message: error.message } });
      throw error;
    }
  };
}
