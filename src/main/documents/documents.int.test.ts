// Songs through the real host over serve mode: temp MONTAGE_HOME, real SQLite, real WebSocket
// clients (the way two browser windows would talk to it).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentInfo, StudioEvents } from '../../shared/api';
import { applySongOps } from '../../shared/music';
import { createHost, type Host } from '../host';
import { rendererDir } from '../paths';
import { startServer, type RunningServer } from '../server/serve';
import { WsStudioClient } from '../server/ws-client';
import { setPitch, songWithNotes } from '../test/songs';
import { tempHome } from '../test/temp-home';

type Changed = StudioEvents['onDocumentChanged'];

describe('documents over the real host', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host | undefined;
  let server: RunningServer | undefined;
  const clients: WsStudioClient[] = [];

  async function boot(): Promise<void> {
    host = createHost({ dataDir: home.dir, shell: 'serve', probe: false });
    server = await startServer({ host, rendererDir: rendererDir() });
  }
  async function connect(): Promise<WsStudioClient> {
    const c = await WsStudioClient.connect(server!.port, server!.token);
    clients.push(c);
    return c;
  }
  async function shutdown(): Promise<void> {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    host?.close();
    server = undefined;
    host = undefined;
  }
  async function song(c: WsStudioClient, notes = 20): Promise<DocumentInfo> {
    const project = await c.call('projects', 'create', { name: 'Demo' });
    return c.call('documents', 'create', { projectId: project.id, kind: 'song', name: 'Song', content: songWithNotes(notes) });
  }
  /** Waits (bounded) until `ok()` holds: events may arrive before or after the call's own answer. */
  async function until(ok: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  }
  /** Collects onDocumentChanged events a client receives. */
  const recorder = (c: WsStudioClient): Changed[] => {
    const seen: Changed[] = [];
    c.on('onDocumentChanged', (e) => seen.push(e));
    return seen;
  };

  afterEach(async () => {
    await shutdown();
    home.remove();
  });

  it('persists edits and undo/redo history across a host restart', async () => {
    home = tempHome();
    await boot();
    let c = await connect();
    const doc = await song(c);
    await c.call('documents', 'open', { id: doc.id });
    await c.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(0, 4, 60), label: 'Transpose notes' });
    await c.call('documents', 'edit', { id: doc.id, baseRev: 1, ops: setPitch(10, 2, 70), label: 'Move notes' });
    await c.call('documents', 'undo', { id: doc.id });
    const before = await c.call('documents', 'open', { id: doc.id });

    await shutdown();
    await boot();
    c = await connect();
    const after = await c.call('documents', 'open', { id: doc.id });
    expect(after.content).toEqual(before.content);
    expect(after.info.rev).toBe(3);
    expect(after.history).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Transpose notes', redoLabel: 'Move notes' });
    await c.call('documents', 'redo', { id: doc.id });
    const redone = await c.call('documents', 'open', { id: doc.id });
    expect(redone.content.tracks[0]?.notes.find((n) => n.id === 'n10')?.pitch).toBe(70);
    await c.call('documents', 'undo', { id: doc.id });
    await c.call('documents', 'undo', { id: doc.id });
    expect((await c.call('documents', 'open', { id: doc.id })).content).toEqual(songWithNotes(20));
  });

  it('sends a document’s changes only to the clients that opened it; two windows converge', async () => {
    home = tempHome();
    await boot();
    const a = await connect();
    const b = await connect();
    const third = await connect();
    const [seenA, seenB, seenThird] = [recorder(a), recorder(b), recorder(third)];
    const listEvents: string[] = [];
    third.on('onDocumentsChanged', (e) => listEvents.push(e.reason));
    const doc = await song(a);
    await a.call('documents', 'open', { id: doc.id });
    await b.call('documents', 'open', { id: doc.id });

    // Both edit at once from revision 0, on different notes: both land, one of them rebased.
    const [ra, rb] = await Promise.all([
      a.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(0, 1, 60), label: 'A' }),
      b.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(1, 1, 61), label: 'B' }),
    ]);
    expect([ra.rebased, rb.rebased].sort()).toEqual([false, true]);
    await a.call('documents', 'undo', { id: doc.id });
    await until(() => seenB.length === 3 && seenA.length === 3);

    expect(seenA.map((e) => [e.rev, e.reason])).toEqual([[1, 'edit'], [2, 'edit'], [3, 'undo']]);
    expect(seenB).toEqual(seenA);
    // Replaying the events on the content each window opened gives the host's content.
    const latest = await a.call('documents', 'open', { id: doc.id });
    let mirror = songWithNotes(20);
    for (const e of seenB) mirror = applySongOps(mirror, e.ops).song;
    expect(mirror).toEqual(latest.content);
    expect((await b.call('documents', 'open', { id: doc.id })).content).toEqual(latest.content);
    // The undo took back the edit that landed second (the rebased one); the first stays.
    expect(latest.content.tracks[0]?.notes.slice(0, 2).map((n) => n.pitch)).toEqual(ra.rebased ? [48, 61] : [60, 49]);

    // The third client heard the list change but none of the document's edits.
    expect(listEvents).toEqual(['created']);
    expect(seenThird).toEqual([]);

    // A closed connection drops its subscription; `close` ends one.
    b.close();
    await new Promise((r) => setTimeout(r, 100));
    await a.call('documents', 'close', { id: doc.id });
    await third.call('documents', 'open', { id: doc.id });
    await a.call('documents', 'edit', { id: doc.id, baseRev: 3, ops: setPitch(2, 1, 62), label: 'C' });
    await until(() => seenThird.length === 1);
    expect(seenThird.map((e) => e.rev)).toEqual([4]);
    expect(seenA).toHaveLength(3);
  });

  it('rebases a stale edit on other notes and refuses one on a deleted note, losing neither silently', async () => {
    home = tempHome();
    await boot();
    const a = await connect();
    const doc = await song(a);
    await a.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: [{ type: 'removeNotes', trackId: 't1', noteIds: ['n3'] }], label: 'Delete note' });
    expect(await a.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(4, 1, 80), label: 'Move' })).toMatchObject({ rev: 2, rebased: true });
    await expect(a.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(3, 1, 80), label: 'Move' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('This song changed in another window and your edit no longer applies'),
    });
    const now = await a.call('documents', 'open', { id: doc.id });
    expect(now.info.rev).toBe(2);
    expect(now.content.tracks[0]?.notes.map((n) => n.id)).not.toContain('n3');
    expect(now.content.tracks[0]?.notes.find((n) => n.id === 'n4')?.pitch).toBe(80);
  });

  it('answers a locked database with unavailable and keeps the song at its saved revision', async () => {
    home = tempHome();
    await boot();
    const a = await connect();
    const seen = recorder(a);
    const doc = await song(a);
    await a.call('documents', 'open', { id: doc.id });
    const other = new Database(join(home.dir, 'montage.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      await expect(a.call('documents', 'edit', { id: doc.id, baseRev: 0, ops: setPitch(0, 1, 99), label: 'Move' })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/montage\.db: another program is holding it locked/),
      });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const still = await a.call('documents', 'open', { id: doc.id });
    expect(still.info.rev).toBe(0);
    expect(still.content).toEqual(songWithNotes(20));
    expect(seen).toEqual([]);
    await shutdown();
    await boot();
    const b = await connect();
    expect((await b.call('documents', 'open', { id: doc.id })).info.rev).toBe(0);
  });

  it('refuses a file that is not MIDI and leaves the project without a song', async () => {
    home = tempHome();
    await boot();
    const a = await connect();
    const project = await a.call('projects', 'create', { name: 'Imports' });
    await expect(
      a.call('documents', 'importMidi', { projectId: project.id, name: 'x', data: Buffer.from('RIFF....WAVEfmt not midi').toString('base64') }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await a.call('documents', 'list', { projectId: project.id })).toEqual([]);
  });
});
