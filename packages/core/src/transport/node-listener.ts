import type { FetchHandler } from './fetch-handler';

/**
 * The parts of a Node request (node:http's IncomingMessage, Express's and Connect's `req`) the
 * listener reads, typed by shape so core imports nothing from Node.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  /** Express's full URL, before a mount point (`app.use('/crm', ...)`) cut its prefix off `url`. */
  readonly originalUrl?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** A TLS socket has `encrypted: true`. */
  readonly socket?: object | null;
  /** A body a parser middleware (`express.json()`) already read off the stream. */
  readonly body?: unknown;
}

/** The parts of a Node response (node:http's ServerResponse, Express's `res`) the listener writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  flushHeaders?(): void;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: 'close', listener: () => void): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableFinished?: boolean;
}

/** A `(req, res)` listener for `http.createServer`, Express and Connect. */
export type NodeListener = (request: NodeRequestLike, response: NodeResponseLike) => void;

const encoder = new TextEncoder();

function urlOf(request: NodeRequestLike): string {
  const path = request.originalUrl ?? request.url ?? '/';
  const isTls =
    typeof request.socket === 'object' && request.socket !== null && 'encrypted' in request.socket;
  const host = typeof request.headers.host === 'string' ? request.headers.host : 'localhost';
  try {
    return new URL(`${isTls ? 'https' : 'http'}://${host}${path}`).href;
  } catch {
    // A host header that is not a host: the handler routes by path only.
    return new URL(path, 'http://localhost').href;
  }
}

function headersOf(request: NodeRequestLike): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers of a fetch Request.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of typeof value === 'string' ? [value] : value) {
      try {
        headers.append(name, item);
      } catch {
        // A value fetch cannot carry is left out rather than failing the request.
      }
    }
  }
  return headers;
}

function streamOf(request: NodeRequestLike, onCancel: () => void): ReadableStream<Uint8Array> {
  // Made on the first read, so a request answered without its body (a 401) is never put into reading.
  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      chunks ??= request[Symbol.asyncIterator]();
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    // Destroying the request would reset the socket before the refusal (a 413) is sent: the rest is left
    // unread and the connection closes after the response instead.
    cancel: onCancel,
  });
}

function bodyOf(
  request: NodeRequestLike,
  onCancel: () => void,
): string | Uint8Array | ReadableStream<Uint8Array> | null {
  if (request.method === 'GET' || request.method === 'HEAD') return null;
  const parsed = request.body;
  if (parsed === undefined) return streamOf(request, onCancel);
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) return parsed;
  return JSON.stringify(parsed);
}

// Null when fetch cannot represent the request (a method it forbids, such as CONNECT).
function requestOf(request: NodeRequestLike, signal: AbortSignal, onCancel: () => void): Request | null {
  try {
    const body = bodyOf(request, onCancel);
    const init: RequestInit = { method: request.method ?? 'GET', headers: headersOf(request), signal };
    // `duplex: 'half'` is how fetch takes a streamed request body.
    if (body !== null) Object.assign(init, { body, duplex: 'half' });
    return new Request(urlOf(request), init);
  } catch {
    return null;
  }
}

const plainResponse = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

async function answerOf(handler: FetchHandler, request: Request): Promise<Response> {
  try {
    return await handler(request);
  } catch {
    return plainResponse(500, 'Internal Server Error');
  }
}

function waitForDrain(response: NodeResponseLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

function copyHeaders(from: Headers, to: NodeResponseLike): void {
  // forEach rather than iteration: a DOM lib without DOM.Iterable types Headers as not iterable.
  from.forEach((value, name) => {
    if (name !== 'set-cookie') to.setHeader(name, value);
  });
  const cookies = from.getSetCookie();
  if (cookies.length > 0) to.setHeader('set-cookie', cookies);
}

async function send(response: Response, to: NodeResponseLike, signal: AbortSignal): Promise<void> {
  to.statusCode = response.status;
  copyHeaders(response.headers, to);
  if (response.body === null) {
    to.end();
    return;
  }
  // An event stream must reach the client as it is written, headers first.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) to.flushHeaders?.();
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      if (!to.write(value)) await waitForDrain(to);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  to.end();
}

/**
 * Serves a fetch handler from node:http, Express or Connect: builds a `Request` from `req` (method, full
 * URL, headers, the body as a stream, a signal that aborts when the client disconnects) and streams the
 * `Response` back as it is produced, so Server-Sent Events flow without buffering.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createFetchHandler({ crm, authenticate }))).listen(3000);
 * // Express: app.use('/crm', toNodeListener(handler));
 * ```
 */
export function toNodeListener(handler: FetchHandler): NodeListener {
  return (request, response) => {
    const disconnect = new AbortController();
    response.on('close', () => {
      if (response.writableFinished !== true) disconnect.abort();
    });
    let isBodyLeftUnread = false;
    const fetchRequest = requestOf(request, disconnect.signal, () => {
      isBodyLeftUnread = true;
    });
    void (async () => {
      const answer =
        fetchRequest === null ? plainResponse(400, 'Bad Request') : await answerOf(handler, fetchRequest);
      if (isBodyLeftUnread) response.setHeader('connection', 'close');
      try {
        await send(answer, response, disconnect.signal);
      } catch {
        response.end();
      }
    })();
  };
}
