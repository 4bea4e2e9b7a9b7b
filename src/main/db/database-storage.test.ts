// What openDatabase and the repos do when storage goes wrong: a damaged file, a read-only one, a
// lock held by another program, a full disk; and the owner-only modes of everything it creates.
import Database from 'better-sqlite3';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataPaths, ensureDataDirs } from '../paths';
import { closeAndCorruptMiddlePage, fillRows } from '../test/damaged-database';
import { tempHome } from '../test/temp-home';
import { makeBackup } from './backups';
import { openDatabase, type Db } from './database';
import { createEventsRepo } from './events-repo';
import { createJobsRepo } from './jobs-repo';
import { retryStorageWrite, StorageError } from './storage-errors';

const mode = (path: string): number => statSync(path).mode & 0o777;
const isRoot = process.getuid?.() === 0;

/** Fills a database with rows, then overwrites a page in the middle of its B-tree with junk. */
function damage(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  fillRows(db);
  closeAndCorruptMiddlePage(db, file);
}

describe('database storage', () => {
  let home: ReturnType<typeof tempHome>;
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    home?.remove();
  });

  it('refuses a damaged database with a message naming it, its backups and `montage restore-backup`, and leaves it as is', async () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const good = openDatabase(file);
    await makeBackup(good, join(home.dir, 'backups'));
    good.close();
    damage(file);
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(
      new RegExp(`Montage cannot use its database ${file}: the file is damaged \\(.+\\)\\. Run \`montage restore-backup\` .*1 backup in ${home.dir}/backups`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('makes the data folders 0700 and the database with its -wal and -shm 0600, tightening older 0755/0644 ones', () => {
    home = tempHome();
    const paths = dataPaths(join(home.dir, 'data'));
    ensureDataDirs(paths);
    const db = openDatabase(paths.database);
    open.push(db);
    db.prepare("INSERT INTO events (at, type, data_json) VALUES (1, 'x', '{}')").run();
    for (const dir of [paths.root, paths.models, paths.logs, paths.backups]) expect(mode(dir)).toBe(0o700);
    for (const f of ['', '-wal', '-shm']) expect(mode(`${paths.database}${f}`)).toBe(0o600);
    db.close();

    chmodSync(paths.root, 0o755);
    chmodSync(paths.logs, 0o755);
    chmodSync(paths.database, 0o644);
    ensureDataDirs(paths);
    open.push(openDatabase(paths.database));
    expect(mode(paths.root)).toBe(0o700);
    expect(mode(paths.logs)).toBe(0o700);
    expect(mode(paths.database)).toBe(0o600);
  });

  it('makes backups 0600 in a 0700 folder', async () => {
    home = tempHome();
    const db = openDatabase(join(home.dir, 'montage.db'));
    open.push(db);
    const path = await makeBackup(db, join(home.dir, 'backups'));
    expect(mode(path)).toBe(0o600);
    expect(mode(join(home.dir, 'backups'))).toBe(0o700);
  });

  it('explains a real SQLITE_READONLY with the path and the fix', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    openDatabase(file).close();
    // As root chmod 0444 stops nothing, so the read-only state comes from SQLite itself.
    const db = openDatabase(file, { readonly: true });
    open.push(db);
    const events = createEventsRepo(db);
    let caught: unknown;
    try {
      events.insertMany([{ at: 1, type: 'document.opened', item: null, projectId: null, sessionId: null, weight: 1, data: {} }]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect(caught).toMatchObject({ code: 'unavailable', problem: 'readonly' });
    expect((caught as Error).message).toContain(`Montage cannot write to its database ${file}: the file or its folder is read-only (attempt to write a readonly database)`);
    expect((caught as Error).message).toContain(`chmod u+w "${file}" "${home.dir}"`);
  });

  it.skipIf(isRoot)('explains a database file made read-only with chmod 0444 (skipped as root: root writes through 0444)', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    openDatabase(file).close();
    chmodSync(file, 0o444);
    let message = '';
    try {
      const db = openDatabase(file);
      open.push(db);
      createEventsRepo(db).insertMany([{ at: 1, type: 'document.opened', item: null, projectId: null, sessionId: null, weight: 1, data: {} }]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(new RegExp(`${file}.*read-only.*chmod u\\+w`));
  });

  it('answers a write during another connection\'s lock with a clear error after a short wait, and retries without blocking', async () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const db = openDatabase(file);
    open.push(db);
    const jobs = createJobsRepo(db);
    const other = new Database(file);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');
    const job = { id: 'j1', kind: 'benchmark', title: 't', status: 'queued', progress: 0, progressText: '', messages: [], backend: null, createdAt: 1, startedAt: null, finishedAt: null, error: null, result: null } as const;
    expect(() => jobs.insert(job as never, {})).toThrow(
      expect.objectContaining({
        code: 'unavailable',
        message: expect.stringMatching(new RegExp(`^Montage could not save to its database ${file}: another program is holding it locked \\(database is locked\\)\\. Close it`)),
      }),
    );
    // The retry waits with timers: the event loop keeps running, and the write lands once the lock goes.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    let releasedAt = -1;
    setTimeout(() => {
      releasedAt = ticks;
      other.exec('ROLLBACK');
    }, 200);
    await retryStorageWrite(() => jobs.insert(job as never, {}));
    clearInterval(ticker);
    expect(releasedAt).toBeGreaterThanOrEqual(1);
    expect(jobs.get('j1')?.title).toBe('t');
  });

  it('reports a full disk (max_page_count) as such and does not retry it', async () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    const db = openDatabase(file);
    open.push(db);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const events = createEventsRepo(db);
    let attempts = 0;
    await expect(
      retryStorageWrite(() => {
        attempts++;
        for (let i = 0; i < 200; i++) events.insertMany([{ at: i, type: 'document.opened', item: null, projectId: null, sessionId: null, weight: 1, data: { text: 'x'.repeat(2000) } }]);
      }),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(new RegExp(`^Montage could not save to its database ${file}: the disk is full`)) });
    expect(attempts).toBe(1);
  });
});
