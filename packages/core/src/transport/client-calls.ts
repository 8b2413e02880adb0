import type { CrmClient, RecordsClient } from './crm-client';

/** The APIs of a {@link CrmClient} that take calls: everything but `subscribe`. */
export type ClientApiName = Exclude<keyof CrmClient, 'subscribe'>;

/** The APIs of a {@link CrmClient} that hold one entity's records. */
export type RecordsApiName = {
  [K in ClientApiName]: CrmClient[K] extends { readonly entity: string } ? K : never;
}[ClientApiName];

type MethodName<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T] &
  string;

/** Every method of every API, each exactly once: a method missing here or one too many is a type error. */
type CallTable = { readonly [A in ClientApiName]: { readonly [M in MethodName<CrmClient[A]>]: true } };

const recordCalls = {
  get: true,
  getMany: true,
  list: true,
  count: true,
  create: true,
  update: true,
  archive: true,
  restore: true,
  delete: true,
  history: true,
} as const satisfies { readonly [M in MethodName<RecordsClient<'person'>>]: true };

/**
 * The calls a server handler answers and a remote client makes: the {@link CrmClient} contract and
 * nothing else. Anything not listed here (settings, automation, bypasses, custom field definitions)
 * stays on the host's server.
 */
export const clientCalls = {
  companies: recordCalls,
  people: recordCalls,
  deals: recordCalls,
  activities: recordCalls,
  tasks: recordCalls,
  products: recordCalls,
  orders: recordCalls,
  members: recordCalls,
  tags: recordCalls,
  pipelines: recordCalls,
  segments: {
    get: true,
    list: true,
    create: true,
    update: true,
    archive: true,
    restore: true,
    count: true,
    members: true,
    isMember: true,
    explain: true,
    add: true,
    remove: true,
  },
  dealStages: { move: true, history: true, timeInStages: true, idle: true, rules: true },
  customFields: { get: true, list: true },
  forecast: { byPeriod: true },
} as const satisfies CallTable;

/** The entity each records API holds, so a remote repository can name its `entity` without a call. */
export const recordsApiEntities = {
  companies: 'company',
  people: 'person',
  deals: 'deal',
  activities: 'activity',
  tasks: 'task',
  products: 'product',
  orders: 'order',
  members: 'member',
  tags: 'tag',
  pipelines: 'pipeline',
} as const satisfies { readonly [A in RecordsApiName]: CrmClient[A]['entity'] };

/** True when `api` and `method` name a call of the contract (own keys only: `__proto__` names nothing). */
export function isClientCall(api: string, method: string): api is ClientApiName {
  if (!Object.hasOwn(clientCalls, api)) return false;
  return Object.hasOwn(clientCalls[api as ClientApiName], method);
}
