import { RapportError } from '../errors/rapport-error';
import type { ClientApiName } from './client-calls';
import { clientCalls, recordsApiEntities } from './client-calls';
import type { CrmClient } from './crm-client';
import type { FetchFunction, ReconnectOptions } from './event-connection';
import { createEventConnection } from './event-connection';
import { errorFromBody } from './wire-format';

/** What `new Headers(...)` takes: a Headers, a record or a list of pairs. */
type HeadersInput = NonNullable<ConstructorParameters<typeof Headers>[0]>;

/** Headers for every request, or a (possibly async) function that gives them, for a token that changes. */
export type RemoteHeaders = HeadersInput | (() => HeadersInput | Promise<HeadersInput>);

/** What {@link remoteClient} takes. */
export interface RemoteClientOptions {
  /** The handler's base URL, such as `'http://localhost:3000/crm'` or, in a browser, `'/crm'`. */
  readonly url: string | URL;
  /** The fetch to use (default `globalThis.fetch`), for a wrapper that adds credentials or tracing. */
  readonly fetch?: FetchFunction;
  readonly headers?: RemoteHeaders;
  /** How the event stream reconnects after it drops. */
  readonly reconnect?: ReconnectOptions;
}

/** A {@link CrmClient} over HTTP, with `close()` to end its event stream. */
export type RemoteClient = CrmClient & {
  /** Ends the event stream and drops its listeners. Calls need no connection and keep working. */
  close(): void;
};

type Call = (api: ClientApiName, method: string, args: unknown[]) => Promise<unknown>;

const unavailable = (url: string, cause: unknown) =>
  new RapportError('UNAVAILABLE', `The CRM server at ${url} could not be reached`, { cause });

// JSON turns a missing optional argument into null, which is not "missing": trailing ones are left out.
function withoutTrailingUndefined(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end -= 1;
  return args.slice(0, end);
}

function encodeArgs(args: readonly unknown[]): string {
  try {
    return JSON.stringify({ args: withoutTrailingUndefined(args) });
  } catch (cause) {
    throw new RapportError('MISUSE', 'The arguments of a remote call must be JSON values', { cause });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function makeCall(baseUrl: string, fetch: FetchFunction, headers: () => Promise<Headers>): Call {
  return async (api, method, args) => {
    const url = `${baseUrl}/${api}/${method}`;
    const body = encodeArgs(args);
    const init = await headers();
    init.set('content-type', 'application/json');
    init.set('accept', 'application/json');
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: init, body });
    } catch (cause) {
      throw unavailable(url, cause);
    }
    const json = await readJson(response);
    if (!response.ok) throw errorFromBody(json, response.status);
    if (typeof json !== 'object' || json === null) {
      throw new RapportError('UNAVAILABLE', `The CRM server at ${url} sent an answer that is not Rapport's`, {
        details: { status: response.status },
      });
    }
    return (json as { result?: unknown }).result;
  };
}

function apiOf(api: ClientApiName, call: Call): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const method of Object.keys(clientCalls[api])) {
    methods[method] = (...args: unknown[]) => call(api, method, args);
  }
  if (Object.hasOwn(recordsApiEntities, api)) {
    methods.entity = recordsApiEntities[api as keyof typeof recordsApiEntities];
  }
  return methods;
}

function headersFrom(option: RemoteHeaders | undefined): () => Promise<Headers> {
  return async () => new Headers(typeof option === 'function' ? await option() : option);
}

/**
 * A {@link CrmClient} that talks to `createFetchHandler` on the host's server: the same calls as
 * `localClient`, each a `POST` of its arguments. Refusals arrive as the same RapportError, with its
 * code, message, issues and details, so `isRapportError(error, 'VERSION_CONFLICT')` and
 * `error.fieldErrors()` work as in process; an unreachable server is UNAVAILABLE. Listeners share one
 * Server-Sent Events connection, opened by the first and closed after the last.
 *
 * @example
 * ```ts
 * const client = remoteClient({
 *   url: '/crm',
 *   headers: async () => ({ authorization: `Bearer ${await auth.token()}` }),
 * });
 * const page = await client.people.list({ limit: 20 });
 * const stop = client.subscribe((event) => console.log(event.type));
 * ```
 */
export function remoteClient(options: RemoteClientOptions): RemoteClient {
  const baseUrl = String(options.url).replace(/\/+$/, '');
  const chosenFetch = options.fetch;
  // Called bare, never as a method of `options`: a browser's fetch refuses any other `this`.
  const fetch: FetchFunction = chosenFetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers = headersFrom(options.headers);
  const call = makeCall(baseUrl, fetch, headers);
  const events = createEventConnection({
    url: `${baseUrl}/events`,
    fetch,
    headers,
    reconnect: options.reconnect,
  });
  const apis = Object.fromEntries(
    (Object.keys(clientCalls) as ClientApiName[]).map((api) => [api, apiOf(api, call)]),
  );
  return {
    ...(apis as unknown as Omit<CrmClient, 'subscribe'>),
    subscribe: (listener, options) => events.add(listener, options?.onGap),
    close: () => events.close(),
  };
}
