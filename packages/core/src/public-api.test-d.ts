import { describe, expectTypeOf, it } from 'vitest';
import type {
  Company,
  Crm,
  CrmSession,
  Deal,
  Member,
  Page,
  Person,
  RapportError,
  RecordEvent,
} from './index';
import { isRapportError } from './index';

declare const session: CrmSession;
declare const crm: Crm;

describe('public API types', () => {
  it('infers the record type of each repository', async () => {
    expectTypeOf(await session.people.create({ firstName: 'Ann' })).toEqualTypeOf<Person>();
    expectTypeOf(await session.companies.get('id')).toEqualTypeOf<Company>();
    expectTypeOf<Person['email']>().toEqualTypeOf<string | null>();
    expectTypeOf<Person['lifecycleStage']>().toEqualTypeOf<'lead' | 'prospect' | 'customer' | 'churned'>();
    expectTypeOf<Deal['amount']>().toEqualTypeOf<number>();
  });

  it('adds only the includes a read asks for', async () => {
    const withCompany = await session.people.get('id', { include: ['company'] });
    expectTypeOf(withCompany.company).toEqualTypeOf<Company | null>();
    const plain = await session.people.get('id');
    expectTypeOf(plain).not.toHaveProperty('company');
    const deal = await session.deals.get('id', { include: ['people', 'owner'] });
    expectTypeOf(deal.people).toEqualTypeOf<Person[]>();
    expectTypeOf(deal.owner).toEqualTypeOf<Member | null>();
  });

  it('refuses includes and upsert keys an entity does not have', () => {
    // @ts-expect-error a person has no include named "deal"
    void session.people.get('id', { include: ['deal'] });
    // @ts-expect-error upsert keys are field names of the record
    void session.people.upsert('nickname', { firstName: 'Ann' });
  });

  it('lets money inputs leave the currency to the tenant default', () => {
    void session.deals.create({ name: 'Renewal', amount: 1000 });
    void session.products.create({ sku: 'A', name: 'A', unitPrice: 100, currency: 'EUR' });
  });

  it('requires the version the caller read on update', () => {
    void session.people.update('id', { lastName: 'Lee' }, { version: 1 });
    // @ts-expect-error the options with the version are required
    void session.people.update('id', { lastName: 'Lee' });
  });

  it('types list pages and events', async () => {
    expectTypeOf(await session.people.list()).toEqualTypeOf<Page<Person>>();
    crm.events.on('deal.updated', (event) => {
      expectTypeOf(event).toEqualTypeOf<RecordEvent<'deal'>>();
      expectTypeOf(event.record).toEqualTypeOf<Deal>();
    });
  });

  it('narrows errors with isRapportError', () => {
    const error: unknown = new Error('x');
    if (isRapportError(error, 'VALIDATION_FAILED')) expectTypeOf(error).toEqualTypeOf<RapportError>();
  });
});
