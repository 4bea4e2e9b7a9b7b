// Decides whether a URL is the Montage page itself, for the Electron main process: IPC calls are
// accepted only from frames showing it, and the window may navigate only to it. Pure (no electron
// import) so it is unit-tested with the URLs the app really produces.
//
// The renderer routes by hash (`index.html#/projects/<id>`, see src/renderer/stores/route.ts), so
// the fragment, and the query, are ignored; scheme, host and path must match exactly. Anything
// that does not parse is not the app.

/** `file:///…/index.html` without query and fragment, or null when it does not parse. */
function pageOf(url: string): URL | null {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u;
  } catch {
    return null;
  }
}

/** True when `url` shows the page at `appUrl` (a file:// URL), whatever its hash or query. */
export function isAppPage(url: string | null | undefined, appUrl: string): boolean {
  if (typeof url !== 'string') return false;
  const page = pageOf(url);
  const app = pageOf(appUrl);
  if (!page || !app || app.protocol !== 'file:') return false;
  return page.protocol === app.protocol && page.host === app.host && page.pathname === app.pathname && page.username === '' && page.password === '';
}
