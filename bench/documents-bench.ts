// Songs over the WebSocket API, for `npm run bench` (printed by foundation-bench): against a real
// `montage serve` process,
//   1. a 100-note edit acknowledged (documents.edit round trip, saved in SQLite before the answer):
//      p50/p95 over 200 edits on an open 2,000-note song (target p95 < 20 ms);
//   2. opening a 10,000-note song from the database (documents.open round trip after a close, so
//      the host loads snapshot + log rather than its cache): median (target < 300 ms).
// Run alone with `tsx bench/documents-bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  } finally {
    client.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
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
