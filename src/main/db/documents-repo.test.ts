// documents-repo's large writes: a large song's commit skips SQLite's automatic WAL checkpoint,
// which runs a moment later instead (the song is saved and readable at once, the connection's
// setting comes back, and the WAL is checkpointed after); JSON given as UTF-8 bytes (from the MIDI
// thread) is stored as text, exactly as the string would be.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../shared/api';
import type { DocumentId, ProjectId } from '../../shared/ids';
import { tempHome } from '../test/temp-home';
import { openDatabase, type Db } from './database';
import { createDocumentsRepo } from './documents-repo';

describe('documents repo, large writes', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let db: Db | undefined;
  afterEach(() => {
    db?.close();
    home?.remove();
  });

  it('saves a large snapshot at once and checkpoints the WAL a moment later', async () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'Big', 1, 1);
    const repo = createDocumentsRepo(db);
    const info: DocumentInfo = { id: 'd1' as DocumentId, projectId: 'p1' as ProjectId, kind: 'song', name: 'Big', rev: 0, createdAt: 1, updatedAt: 1 };
    const content = JSON.stringify({ notes: 'x'.repeat(8 * 1024 * 1024) }); // 2,048 pages: past the 1,000-page autocheckpoint
    const file = join(home.dir, 'montage.db');
    const before = statSync(file).size;

    repo.writeLarge(() => repo.insert(info, content));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(repo.newestSnapshot('d1')?.contentJson).toBe(content);
    // Committed to the WAL, not yet copied into the database file…
    expect(statSync(file).size - before).toBeLessThan(1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // …which the checkpoint after it did.
    expect(statSync(file).size - before).toBeGreaterThan(8 * 1024 * 1024);
  });

  it('stores JSON given as UTF-8 bytes as text, the same as the string', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    db.prepare('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('p1', 'Names', 1, 1);
    const repo = createDocumentsRepo(db);
    const json = JSON.stringify({ name: 'Café ♪ 夜 🎹' });
    const doc = (id: string): DocumentInfo => ({ id: id as DocumentId, projectId: 'p1' as ProjectId, kind: 'song', name: id, rev: 0, createdAt: 1, updatedAt: 1 });
    repo.write(() => {
      repo.insert(doc('from-string'), json);
      repo.insert(doc('from-bytes'), new TextEncoder().encode(json));
    });
    const rows = db.prepare('SELECT doc_id, typeof(content_json) AS type, content_json FROM document_snapshots ORDER BY doc_id').all();
    expect(rows).toEqual([
      { doc_id: 'from-bytes', type: 'text', content_json: json },
      { doc_id: 'from-string', type: 'text', content_json: json },
    ]);
  });

  it('restores the setting when the write fails', () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    const repo = createDocumentsRepo(db);
    expect(() =>
      repo.writeLarge(() => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
