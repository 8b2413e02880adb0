import type { CrmClient, CrmClientEvent } from './crm-client';

/** What {@link eventStreamResponse} takes besides the client. */
export interface EventStreamOptions {
  /** Ends the stream and its subscription: the request's signal, which fires when the client goes away. */
  readonly signal: AbortSignal;
  /** How often a comment line keeps idle proxies from closing the connection. */
  readonly heartbeatMs: number;
}

// A reader that falls this many events behind is cut off; it reconnects and refetches instead of
// making the server hold an unbounded queue for it.
const maxQueuedEvents = 1_000;

const encoder = new TextEncoder();

/**
 * One event in the Server-Sent Events format: its outbox id as `id:` (so a reconnecting client sends it
 * back as Last-Event-ID) and the event as one line of JSON.
 *
 * @example
 * ```ts
 * eventFrame({ type: 'person.created', eventId: '0190...', ... }); // 'id: 0190...\ndata: {"type":...}\n\n'
 * ```
 */
export function eventFrame(event: CrmClientEvent): string {
  const id =
    typeof event.eventId === 'string' && !/[\r\n\0]/.test(event.eventId) ? `id: ${event.eventId}\n` : '';
  return `${id}data: ${JSON.stringify(event)}\n\n`;
}

/**
 * A `text/event-stream` response carrying every event of the client's tenant as it is published, with a
 * heartbeat comment. The subscription ends when `signal` aborts or the reader cancels the stream, so no
 * listener outlives its connection.
 *
 * @example
 * ```ts
 * return eventStreamResponse(localClient(crm, context), { signal: request.signal, heartbeatMs: 15_000 });
 * ```
 */
export function eventStreamResponse(client: CrmClient, options: EventStreamOptions): Response {
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const unsubscribe = client.subscribe((event) => {
        if ((controller.desiredSize ?? 0) <= -maxQueuedEvents) return stop();
        send(eventFrame(event));
      });
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs);
      let isStopped = false;
      stop = () => {
        if (isStopped) return;
        isStopped = true;
        unsubscribe();
        clearInterval(heartbeat);
        options.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already closed by a cancel.
        }
      };
      options.signal.addEventListener('abort', stop);
      if (options.signal.aborted) return stop();
      // Sends the headers and a first line at once, so clients and proxies see a live stream.
      send(': connected\n\n');
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    },
  });
}
