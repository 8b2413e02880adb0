import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import type { Person } from '../entities/types';
import type { CrmClient } from './crm-client';
import type { FetchHandler } from './fetch-handler';
import type { NodeListener, NodeRequestLike, NodeResponseLike } from './node-listener';
import { remoteClient } from './remote-client';

describe('transport types', () => {
  it('gives a remote client the CrmClient contract, typed per entity', () => {
    const client = remoteClient({ url: '/crm', headers: async () => ({ authorization: 'Bearer t' }) });
    expectTypeOf(client).toExtend<CrmClient>();
    expectTypeOf(client.people.entity).toEqualTypeOf<'person'>();
    expectTypeOf(client.people.get('id')).resolves.toEqualTypeOf<Person>();
    expectTypeOf(client.close).toEqualTypeOf<() => void>();
  });

  it('takes node:http requests and responses as they are', () => {
    expectTypeOf<IncomingMessage>().toExtend<NodeRequestLike>();
    expectTypeOf<ServerResponse>().toExtend<NodeResponseLike>();
    expectTypeOf<NodeListener>().parameters.toEqualTypeOf<[NodeRequestLike, NodeResponseLike]>();
    expectTypeOf<FetchHandler>().returns.resolves.toEqualTypeOf<Response>();
  });
});
