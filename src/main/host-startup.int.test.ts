// The host's start-up under a database another program holds locked: a clear error naming the
// file, and nothing left behind (the data folder's lock is free, so the next start works).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from './host';
import { readInstanceLock } from './instance-lock';
import { tempHome } from './test/temp-home';

describe('host start-up', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  afterEach(() => home?.remove());

  it('refuses to start on a database another program holds locked, with the path, and frees the folder', () => {
    home = tempHome();
    const dir = home.dir;
    createHost({ dataDir: dir, shell: 'cli', probe: false }).close();
    const other = new Database(`${dir}/montage.db`);
    other.exec('BEGIN IMMEDIATE');
    try {
      let error: unknown;
      try {
        createHost({ dataDir: dir, shell: 'cli', probe: false }).close();
      } catch (err) {
        error = err;
      }
      expect(String((error as Error | undefined)?.message)).toMatch(/montage\.db/);
      expect(String((error as Error).message)).toMatch(/lock/i);
      expect(readInstanceLock(dir)).toBeUndefined();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const again = createHost({ dataDir: dir, shell: 'cli', probe: false });
    expect(readInstanceLock(dir)?.pid).toBe(process.pid);
    again.close();
  });
});
