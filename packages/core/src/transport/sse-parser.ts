/** One message of a Server-Sent Events stream. */
export interface ServerSentEvent {
  /** The `data:` lines, joined with newlines. */
  readonly data: string;
  /** The `event:` type; `message` when the stream named none. */
  readonly event: string;
  /** The last `id:` seen so far in the stream (the stream's last event id, as the standard keeps it). */
  readonly lastEventId: string;
}

/** What {@link createSseParser} calls back. */
export interface SseParserCallbacks {
  readonly onEvent: (event: ServerSentEvent) => void;
  /** A `retry:` field: the reconnection delay the server asks for, in milliseconds. */
  readonly onRetry?: (milliseconds: number) => void;
}

/** A streaming parser: feed it text as it arrives, in chunks cut anywhere. */
export interface SseParser {
  feed(text: string): void;
}

/**
 * Parses a `text/event-stream` the way the HTML standard does (lines ending in CR, LF or CRLF, comments,
 * multi-line data, `id` without NUL, numeric `retry`), for clients that read the stream with fetch so
 * they can send auth headers, which EventSource cannot.
 *
 * @example
 * ```ts
 * const parser = createSseParser({ onEvent: (event) => console.log(JSON.parse(event.data)) });
 * parser.feed('id: 1\ndata: {"a":');
 * parser.feed('1}\n\n'); // logs { a: 1 }
 * ```
 */
export function createSseParser(callbacks: SseParserCallbacks): SseParser {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let lastEventId = '';

  const dispatch = () => {
    if (data.length > 0) callbacks.onEvent({ data: data.join('\n'), event: event || 'message', lastEventId });
    data = [];
    event = '';
  };

  const field = (name: string, value: string) => {
    if (name === 'data') data.push(value);
    else if (name === 'event') event = value;
    else if (name === 'id' && !value.includes('\0')) lastEventId = value;
    else if (name === 'retry' && /^\d+$/.test(value)) callbacks.onRetry?.(Number(value));
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    if (colon === -1) return field(text, '');
    const value = text.slice(colon + 1);
    field(text.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value);
  };

  // A chunk that ends in CR may have cut a CRLF in two: the LF opening the next chunk ends no line.
  let isAfterCr = false;

  return {
    feed(text) {
      buffer += isAfterCr && text.startsWith('\n') ? text.slice(1) : text;
      isAfterCr = false;
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        if (end === -1) return;
        const isCrlf = buffer[end] === '\r' && buffer[end + 1] === '\n';
        if (buffer[end] === '\r' && end === buffer.length - 1) isAfterCr = true;
        line(buffer.slice(0, end));
        buffer = buffer.slice(end + (isCrlf ? 2 : 1));
      }
    },
  };
}
