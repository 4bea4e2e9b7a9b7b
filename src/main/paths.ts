// Where Montage keeps its data and finds its own files. One data folder whatever the shell
// (Electron, serve mode, CLI), so a project made in the browser opens in the desktop app.
// MONTAGE_HOME overrides it (tests use a temp folder).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MONTAGE_HOME) return env.MONTAGE_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Montage');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Montage');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'montage');
}

export interface DataPaths {
  root: string;
  database: string;
  models: string;
  logs: string;
  /** Rolling copies of the database (db/backups.ts). */
  backups: string;
}

export function dataPaths(root: string): DataPaths {
  return { root, database: join(root, 'montage.db'), models: join(root, 'models'), logs: join(root, 'logs'), backups: join(root, 'backups') };
}

/**
 * Creates the data folders, with a clear message when the location is not writable. They are
 * the user's alone (0700): projects and history are private, and older versions made them 0755,
 * so existing folders are tightened too (POSIX only).
 */
export function ensureDataDirs(paths: DataPaths): void {
  for (const dir of [paths.root, paths.models, paths.logs, paths.backups]) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Montage cannot create its data folder ${dir} (${reason}). Set MONTAGE_HOME to a writable folder.`, {
        cause: err,
      });
    }
    try {
      if (process.platform !== 'win32') chmodSync(dir, 0o700);
    } catch {
      // Someone else's folder (a shared MONTAGE_HOME): usable as it is, just not ours to tighten.
    }
  }
}

/** The installed package's root (the folder with package.json), from the built or source file. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Montage cannot find its package root above ${from}`);
    dir = up;
  }
}

/** A program built into dist/workers/: the job worker, the MIDI-reading thread, the model-session process. */
export function workerEntry(kind: 'ml-worker' | 'midi-parse-thread' | 'model-session', root = packageRoot()): string {
  return join(root, 'dist', 'workers', `${kind}.js`);
}

/**
 * The models that ship with the app (one folder each: model.json, weights, music-model.json,
 * MODEL_CARD.md), registered at start-up; a missing folder means none ship.
 */
export function shippedModelsDir(root = packageRoot()): string {
  return join(root, 'models', 'shipped');
}

export function rendererDir(root = packageRoot()): string {
  return join(root, 'dist', 'renderer');
}
