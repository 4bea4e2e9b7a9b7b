// Screen routing through the URL hash: it works the same for file:// (Electron) and http:// (serve
// mode), survives a reload, and gives the browser's back button something to go back to. A song
// lives under its project (`#/projects/<id>/songs/<docId>`) so Back from the editor lands there.
export type Route =
  | { name: 'home' }
  | { name: 'models' }
  | { name: 'project'; projectId: string }
  | { name: 'song'; projectId: string; docId: string };

export function parseRoute(hash: string): Route {
  if (hash === '#/models') return { name: 'models' };
  const match = /^#\/projects\/([^/?#]+)(?:\/songs\/([^/?#]+))?$/.exec(hash);
  if (match?.[1]) {
    try {
      const projectId = decodeURIComponent(match[1]);
      return match[2] ? { name: 'song', projectId, docId: decodeURIComponent(match[2]) } : { name: 'project', projectId };
    } catch {
      // A malformed escape in a hand-edited URL: fall through to Home.
    }
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'models') return '#/models';
  const project = `#/projects/${encodeURIComponent(route.projectId)}`;
  return route.name === 'song' ? `${project}/songs/${encodeURIComponent(route.docId)}` : project;
}

/** The project a route is inside, if any (the project and song screens both are). */
export function routeProjectId(route: Route): string | null {
  return route.name === 'home' || route.name === 'models' ? null : route.projectId;
}
