import { useEffect, useState } from 'react';

/** The app's screens, addressed by the URL hash so a reload or a shared link opens the same one. */
export type Route =
  | { readonly screen: 'contacts' }
  | { readonly screen: 'contact'; readonly id: string }
  | { readonly screen: 'new-contact' }
  | { readonly screen: 'pipeline' }
  | { readonly screen: 'segments' }
  | { readonly screen: 'dashboard' };

/** The route a hash names; the contacts table for anything unknown. */
export function parseHash(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  if (screen === 'contacts' && id === 'new') return { screen: 'new-contact' };
  if (screen === 'contacts' && id) return { screen: 'contact', id: decodeURIComponent(id) };
  if (screen === 'pipeline' || screen === 'segments' || screen === 'dashboard') return { screen };
  return { screen: 'contacts' };
}

/** The hash of a route, for links: `<a href={hrefOf({ screen: 'pipeline' })}>`. */
export function hrefOf(route: Route): string {
  if (route.screen === 'contact') return `#/contacts/${encodeURIComponent(route.id)}`;
  if (route.screen === 'new-contact') return '#/contacts/new';
  return `#/${route.screen}`;
}

/** Opens a route. */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
