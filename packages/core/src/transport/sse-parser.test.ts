import { describe, expect, it } from 'vitest';
import type { ServerSentEvent } from './sse-parser';
import { createSseParser } from './sse-parser';

function parse(chunks: readonly string[]) {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (event) => events.push(event),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { events, retries };
}

describe('createSseParser', () => {
  it('reads events cut anywhere across chunks', () => {
    const text = 'id: 1\ndata: {"a":1}\n\nid: 2\ndata: {"a":2}\n\n';
    const whole = parse([text]).events;
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(parse([text.slice(0, cut), text.slice(cut)]).events).toEqual(whole);
    }
    expect(whole).toEqual([
      { data: '{"a":1}', event: 'message', lastEventId: '1' },
      { data: '{"a":2}', event: 'message', lastEventId: '2' },
    ]);
  });

  it('ends lines at CR, LF and CRLF, a CRLF split between chunks counting once', () => {
    expect(parse(['data: a\r', '\ndata: b\r\n\r', '\n']).events).toEqual([
      { data: 'a\nb', event: 'message', lastEventId: '' },
    ]);
    expect(parse(['data: x\r\rdata: y\n\n']).events.map((event) => event.data)).toEqual(['x', 'y']);
  });

  it('skips comments, keeps the last id, reads event types and retry, ignores an id with NUL', () => {
    const { events, retries } = parse([
      ': connected\n\n',
      'retry: 2500\nretry: soon\n',
      'id: 7\nevent: ping\ndata\n\n',
      'id: bad\0id\ndata: z\n\n',
    ]);
    expect(retries).toEqual([2500]);
    expect(events).toEqual([
      { data: '', event: 'ping', lastEventId: '7' },
      { data: 'z', event: 'message', lastEventId: '7' },
    ]);
  });

  it('dispatches nothing for a block without data, and strips only one space after the colon', () => {
    expect(parse(['id: 3\n\n']).events).toEqual([]);
    expect(parse(['data:  two spaces\n\n']).events[0]?.data).toBe(' two spaces');
  });
});
