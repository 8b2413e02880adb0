import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { FetchHandler } from './fetch-handler';
import { toNodeListener } from './node-listener';
import { listen } from './transport-test-support';

const originOf = async (listener: Parameters<typeof listen>[0]) => (await listen(listener)).origin;

/** Answers with what it received, so a test sees the Request the listener built. */
const echo: FetchHandler = async (request) =>
  Response.json(
    {
      method: request.method,
      url: request.url,
      type: request.headers.get('content-type'),
      body: request.body === null ? null : await request.text(),
    },
    { headers: { 'set-cookie': 'a=1' } },
  );

describe('toNodeListener', () => {
  it('builds the Request from method, full URL, headers and streamed body, and sends back the Response', async () => {
    const base = await originOf(toNodeListener(echo));
    const response = await fetch(`${base}/crm/people/get?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"args":[]}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual(['a=1']);
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${base}/crm/people/get?x=1`,
      type: 'application/json',
      body: '{"args":[]}',
    });
  });

  it("uses Express's originalUrl and a body a parser middleware already read", async () => {
    const listener = toNodeListener(echo);
    const base = await originOf(async (request, response) => {
      // What `app.use('/crm', express.json(), listener)` hands over: a cut url and a parsed body.
      let text = '';
      for await (const chunk of request) text += chunk;
      Object.assign(request, { originalUrl: request.url, url: '/people/get', body: JSON.parse(text) });
      listener(request, response);
    });
    const response = await fetch(`${base}/crm/people/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "args": [1] }',
    });
    expect(await response.json()).toMatchObject({ url: `${base}/crm/people/get`, body: '{"args":[1]}' });
  });

  it('streams a response as it is written and aborts the request signal when the client leaves', async () => {
    let aborted = false;
    const streaming: FetchHandler = async (request) => {
      request.signal.addEventListener('abort', () => {
        aborted = true;
      });
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const base = await originOf(toNodeListener(streaming));
    const incoming = await new Promise<IncomingMessage>((resolve) =>
      httpRequest(`${base}/crm/events`, resolve).end(),
    );
    expect(incoming.headers['content-type']).toBe('text/event-stream');
    const [first] = await new Promise<Buffer[]>((resolve) =>
      incoming.once('data', (chunk: Buffer) => resolve([chunk])),
    );
    expect(String(first)).toBe('data: first\n\n');
    incoming.destroy();
    await vi.waitFor(() => expect(aborted).toBe(true));
  });
});
