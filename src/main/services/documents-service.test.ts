import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvents } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { openDatabase, type Db } from '../db/database';
import { createDocumentsRepo } from '../db/documents-repo';
import { createEventsRepo } from '../db/events-repo';
import { EventLog } from './event-log';
import { createProjectsRepo } from '../db/projects-repo';
import { setPitch, songWithNotes } from '../test/songs';
import { tempHome } from '../test/temp-home';
import { snapshotEveryRevs } from '../documents/document-store';
import { createDocumentsService, type HostDocumentsService } from './documents-service';
import { createEventBus, type EventBus } from './event-bus';

const pitchOf = (content: { tracks: { notes: { id: string; pitch: number }[] }[] }, id: string): number | undefined =>
  content.tracks[0]?.notes.find((n) => n.id === id)?.pitch;

describe('documents service on a real SQLite file', () => {
  let home: ReturnType<typeof tempHome>;
  let db: Db;
  let bus: EventBus;
  let service: HostDocumentsService;
  let projectId: ProjectId;
  let clock: number;
  const changed: { targets: readonly string[] | undefined; payload: StudioEvents['onDocumentChanged'] }[] = [];

  const makeService = (): HostDocumentsService =>
    createDocumentsService({ repo: createDocumentsRepo(db), history: new EventLog(createEventsRepo(db)), bus, now: () => clock++ });

  beforeEach(() => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    clock = 1_000;
    changed.length = 0;
    bus = createEventBus();
    bus.onAny((name, payload, targets) => {
      if (name === 'onDocumentChanged') changed.push({ targets, payload: payload as StudioEvents['onDocumentChanged'] });
    });
    const projects = createProjectsRepo(db);
    projectId = 'f3b1c2d4-0000-4000-8000-000000000001' as ProjectId;
    projects.insert({ id: projectId, name: 'Demo', createdAt: 1, updatedAt: 1, lastOpenedAt: null });
    service = makeService();
  });
  afterEach(() => {
    db.close();
    home.remove();
  });

  it('creates, edits, undoes and redoes, with labels and a rev per change', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Verse', content: songWithNotes(10) });
    expect(doc).toMatchObject({ name: 'Verse', rev: 0, kind: 'song' });
    const opened = await service.open({ id: doc.id }, { clientId: 'a' });
    expect(opened.history).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });

    const e1 = await service.edit({ id: doc.id, baseRev: 0, ops: setPitch(0, 3, 60), label: 'Transpose notes' });
    expect(e1).toEqual({ rev: 1, rebased: false, history: { canUndo: true, canRedo: false, undoLabel: 'Transpose notes', redoLabel: null } });
    const u = await service.undo({ id: doc.id });
    expect(u.rev).toBe(2);
    expect(u.history).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Transpose notes' });
    expect(pitchOf((await service.open({ id: doc.id })).content, 'n0')).toBe(48);
    const r = await service.redo({ id: doc.id });
    expect(r.history).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Transpose notes' });
    expect(pitchOf((await service.open({ id: doc.id })).content, 'n2')).toBe(60);
    await expect(service.redo({ id: doc.id })).rejects.toMatchObject({ code: 'conflict', message: 'There is nothing to redo.' });

    // Events went to the client that opened it, with the ops and reason.
    expect(changed.map((c) => [c.targets, c.payload.rev, c.payload.reason])).toEqual([
      [['a'], 1, 'edit'],
      [['a'], 2, 'undo'],
      [['a'], 3, 'redo'],
    ]);
    await service.close({ id: doc.id }, { clientId: 'a' });
    await service.edit({ id: doc.id, baseRev: 3, ops: setPitch(5, 1, 70), label: 'Move note' });
    expect(changed.at(-1)?.targets).toEqual([]);
  });

  it('groups consecutive edits with the same group into one undo step', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Drag', content: songWithNotes(4) });
    for (let i = 0; i < 5; i++) await service.edit({ id: doc.id, baseRev: i, ops: setPitch(0, 1, 60 + i), group: 'drag-1', label: 'Move note' });
    await service.edit({ id: doc.id, baseRev: 5, ops: setPitch(1, 1, 70), group: 'drag-2', label: 'Move other note' });
    await service.undo({ id: doc.id });
    expect(pitchOf((await service.open({ id: doc.id })).content, 'n1')).toBe(49);
    const back = await service.undo({ id: doc.id });
    expect(back.history).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Move note' });
    expect(pitchOf((await service.open({ id: doc.id })).content, 'n0')).toBe(48);
    await service.redo({ id: doc.id });
    expect(pitchOf((await service.open({ id: doc.id })).content, 'n0')).toBe(64);
  });

  it('rebuilds content and undo history from snapshot + log after a restart', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Long', content: songWithNotes(50) });
    const total = snapshotEveryRevs + 37;
    for (let i = 0; i < total; i++) await service.edit({ id: doc.id, baseRev: i, ops: setPitch(i % 50, 1, 30 + (i % 90)), label: `Edit ${i}` });
    await service.undo({ id: doc.id });
    await service.undo({ id: doc.id });
    await service.redo({ id: doc.id });
    const before = await service.open({ id: doc.id });
    // The snapshot is newer than creation, and only the newest one is kept.
    const snaps = db.prepare('SELECT rev FROM document_snapshots WHERE doc_id = ?').all(doc.id) as { rev: number }[];
    expect(snaps).toEqual([{ rev: snapshotEveryRevs }]);

    const fresh = makeService();
    const after = await fresh.open({ id: doc.id });
    expect(after.content).toEqual(before.content);
    expect(after.info.rev).toBe(total + 3);
    expect(after.history).toEqual(before.history);
    expect(after.history.undoLabel).toBe(`Edit ${total - 2}`);
    expect(after.history.redoLabel).toBe(`Edit ${total - 1}`);
    // The redo stack came back too: redoing re-applies the last edit.
    const last = total - 1;
    expect(pitchOf(after.content, `n${last % 50}`)).not.toBe(30 + (last % 90));
    await fresh.redo({ id: doc.id });
    expect(pitchOf((await fresh.open({ id: doc.id })).content, `n${last % 50}`)).toBe(30 + (last % 90));
  });

  it('rebases a stale edit that still applies and refuses one that does not', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Shared', content: songWithNotes(10) });
    await service.edit({ id: doc.id, baseRev: 0, ops: setPitch(0, 1, 60), label: 'Window A' });
    const b = await service.edit({ id: doc.id, baseRev: 0, ops: setPitch(5, 1, 61), label: 'Window B' });
    expect(b).toMatchObject({ rev: 2, rebased: true });
    const content = (await service.open({ id: doc.id })).content;
    expect([pitchOf(content, 'n0'), pitchOf(content, 'n5')]).toEqual([60, 61]);

    await service.edit({ id: doc.id, baseRev: 2, ops: [{ type: 'removeNotes', trackId: 't1', noteIds: ['n7'] }], label: 'Delete note' });
    await expect(service.edit({ id: doc.id, baseRev: 2, ops: setPitch(7, 1, 62), label: 'Move note' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^This song changed in another window and your edit no longer applies: .+\. The song now shows the latest version\.$/),
    });
    await expect(service.edit({ id: doc.id, baseRev: 9, ops: setPitch(1, 1, 62), label: 'Future' })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect((await service.open({ id: doc.id })).info.rev).toBe(3);
  });

  it('keeps memory at the saved revision when the database is locked during an edit', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Locked', content: songWithNotes(5) });
    await service.open({ id: doc.id }, { clientId: 'a' });
    const other = new Database(join(home.dir, 'montage.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      await expect(service.edit({ id: doc.id, baseRev: 0, ops: setPitch(0, 1, 99), label: 'Move' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/another program is holding it locked/),
      });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const now = await service.open({ id: doc.id });
    expect(now.info.rev).toBe(0);
    expect(pitchOf(now.content, 'n0')).toBe(48);
    expect(now.history.canUndo).toBe(false);
    expect(changed).toHaveLength(0);
    // The same edit, retried, is not "stale" and applies once.
    expect(await service.edit({ id: doc.id, baseRev: 0, ops: setPitch(0, 1, 99), label: 'Move' })).toMatchObject({ rev: 1, rebased: false });
  });

  it('hides documents of a trashed project and deleted documents', async () => {
    const doc = await service.create({ projectId, kind: 'song', name: 'Gone', content: songWithNotes(2) });
    const keep = await service.create({ projectId, kind: 'song', name: 'Kept' });
    await service.delete({ id: doc.id });
    expect((await service.list({ projectId })).map((d) => d.name)).toEqual(['Kept']);
    await expect(service.open({ id: doc.id })).rejects.toMatchObject({ code: 'not-found' });
    await service.open({ id: keep.id }, { clientId: 'a' });
    createProjectsRepo(db).trash(projectId, 5);
    await expect(service.list({ projectId })).rejects.toMatchObject({ code: 'not-found', message: /project no longer exists/ });
    await expect(service.open({ id: keep.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.edit({ id: keep.id, baseRev: 0, ops: [{ type: 'setTempos', tempos: [{ tick: 0, bpm: 90 }] }], label: 'Tempo' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(service.create({ projectId, kind: 'song', name: 'Late' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a MIDI import that is not MIDI and writes nothing', async () => {
    await expect(service.importMidi({ projectId, name: 'Junk', data: Buffer.from('hello, not a midi file').toString('base64') })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(service.importMidi({ projectId, data: 'not base64!' })).rejects.toMatchObject({ code: 'invalid-argument', message: /base64/ });
    expect(await service.list({ projectId })).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events WHERE type LIKE ?').get('document.%')).toEqual({ n: 0 });
  });

  it('refuses content whose ids clash', async () => {
    const song = songWithNotes(3);
    song.tracks[0]!.notes[1]!.id = 'n0';
    await expect(service.create({ projectId, kind: 'song', name: 'Bad', content: song })).rejects.toMatchObject({ code: 'invalid-argument', message: /Two notes have the id “n0”/ });
  });
});
