/**
 * The demo's stand-in for a host's own login: the server hands each browser a random session cookie
 * when it serves the page, and maps it to the demo tenant and user. The browser holds only the opaque
 * token; which tenant and which actor it stands for is decided here, never by the client.
 */
import { randomUUID } from 'node:crypto';
import type { ContextInput } from '@rapport/core';

/** The name of the cookie that carries the demo session. */
export const sessionCookie = 'rapport_demo_session';

/** Everyone who opens the demo works as Alex, the sales manager of the demo tenant. */
export const demoContext: ContextInput = { tenantId: 'demo', actor: { id: 'alex' } };

/** The value of one cookie in a `Cookie` header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Demo sessions: `open()` issues a token for a `Set-Cookie` header, `authenticate(request)` turns a
 * request's cookie back into the CRM context, or null for a missing or unknown token (a 401).
 *
 * @example
 * ```ts
 * const sessions = createDemoSessions();
 * response.setHeader('set-cookie', sessions.open());
 * const handler = createFetchHandler({ crm, authenticate: sessions.authenticate });
 * ```
 */
export function createDemoSessions(context: ContextInput = demoContext) {
  const tokens = new Set<string>();
  return {
    /** Issues a new session and returns its `Set-Cookie` header value. */
    open(): string {
      const token = randomUUID();
      tokens.add(token);
      return `${sessionCookie}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    },
    /** Whether a `Cookie` header carries a session this server issued. */
    has(cookieHeader: string | null | undefined): boolean {
      const token = readCookie(cookieHeader, sessionCookie);
      return token !== null && tokens.has(token);
    },
    /** The CRM context of a request's session, or null when it has none. */
    authenticate(request: Request): ContextInput | null {
      const token = readCookie(request.headers.get('cookie'), sessionCookie);
      return token !== null && tokens.has(token) ? context : null;
    },
  };
}

/** What {@link createDemoSessions} returns. */
export type DemoSessions = ReturnType<typeof createDemoSessions>;
