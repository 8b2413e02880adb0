import { remoteClient } from '@rapport/core';

/**
 * The app's CRM client: the host's `/crm` API on the same origin. The demo session cookie the server set
 * with the page goes with every call, so the server, not the browser, decides tenant and user.
 */
export function createAppClient() {
  return remoteClient({ url: `${window.location.origin}/crm` });
}
