// `montage start` (what `npm start` runs): the Electron window where the Electron binary exists,
// otherwise one clear line and serve mode. better-sqlite3 is rebuilt for Electron's ABI into
// .electron-native/ (never in place), so Node, the CLI and the tests keep their own build.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectron } from '../main/environment-checks';
import { readInstanceLock } from '../main/instance-lock';
import { defaultDataDir, packageRoot } from '../main/paths';
import { serveCommand } from './serve-command';

/** Builds better_sqlite3.node for this Electron, once per Electron version. Returns its path. */
function electronSqliteBinding(electronVersion: string): string {
  const root = packageRoot();
  const out = join(root, '.electron-native', electronVersion, 'better_sqlite3.node');
  if (existsSync(out)) return out;
  const nodeGyp = process.env.npm_config_node_gyp;
  if (!nodeGyp) throw new Error('node-gyp was not found (run this through `npm start`)');
  const src = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
  const work = join(root, '.electron-native', `${electronVersion}-build`);
  rmSync(work, { recursive: true, force: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${join(src, 'build')}`) });
  console.log(`Montage: building the SQLite module for Electron ${electronVersion} (once; about a minute)…`);
  const r = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], {
    cwd: work,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('node-gyp could not build better-sqlite3 for Electron (it needs Electron headers from the internet once)');
  mkdirSync(dirname(out), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), out);
  rmSync(work, { recursive: true, force: true });
  return out;
}

export async function startCommand(): Promise<void> {
  // Montage already serving this data folder: hand over to it (serveCommand prints its link and
  // opens it) rather than start a window that could not take the lock. A running Electron window
  // is handed over by Electron itself (requestSingleInstanceLock in electron/main.ts).
  const running = readInstanceLock(defaultDataDir());
  if (running && running.shell !== 'electron') {
    await serveCommand({ open: true });
    return;
  }
  const electron = findElectron();
  if (electron.found && electron.path && electron.version) {
    try {
      const binding = electronSqliteBinding(electron.version);
      const child = spawn(electron.path, [packageRoot()], { stdio: 'inherit', env: { ...process.env, MONTAGE_SQLITE_BINDING: binding } });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    } catch (err) {
      console.log(`Montage: cannot start the Electron window (${err instanceof Error ? err.message : String(err)}); starting serve mode instead.`);
    }
  } else {
    console.log(`Montage: no Electron window here — ${electron.detail}; starting serve mode, open the link below in a browser.`);
  }
  await serveCommand({ open: true });
}
