// Rolling backups with SQLite's online backup API, and choosing the newest good one to restore.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../test/temp-home';
import { backupIfDue, checkIntegrity, listBackups, makeBackup, restoreNewestGoodBackup, startBackups } from './backups';
import { openDatabase, type Db } from './database';

const day = 24 * 60 * 60 * 1000;

describe('database backups', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db | undefined;
  afterEach(() => {
    if (db?.open) db.close();
    home?.remove();
  });

  it('keeps the newest five and backs up only when the newest is a day old', async () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    const dir = join(home.dir, 'backups');
    const t0 = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 7; i++) await makeBackup(db, dir, t0 + i * day);
    const kept = listBackups(dir);
    expect(kept.map((b) => b.at)).toEqual([6, 5, 4, 3, 2].map((i) => t0 + i * day));
    expect(await backupIfDue(db, dir, t0 + 6 * day + day - 1)).toBeNull();
    expect(await backupIfDue(db, dir, t0 + 7 * day)).toMatch(/montage-2030-01-08T00-00-00-000Z\.db$/);
    expect(checkIntegrity(kept[0]!.path)).toEqual({ exists: true, ok: true, detail: 'ok' });
  });

  it('makes a consistent copy at start when there is none, holding what was committed', async () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    db = openDatabase(file);
    db.prepare("INSERT INTO events (at, type, data_json) VALUES (1, 'before the backup', '{}')").run();
    const backups = startBackups(db, file);
    const path = await backups.first;
    backups.stop();
    expect(path).not.toBeNull();
    const copy = new Database(path!, { readonly: true });
    expect(copy.prepare('SELECT type FROM events').all()).toEqual([{ type: 'before the backup' }]);
    copy.close();
  });

  it('restores the newest backup that passes quick_check, skipping a broken newer one, and moves the damaged file aside', async () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    db = openDatabase(file);
    db.prepare("INSERT INTO events (at, type, data_json) VALUES (1, 'good', '{}')").run();
    const dir = join(home.dir, 'backups');
    const good = await makeBackup(db, dir, Date.UTC(2030, 0, 1));
    const broken = await makeBackup(db, dir, Date.UTC(2030, 0, 2));
    db.close();
    writeFileSync(broken, 'not a database '.repeat(500));
    writeFileSync(file, 'also not a database '.repeat(500));
    const result = restoreNewestGoodBackup(file, { now: Date.UTC(2030, 0, 3) });
    expect(result).toEqual({ restoredFrom: good, movedAside: `${file}.damaged-2030-01-03T00-00-00-000Z` });
    expect(existsSync(result.movedAside!)).toBe(true);
    db = openDatabase(file);
    expect(db.prepare('SELECT type FROM events').all()).toEqual([{ type: 'good' }]);
  });

  it('says so when there is no backup to restore', () => {
    home = tempHome();
    const file = join(home.dir, 'montage.db');
    writeFileSync(file, 'junk '.repeat(1000));
    expect(() => restoreNewestGoodBackup(file)).toThrow(/There are no backups in .*backups\. Move .*montage\.db aside to start fresh/);
    expect(existsSync(file)).toBe(true);
  });
});
