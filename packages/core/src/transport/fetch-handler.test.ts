import { describe, expect, it } from 'vitest';
import { createCrm } from '../crm';
import { memoryAdapter } from '../memory/memory-adapter';
import type { ContextInput } from '../records/context';
import type { FetchHandlerOptions } from './fetch-handler';
import { createFetchHandler } from './fetch-handler';
import { busListeners } from './transport-test-support';

const tenantA: ContextInput = { tenantId: 'tenant-a', actor: { id: 'user-a' } };
const base = 'http://crm.test/crm';

async function setUp(options: Partial<FetchHandlerOptions> = {}) {
  const crm = options.crm ?? (await createCrm({ storage: memoryAdapter() }));
  const handler = createFetchHandler({
    crm,
    authenticate: (request) => (request.headers.get('authorization') === 'Bearer a' ? tenantA : null),
    ...options,
  });
  return { crm, handler };
}

function call(
  path: string,
  body: unknown,
  init: { headers?: Record<string, string>; url?: string } = {},
): Request {
  return new Request(`${init.url ?? base}/${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer a', 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { name: string; code: string; message: string } };
  return body.error;
}

describe('createFetchHandler', () => {
  it('answers a call with 200 and its result', async () => {
    const { handler } = await setUp();
    const response = await handler(call('people/create', { args: [{ firstName: 'Ann' }] }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      result: expect.objectContaining({ firstName: 'Ann', version: 1 }),
    });
  });

  it('answers 401 UNAUTHENTICATED when authenticate finds nobody, calling nothing', async () => {
    const { crm, handler } = await setUp();
    const response = await handler(
      call(
        'people/create',
        { args: [{ firstName: 'Ann' }] },
        { headers: { authorization: 'Bearer nobody' } },
      ),
    );
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ name: 'RapportError', code: 'UNAUTHENTICATED' });
    expect(await crm.as(tenantA).people.count()).toBe(0);
  });

  it('runs as the authenticated tenant and actor, ignoring any named in the body', async () => {
    const { crm, handler } = await setUp();
    const response = await handler(
      call('people/create', {
        args: [{ firstName: 'Ann' }],
        tenantId: 'tenant-b',
        actor: { id: 'intruder' },
        context: { tenantId: 'tenant-b' },
      }),
    );
    expect(response.status).toBe(200);
    expect(await crm.as({ tenantId: 'tenant-b', actor: { id: 'b' } }).people.count()).toBe(0);
    const [entry] = await crm.as(tenantA).audit.list();
    expect(entry).toMatchObject({ action: 'create', actor: { id: 'user-a' } });
  });

  it('answers 404 for a call outside the client contract, even one the repository has', async () => {
    const { handler } = await setUp();
    for (const path of [
      'people/upsert',
      'people/createMany',
      'dealStages/bypassRules',
      'customFields/define',
      'settings/update',
      'people/__proto__',
      'constructor/name',
      'people/get/extra',
    ]) {
      const response = await handler(call(path, { args: [] }));
      expect(response.status, path).toBe(404);
      expect(await errorOf(response)).toMatchObject({ name: 'RapportError', code: 'MISUSE' });
    }
    expect((await handler(new Request('http://crm.test/elsewhere/people/get'))).status).toBe(404);
  });

  it('answers 405 to a call that is not a POST, and to events that are not a GET', async () => {
    const { handler } = await setUp();
    const get = await handler(new Request(`${base}/people/list`, { headers: { authorization: 'Bearer a' } }));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await handler(call('events', { args: [] }))).status).toBe(405);
  });

  it('answers 415 to a call without a JSON content type, such as a cross-site form post', async () => {
    const { crm, handler } = await setUp();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
      const response = await handler(
        call('people/create', { args: [{ firstName: 'Ann' }] }, { headers: { 'content-type': type } }),
      );
      expect(response.status, type).toBe(415);
    }
    expect(await crm.as(tenantA).people.count()).toBe(0);
  });

  it('answers 413 to a body over maxBodyBytes, declared or streamed', async () => {
    const { handler } = await setUp({ maxBodyBytes: 100 });
    const large = { args: [{ firstName: 'A'.repeat(200) }] };
    expect((await handler(call('people/create', large))).status).toBe(413);
    const chunk = new TextEncoder().encode(JSON.stringify(large));
    const streamed = new Request(`${base}/people/create`, {
      method: 'POST',
      headers: { authorization: 'Bearer a', 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.headers.get('content-length')).toBeNull();
    const response = await handler(streamed);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'MISUSE' });
  });

  it('answers 400 MISUSE to malformed JSON and to a body without an args list', async () => {
    const { handler } = await setUp();
    const malformed = await handler(call('people/create', '{"args": [}'));
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ code: 'MISUSE', message: 'The body is not valid JSON' });
    for (const body of [{}, { args: { 0: 'x' } }, [], 'null', { args: 'x' }]) {
      const response = await handler(call('people/create', body));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/args/);
    }
  });

  it('maps Rapport error codes to statuses with the whole error in the body', async () => {
    const { handler } = await setUp();
    const invalid = await handler(call('people/create', { args: [{ emails: [{ address: 'nope' }] }] }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      error: {
        name: 'RapportError',
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        issues: [expect.objectContaining({ path: ['emails', 0, 'address'] })],
        details: {},
      },
    });
    const missing = await handler(call('people/get', { args: ['01900000-0000-7000-8000-000000000000'] }));
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: 'NOT_FOUND' });
    const badFilter = await handler(
      call('people/list', { args: [{ where: { field: 'shoeSize', op: 'eq', value: 1 } }] }),
    );
    expect(badFilter.status).toBe(422);
    expect(await errorOf(badFilter)).toMatchObject({ code: 'INVALID_FILTER' });
  });

  it('answers 500 with a generic message to an error that is not Rapport, and hands it to onError', async () => {
    const secret = 'connection to db.internal:5432 failed for user admin';
    const storage = memoryAdapter();
    const crm = await createCrm({
      storage: {
        ...storage,
        count: async () => {
          throw new Error(secret);
        },
      },
    });
    const seen: unknown[] = [];
    const { handler } = await setUp({ crm, onError: (error) => seen.push(error) });
    const response = await handler(call('people/count', { args: [] }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('db.internal');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toEqual({
      error: {
        name: 'RapportError',
        code: 'UNAVAILABLE',
        message: 'The CRM server failed to answer this call',
        issues: [],
        details: {},
      },
    });
    expect(seen).toEqual([new Error(secret)]);
  });

  it('answers 500 when authenticate throws or returns a context core refuses', async () => {
    const seen: unknown[] = [];
    const throwing = await setUp({
      authenticate: () => {
        throw new Error('jwt secret missing');
      },
      onError: (error) => seen.push(error),
    });
    const thrown = await throwing.handler(call('people/count', { args: [] }));
    expect(thrown.status).toBe(500);
    expect(await thrown.text()).not.toContain('jwt');
    const blank = await setUp({
      authenticate: () => ({ tenantId: '', actor: { id: 'u' } }),
      onError: (error) => seen.push(error),
    });
    expect((await blank.handler(call('people/count', { args: [] }))).status).toBe(500);
    expect(seen).toEqual([new Error('jwt secret missing'), expect.objectContaining({ code: 'MISUSE' })]);
  });

  it('serves calls under another basePath', async () => {
    const { handler } = await setUp({ basePath: '/api/crm/' });
    const response = await handler(call('people/count', { args: [] }, { url: 'http://crm.test/api/crm' }));
    expect((await handler(call('people/count', { args: [] }))).status).toBe(404);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 0 });
  });
});

describe('createFetchHandler events', () => {
  async function openStream(handler: (request: Request) => Promise<Response>, controller: AbortController) {
    const response = await handler(
      new Request(`${base}/events`, { headers: { authorization: 'Bearer a' }, signal: controller.signal }),
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    return {
      response,
      reader,
      async readUntil(part: string): Promise<string> {
        while (!text.includes(part)) {
          const { done, value } = await reader.read();
          if (done) throw new Error(`The stream ended before ${part}`);
          text += decoder.decode(value, { stream: true });
        }
        return text;
      },
    };
  }

  it("streams the tenant's events with their ids, and not another tenant's", async () => {
    const { crm, handler } = await setUp();
    const stream = await openStream(handler, new AbortController());
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await stream.readUntil(': connected\n\n');
    await crm.as({ tenantId: 'tenant-b', actor: { id: 'b' } }).people.create({ firstName: 'Bob' });
    const ann = await crm.as(tenantA).people.create({ firstName: 'Ann' });
    // Bob's event was published first: had it leaked into this stream, it would come before Ann's.
    const text = await stream.readUntil('"Ann"');
    const frames = text.split('\n\n').filter((frame) => frame.startsWith('id:'));
    expect(text).not.toContain('Bob');
    expect(frames).toHaveLength(1);
    const [idLine, dataLine] = (frames[0] as string).split('\n');
    const event = JSON.parse((dataLine as string).slice('data: '.length));
    expect(event).toMatchObject({ type: 'person.created', tenantId: 'tenant-a', record: { id: ann.id } });
    expect(idLine).toBe(`id: ${event.eventId}`);
    await stream.reader.cancel();
  });

  it('sends heartbeat comments at the configured interval', async () => {
    const { handler } = await setUp({ heartbeatMs: 5 });
    const controller = new AbortController();
    const stream = await openStream(handler, controller);
    expect(await stream.readUntil(': heartbeat\n\n')).toMatch(/^: connected\n\n(: heartbeat\n\n)+$/);
    controller.abort();
  });

  it('leaves no listener on the bus after the request aborts', async () => {
    const { crm, handler } = await setUp();
    const controller = new AbortController();
    const stream = await openStream(handler, controller);
    await stream.readUntil(': connected');
    expect(busListeners(crm)).toBe(1);
    controller.abort();
    expect(busListeners(crm)).toBe(0);
  });

  it('leaves no listener on the bus after the reader cancels the stream', async () => {
    const { crm, handler } = await setUp();
    const stream = await openStream(handler, new AbortController());
    expect(busListeners(crm)).toBe(1);
    await stream.reader.cancel();
    expect(busListeners(crm)).toBe(0);
  });

  it('answers 401 to an events request without a sign-in, subscribing nothing', async () => {
    const { crm, handler } = await setUp();
    const response = await handler(new Request(`${base}/events`));
    expect(response.status).toBe(401);
    expect(busListeners(crm)).toBe(0);
  });
});
