import { describe, expect } from 'vitest';
import { makeCompany } from './fixtures';
import type { MakeStorage } from './harness';
import { crmTest } from './harness';

/** What the write path makes of raw input: trimmed, lower-cased, E.164, derived, defaulted. */
export function describeNormalisation(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('normalisation', () => {
    it('trims text, turns blank optional text into null and drops duplicate tags', async ({ h }) => {
      const company = await h.a.companies.create({
        name: '  Acme Ltd \n',
        industry: '   ',
        region: ' North ',
        tags: [' vip ', 'vip', 'new'],
      });
      expect(company).toMatchObject({
        name: 'Acme Ltd',
        industry: null,
        region: 'North',
        tags: ['vip', 'new'],
      });
      const [row] = await h.rows('companies');
      expect(row).toMatchObject({ name: 'Acme Ltd', industry: null, region: 'North', tags: ['vip', 'new'] });
    });

    it('lower-cases and trims email addresses', async ({ h }) => {
      const person = await h.a.people.create({
        firstName: 'Ann',
        emails: [{ address: '  Ann.Lee@Example.COM ' }],
      });
      expect(person.emails[0]?.address).toBe('ann.lee@example.com');
      expect(person.email).toBe('ann.lee@example.com');
      const member = await h.a.members.create({ id: 'm1', name: 'Mia', email: 'MIA@Example.com' });
      expect(member.email).toBe('mia@example.com');
    });

    it('stores phone numbers in E.164', async ({ h }) => {
      const person = await h.a.people.create({
        firstName: 'Ann',
        phones: [{ number: '+1 (415) 555-0132' }, { number: '+44 20 7946 0958' }],
      });
      expect(person.phones.map((phone) => phone.number)).toEqual(['+14155550132', '+442079460958']);
      expect(person.phone).toBe('+14155550132');
    });

    it("reads local phone numbers in the tenant's default country", async ({ h }) => {
      await h.a.settings.update({ defaultCountry: 'US' }, { version: 0 });
      await h.b.settings.update({ defaultCountry: 'fr' }, { version: 0 });
      const ann = await h.a.people.create({ firstName: 'Ann', phones: [{ number: '(415) 555-0132' }] });
      const bea = await h.b.people.create({ firstName: 'Bea', phones: [{ number: '01 23 45 67 89' }] });
      expect(ann.phone).toBe('+14155550132');
      expect(bea.phone).toBe('+33123456789');
      const updated = await h.a.people.update(
        ann.id,
        { phones: [{ number: '415.555.0199' }] },
        { version: 1 },
      );
      expect(updated.phone).toBe('+14155550199');
    });

    it('derives email, phone and fullName from the primary entries and names', async ({ h }) => {
      const person = await h.a.people.create({
        firstName: 'Ann',
        lastName: 'Lee',
        emails: [{ address: 'work@example.com' }, { address: 'home@example.com', primary: true }],
        phones: [{ number: '+14155550132' }, { number: '+14155550133' }],
      });
      expect(person).toMatchObject({ fullName: 'Ann Lee', email: 'home@example.com', phone: '+14155550132' });
      expect(person.emails.map((entry) => entry.primary)).toEqual([false, true]);
      expect(person.phones.map((entry) => entry.primary)).toEqual([true, false]);
      const [row] = await h.rows('people');
      expect(row).toMatchObject({ full_name: 'Ann Lee', email: 'home@example.com', phone: '+14155550132' });
      const renamed = await h.a.people.update(person.id, { firstName: null, emails: [] }, { version: 1 });
      expect(renamed).toMatchObject({ fullName: 'Lee', email: null, phone: '+14155550132' });
    });

    it('computes order line amounts, rounded to the minor unit, and the order total', async ({ h }) => {
      const company = await makeCompany(h.a);
      const order = await h.a.orders.create({
        companyId: company.id,
        currency: 'USD',
        lines: [
          { description: 'Widget', quantity: 2, unitPrice: 500 },
          { description: 'Cable', quantity: 1.5, unitPrice: 333, amount: 500 },
          { description: 'Refund', quantity: 1, unitPrice: -200 },
        ],
      });
      expect(order.lines.map((line) => line.amount)).toEqual([1_000, 500, -200]);
      expect(order.total).toBe(1_300);
      const [row] = await h.rows('orders');
      expect(row?.total).toBe(1_300);
      const updated = await h.a.orders.update(
        order.id,
        { lines: [{ quantity: 3, unitPrice: 1_000 }] },
        { version: 1 },
      );
      expect(updated.total).toBe(3_000);
    });

    it('normalises a domain: no scheme, no www, no path, lower case', async ({ h }) => {
      const acme = await h.a.companies.create({ name: 'Acme', domain: ' https://www.Acme.COM/about?x=1 ' });
      const globex = await h.a.companies.create({ name: 'Globex', domain: 'WWW.Globex.co.uk' });
      expect([acme.domain, globex.domain]).toEqual(['acme.com', 'globex.co.uk']);
    });

    it("fills a missing currency from the tenant's default currency and upper-cases given ones", async ({
      h,
    }) => {
      const inUsd = await h.a.deals.create({ name: 'Default', amount: 100 });
      expect(inUsd.currency).toBe('USD');
      await h.a.settings.update({ defaultCurrency: 'EUR' }, { version: 0 });
      const inEur = await h.a.deals.create({ name: 'Euro', amount: 100 });
      const product = await h.a.products.create({ sku: 'W-1', name: 'Widget', unitPrice: 100 });
      const inGbp = await h.a.deals.create({ name: 'Pound', amount: 100, currency: ' gbp ' });
      expect([inEur.currency, product.currency, inGbp.currency]).toEqual(['EUR', 'EUR', 'GBP']);
      expect((await h.b.deals.create({ name: 'Other tenant', amount: 1 })).currency).toBe('USD');
    });

    it('stores instants as UTC with milliseconds, from offsets and Date objects', async ({ h }) => {
      const deal = await h.a.deals.create({
        name: 'D',
        amount: 1,
        currency: 'USD',
        closedAt: '2025-01-01T10:00:00+02:00',
      });
      expect(deal.closedAt).toBe('2025-01-01T08:00:00.000Z');
      const task = await h.a.tasks.create({ title: 'T', dueAt: new Date(Date.UTC(2025, 5, 1, 12)) as never });
      expect(task.dueAt).toBe('2025-06-01T12:00:00.000Z');
    });

    it('upper-cases address country codes', async ({ h }) => {
      const company = await h.a.companies.create({
        name: 'Acme',
        address: { line1: ' 1 Main St ', city: 'Paris', country: 'fr' },
      });
      expect(company.address).toEqual({
        line1: '1 Main St',
        line2: null,
        city: 'Paris',
        region: null,
        postalCode: null,
        country: 'FR',
      });
    });

    it('applies the documented defaults', async ({ h }) => {
      const person = await h.a.people.create({ firstName: 'Ann' });
      expect(person).toMatchObject({
        lifecycleStage: 'lead',
        emails: [],
        phones: [],
        tags: [],
        custom: {},
        externalId: null,
      });
      expect(person.consent).toMatchObject({ email: false, sms: false, phone: false });
      expect(await h.a.deals.create({ name: 'D', currency: 'USD' })).toMatchObject({
        status: 'open',
        amount: 0,
        personIds: [],
      });
      expect(await h.a.tasks.create({ title: 'T' })).toMatchObject({ status: 'open' });
      expect(await h.a.products.create({ sku: 'S', name: 'P', unitPrice: 1 })).toMatchObject({
        active: true,
      });
      const company = await makeCompany(h.a);
      expect(
        await h.a.orders.create({ companyId: company.id, lines: [{ quantity: 1, unitPrice: 1 }] }),
      ).toMatchObject({
        status: 'confirmed',
        type: 'sale',
        currency: 'USD',
        orderedAt: h.clock.iso(),
      });
      expect(await h.a.members.create({ id: 'm1', name: 'Mia' })).toMatchObject({
        role: 'member',
        active: true,
        skills: [],
      });
      const pipeline = await h.a.pipelines.create({
        name: 'Sales',
        stages: [{ id: 'new', name: 'New', probability: 0.1 }],
      });
      expect(pipeline).toMatchObject({
        position: 0,
        stages: [{ id: 'new', name: 'New', probability: 0.1, kind: 'open' }],
      });
    });

    it("defaults an activity's time to the CRM clock, not the machine's", async ({ h }) => {
      h.clock.set('2020-03-04T05:06:07.089Z');
      const company = await makeCompany(h.a);
      const activity = await h.a.activities.create({ type: 'note', companyId: company.id });
      expect(activity.occurredAt).toBe('2020-03-04T05:06:07.089Z');
    });
  });
}
