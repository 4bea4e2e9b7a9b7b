// The Electron shell, kept thin: one sandboxed window on the built renderer, the host in this
// process, and IPC calls dispatched through the same Host.dispatch that serve mode uses.
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StudioError } from '../../shared/api';
import { createHost, type Host } from '../host';
import { defaultDataDir, rendererDir } from '../paths';
import { callChannel, eventChannel } from './channels';

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
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(indexHtml);
  return win;
}

async function main(): Promise<void> {
  app.setName('Montage');
  await app.whenReady();
  try {
    host = createHost({
      dataDir: process.env.MONTAGE_HOME ?? defaultDataDir(),
      shell: 'electron',
      ...(process.env.MONTAGE_SQLITE_BINDING ? { nativeBinding: process.env.MONTAGE_SQLITE_BINDING } : {}),
    });
  } catch (err) {
    dialog.showErrorBox('Montage cannot start', err instanceof Error ? err.message : String(err));
    app.quit();
    return;
  }
  const h = host;
  ipcMain.handle(callChannel, async (event, service, method, args) => {
    if (event.senderFrame?.url !== rendererUrl) {
      return { ok: false, error: new StudioError('unauthorized', 'Calls are only accepted from the Montage window.').toJSON() };
    }
    try {
      return { ok: true, value: await h.dispatch(String(service), String(method), args) };
    } catch (err) {
      return { ok: false, error: StudioError.from(err).toJSON() };
    }
  });
  h.bus.onAny((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) if (!win.webContents.isDestroyed()) win.webContents.send(eventChannel, name, payload);
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
