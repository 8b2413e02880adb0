import type { Crm, CrmClient } from '@rapport/core';
import { createCrm, localClient, memoryAdapter } from '@rapport/core';
import { RapportCache } from '@rapport/core/observers';
import type { ReactNode } from 'react';
import { createElement } from 'react';
import { RapportProvider } from '../hooks/rapport-provider';

/** A CRM on the memory adapter, a client for the user on screen and one for a colleague elsewhere. */
export interface TestCrm {
  readonly crm: Crm;
  readonly client: CrmClient;
  readonly colleague: CrmClient;
}

export async function createTestCrm(): Promise<TestCrm> {
  const crm = await createCrm({ storage: memoryAdapter() });
  return {
    crm,
    client: localClient(crm, { tenantId: 'acme', actor: { id: 'ann' } }),
    colleague: localClient(crm, { tenantId: 'acme', actor: { id: 'bob' } }),
  };
}

/** The client with every call it passes on recorded as `api.method`, to count reads. */
export function recordingClient(client: CrmClient): { client: CrmClient; calls: string[] } {
  const calls: string[] = [];
  const wrapApi = (name: string, api: object) =>
    new Proxy(api, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(property)}`);
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'object' && value !== null ? wrapApi(String(property), value) : value;
    },
  });
  return { client: wrapped, calls };
}

/** A `wrapper` for renderHook and render: the hooks below it read `client` through `cache`. */
export function providerFor(client: CrmClient, cache: RapportCache = new RapportCache()) {
  return ({ children }: { children?: ReactNode }) =>
    createElement(RapportProvider, { client, cache }, children);
}
