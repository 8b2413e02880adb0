/**
 * The demo's host server: the built app, the CRM's HTTP API under `/crm`, and a demo session cookie
 * that stands in for the host's own login. One `node:http` server, as a host would run it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Crm } from '@rapport/core';
import { createFetchHandler, toNodeListener } from '@rapport/core';
import { createDemoSessions } from './demo-auth';
import { resolveStaticFile } from './static-files';

/** What {@link startAppServer} takes. */
export interface AppServerOptions {
  readonly crm: Crm;
  /** The folder of the built app (`vite build`'s outDir). */
  readonly staticDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

/** A running demo server. */
export interface AppServer {
  readonly url: string;
  /** Stops the server, dropping open event streams; the CRM stays open. */
  close(): Promise<void>;
}

/**
 * Starts the demo server.
 *
 * @example
 * ```ts
 * const server = await startAppServer({ crm, staticDir: 'dist', port: 5180 });
 * console.log(`Open ${server.url}`);
 * ```
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const sessions = createDemoSessions();
  const crmListener = toNodeListener(
    createFetchHandler({ crm: options.crm, authenticate: sessions.authenticate, basePath: '/crm' }),
  );
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/crm' || path.startsWith('/crm/')) {
      crmListener(request, response);
      return;
    }
    void resolveStaticFile(options.staticDir, path).then(
      (file) => {
        if (file === null) {
          response.writeHead(404).end();
          return;
        }
        const headers: Record<string, string> = { 'content-type': file.contentType };
        // The page hands out the demo session; a host would have logged the user in here instead.
        if (file.isPage && !sessions.has(request.headers.cookie)) headers['set-cookie'] = sessions.open();
        response.writeHead(200, headers).end(file.body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
