import type { Crm } from '../crm';
import type { CrmEvents } from '../events/crm-events';
import type { ContextInput } from '../records/context';
import type { CrmClient, CrmClientEvent } from './crm-client';

/**
 * The in-process CRM as a {@link CrmClient} for one tenant and actor: the same interface a remote client
 * offers, so hooks and screens run against either. Events of other tenants never reach its listeners.
 *
 * @example
 * ```ts
 * const client = localClient(crm, { tenantId: 'acme', actor: { id: 'u1' } });
 * const ann = await client.people.create({ firstName: 'Ann' });
 * ```
 */
export function localClient(crm: Crm, context: ContextInput): CrmClient {
  const session = crm.as(context);
  const tenantId = session.context.tenantId;
  return {
    companies: session.companies,
    people: session.people,
    deals: session.deals,
    activities: session.activities,
    tasks: session.tasks,
    products: session.products,
    orders: session.orders,
    members: session.members,
    tags: session.tags,
    pipelines: session.pipelines,
    segments: session.segments,
    dealStages: session.dealStages,
    customFields: session.customFields,
    forecast: session.forecast,
    // The in-process bus delivers every event it publishes, so it never reports a gap.
    subscribe(listener) {
      const forward = (_type: keyof CrmEvents, event: CrmClientEvent) => {
        if (event.tenantId === tenantId) listener(event);
      };
      crm.events.on('*', forward);
      return () => crm.events.off('*', forward);
    },
  };
}
