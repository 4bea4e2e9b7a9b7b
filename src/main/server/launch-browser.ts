// Opens the serve-mode link in the user's browser without putting the token on a command line
// (every local user can read command lines with `ps`). As Jupyter does, the link goes into a small
// HTML redirect file that only this user can read (0600, in a 0700 folder under the data folder,
// random name), and the browser is pointed at that file. The file is removed when serve stops.
// Also says plainly when no browser can be opened, so the user knows to open the link by hand.
import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LaunchFile {
  path: string;
  /** The file:// URL a browser opens. */
  fileUrl: string;
  remove(): void;
}

/** The private folder for per-run files: <data>/runtime, mode 0700. */
export function runtimeDir(dataDir: string): string {
  const dir = join(dataDir, 'runtime');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode does not change a folder that already exists, and is masked by the umask.
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  return dir;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes the redirect file for `url` and returns where it is. */
export function writeLaunchFile(dataDir: string, url: string): LaunchFile {
  const path = join(runtimeDir(dataDir), `open-${randomBytes(12).toString('hex')}.html`);
  const href = escapeHtml(url);
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Opening Montage</title></head>
<body><p>Opening Montage… If nothing happens, <a href="${href}">open Montage</a>.</p></body></html>
`;
  // 'wx': never follow or overwrite something already there.
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
  return { path, fileUrl: pathToFileURL(path).href, remove: () => rmSync(path, { force: true }) };
}

/**
 * Removes redirect files left by runs that did not stop cleanly (killed, crashed) or by a second
 * `serve --open` that handed over to a running one. Only files older than `olderThanMs`, so a
 * browser still reading a fresh one is not raced.
 */
export function sweepLaunchFiles(dataDir: string, olderThanMs = 60_000, now = Date.now()): void {
  try {
    const dir = runtimeDir(dataDir);
    for (const name of readdirSync(dir)) {
      if (!/^open-[0-9a-f]+\.html$/.test(name)) continue;
      const file = join(dir, name);
      if (now - statSync(file).mtimeMs > olderThanMs) rmSync(file, { force: true });
    }
  } catch {
    // Housekeeping only: never a reason not to start.
  }
}

export type OpenResult = { opened: true } | { opened: false; reason: string };

export interface OpenOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  spawn?: typeof nodeSpawn;
  /** An opener still running after this long is taken to have opened a browser (some wait for it to close). */
  settleMs?: number;
}

/** Asks the desktop to open `target` (a file:// URL); says why not when it cannot. */
export function openInBrowser(target: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const spawn = opts.spawn ?? nodeSpawn;
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return Promise.resolve({ opened: false, reason: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are not set)' });
  }
  const [cmd, args] = platform === 'darwin' ? ['open', [target]] : platform === 'win32' ? ['cmd', ['/c', 'start', '', target]] : ['xdg-open', [target]];
  return new Promise((resolve) => {
    let done = false;
    const settle = (r: OpenResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => settle({ opened: true }), opts.settleMs ?? 5000);
    timer.unref();
    try {
      const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true, env });
      child.on('error', (err: NodeJS.ErrnoException) =>
        settle({ opened: false, reason: err.code === 'ENOENT' ? `${cmd} is not installed` : `${cmd} failed (${err.message})` }),
      );
      child.on('exit', (code, signal) => settle(code === 0 ? { opened: true } : { opened: false, reason: `${cmd} ${signal ? `was killed (${signal})` : `exited with code ${code}`}` }));
      child.unref();
    } catch (err) {
      settle({ opened: false, reason: `${cmd} could not be started (${err instanceof Error ? err.message : String(err)})` });
    }
  });
}
