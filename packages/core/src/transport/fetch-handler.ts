import type { Crm } from '../crm';
import type { RapportError } from '../errors/rapport-error';
import { isRapportError } from '../errors/rapport-error';
import type { ContextInput } from '../records/context';
import type { ClientApiName } from './client-calls';
import { isClientCall } from './client-calls';
import type { CrmClient } from './crm-client';
import { errorStatus } from './error-status';
import { eventStreamResponse } from './event-stream';
import { jsonResponse, refusal } from './json-response';
import { localClient } from './local-client';
import { readCallBody } from './read-call-body';

/** Finds who makes a request from the host's own sign-in (a session cookie, a JWT): null when nobody. */
export type Authenticate = (request: Request) => ContextInput | null | Promise<ContextInput | null>;

/** What {@link createFetchHandler} takes. */
export interface FetchHandlerOptions {
  readonly crm: Crm;
  /**
   * The tenant and actor of a request, from the host's authentication; null answers 401. The client's
   * body is never asked: a browser cannot name another tenant or act as someone else.
   */
  readonly authenticate: Authenticate;
  /** Where the handler is mounted (default `/crm`): calls are `POST {basePath}/{api}/{method}`. */
  readonly basePath?: string;
  /** The largest call body accepted (default 1,000,000 bytes); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** How often an idle event stream sends a heartbeat comment (default 15,000 ms). */
  readonly heartbeatMs?: number;
  /**
   * Called with every error the client is not told about: anything that is not a RapportError, and
   * server-side failures such as STORAGE_ERROR. The client gets a 500 with a generic message.
   */
  readonly onError?: (error: unknown, request: Request) => void;
}

/** A fetch-standard request handler: Node (through `toNodeListener`), Deno, Bun, workers, edge routes. */
export type FetchHandler = (request: Request) => Promise<Response>;

type Route =
  | { readonly kind: 'events' }
  | { readonly kind: 'call'; readonly api: ClientApiName; readonly method: string }
  | { readonly kind: 'none' };

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed.startsWith('/') || trimmed === '' ? trimmed : `/${trimmed}`;
}

function routeOf(pathname: string, basePath: string): Route {
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'none' };
  const parts = pathname.slice(basePath.length + 1).split('/');
  if (parts.length === 1 && parts[0] === 'events') return { kind: 'events' };
  const [api, method] = parts;
  if (parts.length !== 2 || api === undefined || method === undefined) return { kind: 'none' };
  return isClientCall(api, method) ? { kind: 'call', api, method } : { kind: 'none' };
}

const internalMessage = 'The CRM server failed to answer this call';

type OnError = FetchHandlerOptions['onError'];

// The client learns that the call failed and nothing else: no message, stack or driver text.
function serverFailure(error: unknown, request: Request, onError: OnError): Response {
  onError?.(error, request);
  const code = isRapportError(error) ? error.code : 'UNAVAILABLE';
  const status = isRapportError(error) ? Math.max(errorStatus[error.code] ?? 500, 500) : 500;
  return jsonResponse(status, {
    error: { name: 'RapportError', code, message: internalMessage, issues: [], details: {} },
  });
}

function errorResponse(error: unknown, request: Request, onError: OnError): Response {
  const status = isRapportError(error) ? (errorStatus[error.code] ?? 500) : 500;
  if (status >= 500) return serverFailure(error, request, onError);
  const { name, code, message, issues, details } = error as RapportError;
  try {
    return jsonResponse(status, {
      error: { name, code, message, issues: issues ?? [], details: details ?? {} },
    });
  } catch (unserialisable) {
    // Details that JSON cannot carry (a bigint, a cycle) are a fault of the server.
    return serverFailure(unserialisable, request, onError);
  }
}

// A context the host's authenticate made badly is the server's fault, not the caller's: never a 400.
function clientFor(crm: Crm, context: ContextInput): CrmClient | { readonly failure: unknown } {
  try {
    return localClient(crm, context);
  } catch (error) {
    return { failure: error };
  }
}

async function callResponse(client: CrmClient, route: Extract<Route, { kind: 'call' }>, args: unknown[]) {
  const api = client[route.api] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const result = await api[route.method]?.(...args);
  return jsonResponse(200, result === undefined ? {} : { result });
}

/**
 * The CRM behind the host's server: answers the calls of the {@link CrmClient} contract, and nothing
 * else, as `POST {basePath}/{api}/{method}` with `{ "args": [...] }`, and streams the tenant's events as
 * Server-Sent Events at `GET {basePath}/events`. Every request runs as the tenant and actor that
 * `authenticate` finds; see `docs/embedding.md` for the wire format and the status codes.
 *
 * @example
 * ```ts
 * const handler = createFetchHandler({
 *   crm,
 *   authenticate: async (request) => {
 *     const user = await sessions.userOf(request.headers.get('cookie'));
 *     return user ? { tenantId: user.orgId, actor: { id: user.id } } : null;
 *   },
 * });
 * http.createServer(toNodeListener(handler)).listen(3000);
 * ```
 */
export function createFetchHandler(options: FetchHandlerOptions): FetchHandler {
  const { crm, authenticate, onError, maxBodyBytes = 1_000_000, heartbeatMs = 15_000 } = options;
  const basePath = normaliseBasePath(options.basePath ?? '/crm');

  return async (request) => {
    const route = routeOf(new URL(request.url).pathname, basePath);
    if (route.kind === 'none')
      return refusal(404, 'MISUSE', 'No such call: see CrmClient for the calls a client can make');
    const allowed = route.kind === 'events' ? 'GET' : 'POST';
    if (request.method !== allowed) {
      return refusal(405, 'MISUSE', `This route takes ${allowed} requests`, { allow: allowed });
    }
    try {
      const context = await authenticate(request);
      if (context === null) return refusal(401, 'UNAUTHENTICATED', 'Sign in to use the CRM');
      const client = clientFor(crm, context);
      if ('failure' in client) return serverFailure(client.failure, request, onError);
      if (route.kind === 'events')
        return eventStreamResponse(client, { signal: request.signal, heartbeatMs });
      const call = await readCallBody(request, maxBodyBytes);
      if (!call.ok) return call.response;
      return await callResponse(client, route, call.args);
    } catch (error) {
      return errorResponse(error, request, onError);
    }
  };
}
