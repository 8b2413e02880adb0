import type { CrmClientEvent } from './crm-client';
import { createSseParser } from './sse-parser';

/** The fetch a remote client uses: `globalThis.fetch`, or the host's own wrapper of it. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** How a remote client reconnects its event stream: exponential backoff between the two delays. */
export interface ReconnectOptions {
  /** The first wait after the stream drops (default 1,000 ms; a server's `retry:` field replaces it). */
  readonly initialDelayMs?: number;
  /** The longest wait between attempts (default 30,000 ms). */
  readonly maxDelayMs?: number;
}

/** What {@link createEventConnection} takes. */
export interface EventConnectionOptions {
  /** The handler's `{basePath}/events` URL. */
  readonly url: string;
  readonly fetch: FetchFunction;
  /** The headers of each connection attempt, asked anew each time so a refreshed token is used. */
  readonly headers: () => Promise<Headers>;
  readonly reconnect?: ReconnectOptions;
}

/** One shared event stream for any number of listeners. */
export interface EventConnection {
  /**
   * Adds a listener, connecting if it is the first; returns its removal, which disconnects after the last.
   * `onGap` is called each time the stream is open again after it dropped: events may have been missed.
   */
  add(listener: (event: CrmClientEvent) => void, onGap?: () => void): () => void;
  /** Drops every listener and disconnects. */
  close(): void;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener('abort', done);
  });
}

interface ListenerEntry {
  readonly listener: (event: CrmClientEvent) => void;
  readonly onGap: (() => void) | undefined;
}

// A listener's error must not end the stream for the others; it is rethrown where the host sees it.
function callEach(listeners: Iterable<ListenerEntry>, call: (entry: ListenerEntry) => void) {
  for (const entry of [...listeners]) {
    try {
      call(entry);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/**
 * The event stream of a remote client: ONE `GET {basePath}/events` connection shared by all listeners,
 * read with fetch and a streaming parser (EventSource cannot send auth headers), reconnected with
 * exponential backoff and jitter and the `Last-Event-ID` it last saw, closed when the last listener leaves.
 *
 * @example
 * ```ts
 * const events = createEventConnection({ url: '/crm/events', fetch, headers: async () => new Headers() });
 * const stop = events.add((event) => console.log(event.type));
 * ```
 */
export function createEventConnection(options: EventConnectionOptions): EventConnection {
  const listeners = new Set<ListenerEntry>();
  const maxDelayMs = options.reconnect?.maxDelayMs ?? 30_000;
  let initialDelayMs = options.reconnect?.initialDelayMs ?? 1_000;
  let lastEventId = '';
  let hasConnected = false;
  let connection: AbortController | null = null;

  const parserFor = () =>
    createSseParser({
      onEvent(message) {
        lastEventId = message.lastEventId;
        let event: CrmClientEvent;
        try {
          event = JSON.parse(message.data) as CrmClientEvent;
        } catch {
          return;
        }
        callEach(listeners, (entry) => entry.listener(event));
      },
      onRetry(milliseconds) {
        initialDelayMs = milliseconds;
      },
    });

  // Reads one connection to its end; true when the server accepted it.
  const readOnce = async (signal: AbortSignal): Promise<boolean> => {
    const headers = await options.headers();
    headers.set('accept', 'text/event-stream');
    if (lastEventId !== '') headers.set('last-event-id', lastEventId);
    const response = await options.fetch(options.url, { headers, signal });
    if (!response.ok || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      return false;
    }
    // Open again after a drop: what happened in between was not streamed to anyone.
    if (hasConnected) callEach(listeners, (entry) => entry.onGap?.());
    hasConnected = true;
    const parser = parserFor();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  };

  const run = async (signal: AbortSignal) => {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        if (await readOnce(signal)) attempt = 0;
      } catch {
        // A network failure or a dropped stream: retried below like a clean end.
      }
      if (signal.aborted) return;
      const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
      attempt += 1;
      await sleep(delay * (0.5 + Math.random() / 2), signal);
    }
  };

  const disconnect = () => {
    connection?.abort();
    connection = null;
    // A later subscriber starts afresh: it reads what it shows when it subscribes.
    hasConnected = false;
  };

  return {
    add(listener, onGap) {
      const entry = { listener, onGap };
      listeners.add(entry);
      if (connection === null) {
        connection = new AbortController();
        void run(connection.signal);
      }
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0) disconnect();
      };
    },
    close() {
      listeners.clear();
      disconnect();
    },
  };
}
