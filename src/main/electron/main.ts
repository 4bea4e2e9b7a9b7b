// The Electron shell, kept thin: one sandboxed window on the built renderer, the host in this
// process, and IPC calls dispatched through the same Host.dispatch that serve mode uses.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StudioError } from '../../shared/api';
import { createHost, type Host } from '../host';
import { InstanceLockedError } from '../instance-lock';
import { defaultDataDir, rendererDir } from '../paths';
import { assetScheme } from '../assets/asset-request';
import { assetResponse } from './asset-protocol';
import { callChannel, eventChannel } from './channels';
import { allowsPermission } from './permissions';
import { isAppPage } from './sender-check';

const here = dirname(fileURLToPath(import.meta.url));
const indexHtml = join(rendererDir(), 'index.html');
const rendererUrl = pathToFileURL(indexHtml).href;
let host: Host | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Montage',
    backgroundColor: '#15171c',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Only the Montage page itself, on any of its hash routes; never another file or a web page.
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, rendererUrl)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexHtml);
  return win;
}

const watched = new WeakSet<WebContents>();
/**
 * A webContents is one client (`wc-<id>`) for scoped events. Its subscriptions end when it is
 * destroyed or loads a page anew (a reload starts a renderer that has opened nothing yet; hash
 * routes are in-page navigations and keep them).
 */
function watchClient(h: Host, contents: WebContents, clientId: string): void {
  if (watched.has(contents)) return;
  watched.add(contents);
  contents.on('destroyed', () => h.clientGone(clientId));
  contents.on('did-navigate', () => h.clientGone(clientId));
}

/** Brings the window forward when a second launch hands over to this one. */
function focusWindow(): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function main(): Promise<void> {
  app.setName('Montage');
  // One window per user: a second launch quits here and this one focuses its window. The data
  // folder's own lock (createHost) covers the other shells (a `montage serve` on the same folder).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusWindow);
  // Asset files (audio) reach the page over their own scheme: standard (so the project id is a
  // host), secure, streamed with Range for <audio> seeking, and fetchable for waveform decoding.
  protocol.registerSchemesAsPrivileged([{ scheme: assetScheme, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
  await app.whenReady();
  // Deny every permission (camera, notifications, …) and every permission check, except the
  // microphone for the Montage page (dictation and voice commands; permissions.ts).
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = (details as { requestingUrl?: unknown } | null)?.requestingUrl;
    callback(allowsPermission(permission, details, typeof url === 'string' ? url : webContents.getURL(), rendererUrl));
  });
  session.defaultSession.setPermissionCheckHandler((webContents, permission, _origin, details) => allowsPermission(permission, details, webContents?.getURL(), rendererUrl));
  try {
    host = createHost({
      dataDir: process.env.MONTAGE_HOME ?? defaultDataDir(),
      shell: 'electron',
      ...(process.env.MONTAGE_SQLITE_BINDING ? { nativeBinding: process.env.MONTAGE_SQLITE_BINDING } : {}),
    });
  } catch (err) {
    const message =
      err instanceof InstanceLockedError && err.holder.url
        ? `Montage is already running for this data folder at ${err.holder.url} — open that link in a browser, or stop it (Ctrl+C where it runs) and start again.`
        : err instanceof Error
          ? err.message
          : String(err);
    dialog.showErrorBox(err instanceof InstanceLockedError ? 'Montage is already running' : 'Montage cannot start', message);
    app.quit();
    return;
  }
  const h = host;
  protocol.handle(assetScheme, (request) =>
    assetResponse(h, request).catch((err: unknown) => {
      console.error(`montage: could not serve ${request.url}: ${err instanceof Error ? err.message : String(err)}`);
      return new Response('Could not read the file.', { status: 500 });
    }),
  );
  ipcMain.handle(callChannel, async (event, service, method, args) => {
    // The page routes by hash (#/projects/<id>), so compare without fragment and query.
    if (!isAppPage(event.senderFrame?.url, rendererUrl)) {
      return { ok: false, error: new StudioError('unauthorized', 'Calls are only accepted from the Montage window.').toJSON() };
    }
    const contents = event.sender;
    const clientId = `wc-${contents.id}`;
    watchClient(h, contents, clientId);
    try {
      return { ok: true, value: await h.dispatch(String(service), String(method), args, { clientId }) };
    } catch (err) {
      return { ok: false, error: StudioError.from(err).toJSON() };
    }
  });
  h.bus.onAny((name, payload, targets) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      if (wc.isDestroyed()) continue;
      // A scoped event (documents.open subscriptions) goes only to the windows it names.
      if (targets !== undefined && !targets.includes(`wc-${wc.id}`)) continue;
      wc.send(eventChannel, name, payload);
    }
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'File', submenu: [{ role: 'quit' }] },
      { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
      { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
    ]),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => host?.close());
}

void main();
