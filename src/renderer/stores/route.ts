// Screen routing through the URL hash: it works the same for file:// (Electron) and http:// (serve
// mode), survives a reload, and gives the browser's back button something to go back to. A song
// lives under its project (`#/projects/<id>/songs/<docId>`) so Back from the editor lands there;
// so does a script (`#/projects/<id>/scripts/<docId>`). Models (`#/models`), History
// (`#/history`), Insights (`#/insights`) and Settings (`#/settings`) belong to no project.
export type Route =
  | { name: 'home' }
  | { name: 'models' }
  | { name: 'history' }
  | { name: 'insights' }
  | { name: 'settings' }
  | { name: 'project'; projectId: string }
  | { name: 'song'; projectId: string; docId: string }
  | { name: 'script'; projectId: string; docId: string };

export function parseRoute(hash: string): Route {
  if (hash === '#/models') return { name: 'models' };
  if (hash === '#/history') return { name: 'history' };
  if (hash === '#/insights') return { name: 'insights' };
  if (hash === '#/settings') return { name: 'settings' };
  const match = /^#\/projects\/([^/?#]+)(?:\/(songs|scripts)\/([^/?#]+))?$/.exec(hash);
  if (match?.[1]) {
    try {
      const projectId = decodeURIComponent(match[1]);
      if (!match[3]) return { name: 'project', projectId };
      return { name: match[2] === 'scripts' ? 'script' : 'song', projectId, docId: decodeURIComponent(match[3]) };
    } catch {
      // A malformed escape in a hand-edited URL: fall through to Home.
    }
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'models') return '#/models';
  if (route.name === 'history') return '#/history';
  if (route.name === 'insights') return '#/insights';
  if (route.name === 'settings') return '#/settings';
  const project = `#/projects/${encodeURIComponent(route.projectId)}`;
  if (route.name === 'song') return `${project}/songs/${encodeURIComponent(route.docId)}`;
  if (route.name === 'script') return `${project}/scripts/${encodeURIComponent(route.docId)}`;
  return project;
}

/** The project a route is inside, if any (the project, song and script screens are). */
export function routeProjectId(route: Route): string | null {
  return route.name === 'home' || route.name === 'models' || route.name === 'history' || route.name === 'insights' || route.name === 'settings' ? null : route.projectId;
}
