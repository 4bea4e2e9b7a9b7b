// MIDI files are read in a worker thread with a time limit: a file that takes too long neither
// freezes the host (other calls are answered meanwhile) nor runs on forever, and the project is
// left as it was; one thread is kept warm between imports. Uses the real built thread
// (dist/workers/midi-parse-thread.js) and, for a thread that never answers or dies, small stand-in
// thread files.
import { Midi } from '@tonejs/midi';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { MidiImportError, sequenceToMidi } from '../../shared/music/midi-convert';
import { emptySequence } from '../../shared/music/note-sequence';
import { createHost, type Host } from '../host';
import { workerEntry } from '../paths';
import { tempHome } from '../test/temp-home';
import { idleMidiThreads, parseMidiOffThread, stopIdleMidiThreads, warmMidiThread } from './parse-midi-off-thread';

/** One track of `notes` notes. */
function denseMidi(notes: number): Uint8Array {
  const midi = new Midi();
  const track = midi.addTrack();
  for (let i = 0; i < notes; i++) track.addNote({ midi: 36 + (i % 48), time: i * 0.01, duration: 0.5, velocity: 0.8 });
  return midi.toArray();
}
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('MIDI import off the event loop', () => {
  let dir: string;
  let home: ReturnType<typeof tempHome> | undefined;
  let host: Host | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'montage-midi-thread-'));
    // Stand-ins for the thread: one that never answers (busy for ever), one that dies on its first file.
    writeFileSync(join(dir, 'hangs.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { for (;;); });\n");
    writeFileSync(join(dir, 'dies.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    host?.close();
    host = undefined;
    home?.remove();
    home = undefined;
    await stopIdleMidiThreads();
  });

  it('keeps the event loop free while a thread works, and stops it at the time limit', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    const error = await parseMidiOffThread(denseMidi(10), { entry: join(dir, 'hangs.mjs'), timeoutMs: 700 }).then(
      () => null,
      (err: unknown) => err,
    );
    clearInterval(ticker);
    expect(error).toBeInstanceOf(MidiImportError);
    expect((error as Error).message).toMatch(/^Reading that MIDI file took longer than 700 ms, so Montage stopped/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(690);
    expect(ticks).toBeGreaterThan(5);
    // The thread that ran past the limit was ended, not kept for the next file.
    expect(idleMidiThreads()).toBe(0);
  });

  it('reports a thread that dies, and the next file gets a new thread', async () => {
    await expect(parseMidiOffThread(denseMidi(10), { entry: join(dir, 'dies.mjs') })).rejects.toThrow(/The MIDI reader stopped unexpectedly \(exit code 3\)/);
    expect(idleMidiThreads()).toBe(0);
    const parsed = await parseMidiOffThread(denseMidi(10), { entry: workerEntry('midi-parse-thread') });
    expect(parsed.summary).toMatchObject({ tracks: 1, notes: 10 });
  });

  it('keeps one thread warm, gives a second file at the same time a thread of its own, and refuses bad files in the thread', async () => {
    const entry = workerEntry('midi-parse-thread');
    const [a, b] = await Promise.all([parseMidiOffThread(denseMidi(300), { entry }), parseMidiOffThread(denseMidi(200), { entry })]);
    expect([a.summary.notes, b.summary.notes]).toEqual([300, 200]);
    expect(idleMidiThreads()).toBe(1);
    await expect(parseMidiOffThread(new TextEncoder().encode('MThd, but not really'), { entry })).rejects.toThrow(MidiImportError);
    // A refused file does not cost the warm thread.
    expect(idleMidiThreads()).toBe(1);
    const again = await parseMidiOffThread(denseMidi(5), { entry });
    expect(JSON.parse(Buffer.from(again.contentJson).toString('utf8'))).toMatchObject({ ppq: 480, tracks: [{ notes: expect.any(Array) }] });
    expect(idleMidiThreads()).toBe(1);
  });

  it('warms a reader ahead of an import: prepareImport leaves one thread waiting, a second call keeps it, and a reader that dies is no error', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    expect(idleMidiThreads()).toBe(0);
    await expect(host.dispatch('documents', 'prepareImport', {})).resolves.toEqual({ ready: true });
    expect(idleMidiThreads()).toBe(1);
    await host.dispatch('documents', 'prepareImport', {});
    expect(idleMidiThreads()).toBe(1);
    // The warm thread takes the real file.
    const project = await host.api.projects.create({ name: 'Warm' });
    const summary = await host.api.documents.importMidi({ projectId: project.id, name: 'Dense', data: base64(denseMidi(400)) });
    expect(summary.notes).toBe(400);
    expect(idleMidiThreads()).toBe(1);
    await expect(host.dispatch('documents', 'prepareImport', { extra: 1 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await stopIdleMidiThreads();
    await expect(warmMidiThread(join(dir, 'dies.mjs'))).resolves.toBeUndefined();
    expect(idleMidiThreads()).toBe(0);
  });

  it('refuses a file through the API past the limit, answering other calls meanwhile, and writes nothing', async () => {
    home = tempHome();
    // No thread reads 60,000 notes in 5 ms (start-up alone takes longer).
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false, midiParseTimeoutMs: 5 });
    const project = await host.api.projects.create({ name: 'Dense' });
    const importing = host.api.documents.importMidi({ projectId: project.id, name: 'Too slow', data: base64(denseMidi(60_000)) }).then(
      () => null,
      (err: unknown) => err,
    );
    const info = await host.dispatch('system', 'info', {});
    expect(info).toMatchObject({ shell: 'cli' });
    const error = await importing;
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid-argument');
    expect((error as StudioError).message).toMatch(/took longer than 5 ms/);
    expect(await host.api.documents.list({ projectId: project.id })).toEqual([]);
  });

  it('reads files in the thread through the API: a dense one quickly, then an ordinary one', async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false });
    const project = await host.api.projects.create({ name: 'Ordinary' });
    // 60,000 notes in one track: @tonejs/midi took ~3.5 s over them (it paired note-offs by scanning).
    const dense = await host.api.documents.importMidi({ projectId: project.id, name: 'Dense', data: base64(denseMidi(60_000)) });
    expect(dense).toMatchObject({ tracks: 1, notes: 60_000 });
    const summary = await host.api.documents.importMidi({ projectId: project.id, name: 'Riff', data: base64(denseMidi(200)) });
    expect(summary).toMatchObject({ tracks: 1, notes: 200 });
    const opened = await host.api.documents.open({ id: dense.document.id });
    expect(opened.content.tracks[0]?.notes).toHaveLength(60_000);
    // The thread hands over UTF-8 bytes, stored as text: names beyond ASCII come back whole.
    const named = sequenceToMidi({
      ...emptySequence(),
      tracks: [{ id: 't', name: 'Café ♪ 夜 🎹', program: 0, isDrum: false, mute: false, solo: false, volume: 1, pan: 0, notes: [{ id: 'n', pitch: 60, velocity: 90, start: 0, duration: 480 }] }],
    });
    const unicode = await host.api.documents.importMidi({ projectId: project.id, name: 'Names', data: base64(named) });
    expect((await host.api.documents.open({ id: unicode.document.id })).content.tracks[0]?.name).toBe('Café ♪ 夜 🎹');
  });
});
