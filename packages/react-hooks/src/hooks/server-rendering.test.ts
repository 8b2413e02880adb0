// @vitest-environment happy-dom

import { dehydrate, prefetchList, prefetchRecord, RapportCache } from '@rapport/core/observers';
import { act } from '@testing-library/react';
import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCrm, recordingClient } from '../test-support/test-crm';
import { RapportProvider } from './rapport-provider';
import { useList } from './use-list';
import { useRecord } from './use-record';

function ContactPage({ id }: { id: string }) {
  const person = useRecord('person', id);
  const people = useList('person', { orderBy: 'firstName', limit: 10 });
  return createElement(
    'main',
    null,
    createElement('h1', null, person.data?.fullName ?? 'Loading'),
    createElement(
      'ul',
      null,
      people.data?.items.map((entry) => createElement('li', { key: entry.id }, entry.firstName)),
    ),
  );
}

// The few DOM calls the test makes, typed here so the DOM library stays out of the shared type program.
interface TestElement {
  innerHTML: string;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}
const browserDocument = (
  globalThis as unknown as {
    document: {
      createElement(tag: 'div'): TestElement;
      body: TestElement & { appendChild(node: TestElement): void };
    };
  }
).document;

afterEach(() => {
  vi.restoreAllMocks();
  browserDocument.body.innerHTML = '';
});

async function hydrateInBrowser(html: string, element: ReturnType<typeof createElement>) {
  const container = browserDocument.createElement('div');
  container.innerHTML = html;
  browserDocument.body.appendChild(container);
  const consoleErrors = vi.spyOn(console, 'error');
  const recoverable: unknown[] = [];
  await act(async () => {
    hydrateRoot(container as unknown as Parameters<typeof hydrateRoot>[0], element, {
      onRecoverableError: (error) => recoverable.push(error),
    });
  });
  return { container, consoleErrors, recoverable };
}

describe('server rendering', () => {
  it('renders prefetched data on the server and hydrates it in the browser without a mismatch or a read', async () => {
    const { client } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann', lastName: 'Lee' });
    await client.people.create({ firstName: 'Ben' });

    const serverCache = new RapportCache();
    await prefetchRecord(serverCache, client, 'person', ann.id);
    await prefetchList(serverCache, client, 'person', { orderBy: 'firstName', limit: 10 });
    const page = createElement(ContactPage, { id: ann.id });
    const html = renderToString(createElement(RapportProvider, { client, cache: serverCache }, page));
    expect(html).toContain('Ann Lee');
    expect(html).toContain('<li>Ben</li>');
    const state = JSON.parse(JSON.stringify(dehydrate(serverCache)));

    const { client: browserClient, calls } = recordingClient(client);
    const { container, consoleErrors, recoverable } = await hydrateInBrowser(
      html,
      createElement(RapportProvider, { client: browserClient, initialState: state }, page),
    );
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    expect(container.querySelector('h1')?.textContent).toBe('Ann Lee');
    expect(calls).toEqual([]);
  });

  it('renders the loading state when nothing was prefetched, and the browser then reads the data', async () => {
    const { client } = await createTestCrm();
    const ann = await client.people.create({ firstName: 'Ann', lastName: 'Lee' });
    const page = createElement(ContactPage, { id: ann.id });
    const html = renderToString(createElement(RapportProvider, { client, cache: new RapportCache() }, page));
    expect(html).toContain('Loading');
    const { container, consoleErrors, recoverable } = await hydrateInBrowser(
      html,
      createElement(RapportProvider, { client }, page),
    );
    expect(recoverable).toEqual([]);
    expect(consoleErrors).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Ann Lee'));
  });
});
