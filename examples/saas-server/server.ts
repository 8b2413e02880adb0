/**
 * A multi-tenant host server: its own routes (`/signup`, `/invite`) and the CRM under `/crm`, where
 * every call runs as the tenant and user of the request's bearer token. Requests without a valid token
 * get a 401 and never reach the CRM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContextInput, Crm } from '@rapport/core';
import { createFetchHandler, toNodeListener } from '@rapport/core';
import { hostRoutes } from './host-routes';
import { bearerToken, verifyToken } from './tokens';

/** What {@link startSaasServer} takes. */
export interface SaasServerOptions {
  readonly crm: Crm;
  /** The HMAC secret of the host's tokens. */
  readonly secret: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

/** A running server. */
export interface SaasServer {
  readonly url: string;
  /** Stops the server, dropping open event streams; the CRM stays open. */
  close(): Promise<void>;
}

/**
 * The CRM context of a request: the tenant and user its token names, or null (a 401).
 *
 * @example
 * ```ts
 * createFetchHandler({ crm, authenticate: (request) => authenticateBearer(request, secret) });
 * ```
 */
export function authenticateBearer(request: Request, secret: string): ContextInput | null {
  const claims = verifyToken(bearerToken(request), secret);
  if (claims === null) return null;
  return { tenantId: claims.tenantId, actor: { id: claims.userId } };
}

/**
 * The host's whole fetch handler: host routes first, then the CRM, else 404.
 *
 * @example
 * ```ts
 * const handle = createSaasHandler({ crm, secret });
 * const response = await handle(new Request('http://localhost/crm/people/count', { method: 'POST' }));
 * ```
 */
export function createSaasHandler(options: Pick<SaasServerOptions, 'crm' | 'secret'>) {
  const host = hostRoutes(options.crm, options.secret);
  const crmApi = createFetchHandler({
    crm: options.crm,
    basePath: '/crm',
    authenticate: (request) => authenticateBearer(request, options.secret),
  });
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/crm' || pathname.startsWith('/crm/')) return crmApi(request);
    return (await host(request)) ?? new Response('Not found', { status: 404 });
  };
}

/**
 * Starts the server.
 *
 * @example
 * ```ts
 * const server = await startSaasServer({ crm, secret: process.env.TOKEN_SECRET ?? 'dev', port: 3000 });
 * ```
 */
export async function startSaasServer(options: SaasServerOptions): Promise<SaasServer> {
  const server = createServer(toNodeListener(createSaasHandler(options)));
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
