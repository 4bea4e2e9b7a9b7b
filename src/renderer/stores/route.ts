// Screen routing through the URL hash: it works the same for file:// (Electron) and http:// (serve
// mode), survives a reload, and gives the browser's back button something to go back to.
export type Route = { name: 'home' } | { name: 'project'; projectId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/projects\/([^/?#]+)$/.exec(hash);
  if (match?.[1]) {
    try {
      return { name: 'project', projectId: decodeURIComponent(match[1]) };
    } catch {
      // A malformed escape in a hand-edited URL: fall through to Home.
    }
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  return route.name === 'project' ? `#/projects/${encodeURIComponent(route.projectId)}` : '#/';
}
