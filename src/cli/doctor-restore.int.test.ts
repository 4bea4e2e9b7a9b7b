// The built CLI (dist/cli/montage.js) as a user runs it: `doctor --backend` reports the forced
// backend as such and a failure once, nobody prints tfjs's "Hi, looks like…" banner, doctor
// reports the database's integrity and backups, and `restore-backup` brings back a damaged one.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeBackup } from '../main/db/backups';
import { acquireInstanceLock } from '../main/instance-lock';
import { openDatabase } from '../main/db/database';
import { packageRoot } from '../main/paths';
import { closeAndCorruptMiddlePage, fillRows } from '../main/test/damaged-database';
import { tempHome } from '../main/test/temp-home';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

async function montage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MONTAGE_ML_BACKEND;
  delete env.VITEST;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env, timeout: 100_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A database with a project, one backup of it, then a page in the middle overwritten with junk. */
async function damagedWithBackup(dir: string): Promise<string> {
  const file = join(dir, 'montage.db');
  const db = openDatabase(file);
  fillRows(db);
  await makeBackup(db, join(dir, 'backups'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  closeAndCorruptMiddlePage(db, file);
  return file;
}

describe('montage CLI: doctor and restore-backup', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home?.remove());

  it('doctor --backend cpu says the benchmark backend is forced, names the machine\'s own choice apart, and prints no tfjs banner', async () => {
    home = tempHome();
    const { code, stdout, stderr } = await montage(['doctor', '--steps', '2', '--backend', 'cpu', '--data-dir', home.dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ML backend: cpu \(forced with --backend\)$/m);
    expect(stdout).toMatch(/^Machine's own choice: \w[\w-]* \(.+\)$/m);
    expect(stdout).not.toMatch(/^ML backend: (?!cpu)/m);
    expect(stdout).toMatch(/^Benchmark: .* on cpu /m);
    expect(stdout).toMatch(/^ok Database: .*montage\.db · integrity not created yet$/m);
    expect(`${stdout}${stderr}`).not.toContain('Hi, looks like');
  });

  it('doctor --json reports the forced backend, integrity and backups', async () => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'));
    await makeBackup(db, join(home.dir, 'backups'));
    db.close();
    const { code, stdout, stderr } = await montage(['doctor', '--steps', '2', '--backend', 'cpu', '--json', '--data-dir', home.dir]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      forcedBackend: string;
      benchmark: { backend: string };
      backend: { name: string };
      database: { backups: { count: number; newest: string } };
    };
    expect(report.forcedBackend).toBe('cpu');
    expect(report.benchmark.backend).toBe('cpu');
    expect(report.backend.name).toEqual(expect.any(String));
    expect(report.database).toMatchObject({ file: join(home.dir, 'montage.db'), integrity: { exists: true, ok: true, detail: 'ok' } });
    expect(report.database.backups.count).toBeGreaterThanOrEqual(1);
    expect(Date.parse(report.database.backups.newest)).not.toBeNaN();
    expect(`${stdout}${stderr}`).not.toContain('Hi, looks like');
  });

  it('doctor --backend webgpu, where it cannot run, gives the reason once and does not blame MONTAGE_ML_BACKEND', async () => {
    home = tempHome();
    const { stdout, stderr } = await montage(['doctor', '--steps', '2', '--backend', 'webgpu', '--data-dir', home.dir]);
    const all = `${stdout}\n${stderr}`;
    expect(stdout).toMatch(/^ML backend: webgpu \(forced with --backend\)$/m);
    if (/^Benchmark: .* on webgpu /m.test(stdout)) return; // a machine where WebGPU runs: nothing failed
    expect(all.match(/"webgpu" ML backend was requested/g)).toHaveLength(1);
    expect(stdout).toMatch(/^Benchmark failed on webgpu \(forced with --backend\): /m);
    expect(all).not.toContain('MONTAGE_ML_BACKEND');
  });

  it('doctor reports a damaged database and the way back; restore-backup restores the newest good backup and keeps the damaged file', async () => {
    home = tempHome();
    const file = await damagedWithBackup(home.dir);
    const doctor = await montage(['doctor', '--steps', '2', '--json', '--data-dir', home.dir]);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).database).toMatchObject({ integrity: { ok: false }, backups: { count: 1 } });
    const text = await montage(['doctor', '--steps', '2', '--data-dir', home.dir]);
    expect(text.stdout).toMatch(/^-- Database: .*montage\.db · integrity /m);
    expect(text.stdout).toContain('Run `montage restore-backup`');

    const restored = await montage(['restore-backup', '--json', '--data-dir', home.dir]);
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout) as { ok: boolean; restoredFrom: string; movedAside: string };
    expect(result.ok).toBe(true);
    expect(result.movedAside).toMatch(/montage\.db\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(existsSync(result.movedAside)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n).toBe(400);
    db.close();

    // Healthy now: a second restore is refused rather than replacing good data.
    const again = await montage(['restore-backup', '--data-dir', home.dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/passes its integrity check; nothing to restore/);
    expect(readdirSync(home.dir).filter((n) => /^montage\.db\.damaged-.*Z$/.test(n))).toHaveLength(1);
  });

  it('restore-backup refuses while a Montage holds the data folder, and changes nothing', async () => {
    home = tempHome();
    const file = await damagedWithBackup(home.dir);
    const lock = acquireInstanceLock(home.dir, { shell: 'serve' });
    try {
      const refused = await montage(['restore-backup', '--json', '--data-dir', home.dir]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).error).toMatch(/already running for this data folder/);
      expect(readdirSync(home.dir).filter((n) => n.startsWith('montage.db.damaged-'))).toEqual([]);
      expect(existsSync(file)).toBe(true);
    } finally {
      lock.release();
    }
  });
});
