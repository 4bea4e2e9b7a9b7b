// Songs over the WebSocket API, for `npm run bench` (printed by foundation-bench): against a real
// `montage serve` process,
//   1. a 100-note edit acknowledged (documents.edit round trip, saved in SQLite before the answer):
//      p50/p95 over 200 edits on an open 2,000-note song (target p95 < 20 ms);
//   2. opening a 10,000-note song from the database (documents.open round trip after a close, so
//      the host loads snapshot + log rather than its cache): median (target < 300 ms);
//   3. importing a ~1 MB, 16-track MIDI file (documents.importMidi round trip: upload, reading in
//      the host's MIDI thread, checks, the SQLite write): median of 5 (target < 200 ms).
// Run alone with `tsx bench/documents-bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tonejsMidi from '@tonejs/midi';
import { stopIdleMidiThreads } from '../src/main/documents/parse-midi-off-thread';
import { WsStudioClient } from '../src/main/server/ws-client';
import { setPitch, songWithNotes } from '../src/main/test/songs';
import { quantile, type PrintLine, type StartServe } from './ws-load-bench';

export async function documentsBench(serve: StartServe, line: PrintLine, edits = 200, opens = 10): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  const client = await WsStudioClient.connect(s.port, s.token);
  try {
    const project = await client.call('projects', 'create', { name: 'Bench' });
    const song = await client.call('documents', 'create', { projectId: project.id, kind: 'song', name: 'Edits', content: songWithNotes(2000) });
    await client.call('documents', 'open', { id: song.id });
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const ops = setPitch((i * 100) % 1900, 100, 40 + (i % 40));
      const t0 = performance.now();
      await client.call('documents', 'edit', { id: song.id, baseRev: i, ops, label: 'Transpose notes' });
      times.push(performance.now() - t0);
    }
    line('documents.edit, 100 notes, acknowledged', `p50 ${quantile(times, 0.5).toFixed(2)} ms · p95 ${quantile(times, 0.95).toFixed(2)} ms (${edits} edits, 2,000-note song)`);

    const big = await client.call('documents', 'create', { projectId: project.id, kind: 'song', name: 'Big', content: songWithNotes(10_000) });
    // A few edits so opening replays a log, as it would after a session of work.
    await client.call('documents', 'open', { id: big.id });
    for (let i = 0; i < 20; i++) await client.call('documents', 'edit', { id: big.id, baseRev: i, ops: setPitch(i * 10, 10, 60), label: 'Move notes' });
    const openTimes: number[] = [];
    for (let i = 0; i < opens; i++) {
      await client.call('documents', 'close', { id: big.id });
      const t0 = performance.now();
      await client.call('documents', 'open', { id: big.id });
      openTimes.push(performance.now() - t0);
    }
    line('documents.open, 10,000-note song (from DB)', `median ${quantile(openTimes, 0.5).toFixed(1)} ms · max ${Math.max(...openTimes).toFixed(1)} ms (${opens} opens, 20-edit log)`);

    const midi = busyMidi(16, 7000);
    const importTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await client.call('documents', 'importMidi', { projectId: project.id, name: `Import ${i}`, data: midi.base64 });
      importTimes.push(performance.now() - t0);
    }
    line(
      'documents.importMidi, ~1 MB MIDI file',
      `median ${quantile(importTimes, 0.5).toFixed(0)} ms · first (reader cold) ${importTimes[0]!.toFixed(0)} ms (${(midi.bytes / 1e6).toFixed(2)} MB, 16 tracks, ${midi.notes.toLocaleString('en')} notes, 5 imports)`,
    );
  } finally {
    client.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  await firstImportPrepared(serve, line);
}

/** As the app does when a file is dragged over the window: documents.prepareImport, then the import, on a fresh host. */
async function firstImportPrepared(serve: StartServe, line: PrintLine): Promise<void> {
  // The hosts share this process's MIDI threads: end the warm one the first host left.
  await stopIdleMidiThreads();
  const dir = mkdtempSync(join(tmpdir(), 'montage-bench-'));
  const s = await serve(dir);
  const client = await WsStudioClient.connect(s.port, s.token);
  try {
    const project = await client.call('projects', 'create', { name: 'Bench' });
    const midi = busyMidi(16, 7000);
    const t0 = performance.now();
    await client.call('documents', 'prepareImport', {});
    const prepared = performance.now() - t0;
    const t1 = performance.now();
    await client.call('documents', 'importMidi', { projectId: project.id, name: 'First', data: midi.base64 });
    line('documents.importMidi, first on a fresh host after prepareImport', `${(performance.now() - t1).toFixed(0)} ms (prepareImport itself ${prepared.toFixed(0)} ms, while the file is dragged)`);
  } finally {
    client.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A multi-track MIDI file of `tracks` × `perTrack` notes (16 × 7,000: ~1 MB, like a dense orchestral file). */
function busyMidi(tracks: number, perTrack: number): { base64: string; bytes: number; notes: number } {
  const midi = new tonejsMidi.Midi();
  for (let t = 0; t < tracks; t++) {
    const track = midi.addTrack();
    track.channel = t === 9 ? 10 : t;
    for (let i = 0; i < perTrack; i++) track.addNote({ midi: 40 + ((i * 7 + t) % 40), time: i * 0.05, duration: 0.2, velocity: 0.7 });
  }
  const bytes = Buffer.from(midi.toArray());
  return { base64: bytes.toString('base64'), bytes: bytes.length, notes: tracks * perTrack };
}

// Standalone: an in-process host on a temp folder (foundation-bench spawns `montage serve` instead).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { createHost } = await import('../src/main/host');
  const { startServer } = await import('../src/main/server/serve');
  const { rendererDir } = await import('../src/main/paths');
  await documentsBench(
    async (dataDir) => {
      const host = createHost({ dataDir, shell: 'serve', probe: false });
      const server = await startServer({ host, rendererDir: rendererDir() });
      return { port: server.port, token: server.token, stop: async () => (await server.close(), host.close()) };
    },
    (name, value) => console.log(`${name.padEnd(44)} ${value}`),
  );
}
