/**
 * The example app end to end: built with Vite, served by its own server on a fresh SQLite file, driven
 * in Debian's Chromium. Run `bash scripts/ensure-chromium.sh` once if Chromium is missing.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { Crm, CrmSession, Deal } from '@rapport/core';
import { createCrm } from '@rapport/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from '../server/app-server';
import { startAppServer } from '../server/app-server';
import { demoContext } from '../server/demo-auth';
import { seedDemo } from '../server/seed';
import type { TestBrowser } from './browser';
import { launchChromium } from './browser';
import { buildApp } from './build-app';

// Screenshots land in a gitignored folder beside the test, to look at after a run.
const outputDir = fileURLToPath(new URL('./output/', import.meta.url));

let workDir: string;
let crm: Crm;
let session: CrmSession;
let server: AppServer;
let browser: TestBrowser;
let page: Page;

// The page answers after a round trip to the server; a slow machine gets ten seconds before a failure.
const patience = 10_000;
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: patience });

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'rapport-react-app-'));
  const staticDir = join(workDir, 'dist');
  await buildApp(staticDir);
  crm = await createCrm({ storage: sqliteAdapter({ filename: join(workDir, 'crm.db') }) });
  session = crm.as(demoContext);
  await seedDemo(session);
  server = await startAppServer({ crm, staticDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(patience);
  mkdirSync(outputDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await crm?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A deal of the seed in `stageId`, with or without an expected close date. */
async function seededDeal(stageId: string, isDated: boolean): Promise<Deal> {
  const found = await session.deals.list({
    where: {
      all: [
        { field: 'stageId', op: 'eq', value: stageId },
        { field: 'expectedCloseDate', op: isDated ? 'isNotEmpty' : 'isEmpty' },
      ],
    },
    orderBy: ['name'],
    limit: 1,
  });
  const deal = found.items[0];
  if (deal === undefined) throw new Error(`the seed has no ${isDated ? '' : 'un'}dated deal in ${stageId}`);
  return deal;
}

describe('the React example in Chromium', () => {
  it('shows validation errors next to their fields, then creates the contact', async () => {
    await page.goto(`${server.url}/#/contacts/new`);
    await page.getByLabel('First name').fill('Zoë');
    await page.getByLabel('Last name').fill('Quartz');
    await page.getByLabel('Email').fill('zoe-at-example');
    await page.getByLabel('NPS').fill('11');
    await page.getByRole('button', { name: 'Create contact' }).click();

    await eventually(() => page.locator('[id="email-error"]').textContent()).toMatch(/email/i);
    await eventually(() => page.locator('[id="custom.nps-error"]').textContent()).toMatch(/10/);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(outputDir, 'new-contact-errors.png'), fullPage: true });
    expect(await session.people.count({ where: { field: 'lastName', op: 'eq', value: 'Quartz' } })).toBe(0);

    await page.getByLabel('Email').fill('zoe@quartz.example');
    await page.getByLabel('NPS').fill('9');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { name: 'Zoë Quartz' }).waitFor();

    const created = await session.people.list({
      where: { field: 'email', op: 'eq', value: 'zoe@quartz.example' },
    });
    expect(created.items.map((person) => [person.fullName, person.custom.nps])).toEqual([['Zoë Quartz', 9]]);
  });

  it('moves a deal by dragging it, and shows the stage rule that refuses another', async () => {
    const dated = await seededDeal('qualified', true);
    const undated = await seededDeal('qualified', false);
    await page.goto(`${server.url}/#/pipeline`);
    const proposal = page.locator('[data-stage-id="proposal"]');

    await page.locator(`[data-deal-id="${dated.id}"]`).dragTo(proposal);
    await proposal.locator(`[data-deal-id="${dated.id}"]`).waitFor();
    await eventually(async () => (await session.deals.get(dated.id)).stageId).toBe('proposal');

    await page.locator(`[data-deal-id="${undated.id}"]`).dragTo(proposal);
    const refusal = page.getByTestId('move-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/expectedCloseDate/);
    expect((await session.deals.get(undated.id)).stageId).toBe('qualified');
    expect(
      await page.locator('[data-stage-id="qualified"]').locator(`[data-deal-id="${undated.id}"]`).count(),
    ).toBe(1);

    await page.screenshot({ path: join(outputDir, 'pipeline.png'), fullPage: true });
  });

  it('draws the dashboard and previews a segment count', async () => {
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByRole('img', { name: 'Deals per stage' }).waitFor();
    await page.screenshot({ path: join(outputDir, 'dashboard.png'), fullPage: true });

    await page.goto(`${server.url}/#/segments`);
    const expected = await session.people.count({
      where: {
        all: [
          { field: 'lifecycleStage', op: 'eq', value: 'customer' },
          { field: 'custom.nps', op: 'gte', value: 8 },
        ],
      },
    });
    await eventually(() => page.getByTestId('preview-count').textContent()).toBe(String(expected));

    await page.getByRole('button', { name: 'Save segment' }).click();
    const saved = page.getByRole('row', { name: /Promoters/ });
    await eventually(() => saved.textContent()).toBe(`Promotersdynamic${expected}`);
    await page.screenshot({ path: join(outputDir, 'segments.png'), fullPage: true });
  });

  it('filters contacts by a custom field and opens one with its timeline', async () => {
    await page.goto(`${server.url}/#/contacts`);
    await page.getByLabel('Tier').selectOption('gold');
    await page.getByLabel('Lifecycle').selectOption('customer');
    const goldCustomers = {
      all: [
        { field: 'custom.tier', op: 'eq', value: 'gold' },
        { field: 'lifecycleStage', op: 'eq', value: 'customer' },
      ],
    } as const;
    const expected = await session.people.count({ where: goldCustomers });
    await eventually(() => page.getByTestId('contacts-total').textContent()).toBe(`${expected} contacts`);
    expect(await page.locator('tbody tr').count()).toBe(expected);
    await page.screenshot({ path: join(outputDir, 'contacts.png'), fullPage: true });

    // A change made elsewhere reaches the open table through the event stream, without a reload.
    const [first] = (
      await session.people.list({ where: goldCustomers, orderBy: ['lastName', 'firstName'], limit: 1 })
    ).items;
    if (first === undefined) throw new Error('the seed has no gold contact');
    await session.people.update(first.id, { firstName: 'Renamed' }, { version: first.version });
    await page.getByRole('link', { name: `Renamed ${first.lastName}` }).waitFor();

    const [withActivities] = (await session.activities.list({ orderBy: ['-occurredAt'], limit: 1 })).items;
    const personId = withActivities?.personIds[0] as string;
    await page.goto(`${server.url}/#/contacts/${personId}`);
    await page.locator('.timeline li').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'contact.png'), fullPage: true });
  });
});
