// Offline rendering, for `npm run bench` (printed by foundation-bench): a 3-minute, 4-track song
// (90 bars at 120 BPM: piano arpeggios and a synth bass in eighths, a pad holding each bar's chord,
// drums with hi-hats in eighths; src/workers/render/test/songs.ts) rendered to WAV exactly as
// `montage export --format wav` does: the built render thread (dist/workers/render-thread.js),
// the app's instruments on node-web-audio-api, tracks shared between four contexts, the cymbals
// rendered only where they ring (src/workers/render/sparse-voices.ts). Wall-clock time
// from the request to the WAV bytes (starting the thread, loading Tone.js, decoding the piano
// samples, rendering, encoding), and the process's CPU time over it (all threads), which a busy
// machine disturbs less. Target: 20× realtime.
// Run alone with `tsx bench/render-bench.ts` (after `node scripts/build.mjs --node-only`).
import { packageRoot } from '../src/main/paths';
import { renderSongOffThread, renderThreadEntry } from '../src/workers/render/render-off-thread';
import { demoSong } from '../src/workers/render/test/songs';
import type { PrintLine } from './ws-load-bench';

export async function renderBench(line: PrintLine, bars = 90): Promise<void> {
  const song = demoSong(bars);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { stats } = await renderSongOffThread(song, { entry: renderThreadEntry(packageRoot()) });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const songSeconds = bars * 2;
  line(`offline render ${songSeconds / 60}-min ${song.tracks.length}-track song`, `${seconds.toFixed(1)} s (${(songSeconds / seconds).toFixed(1)}× realtime)`);
  line(
    '  of which',
    `piano samples ${stats.sampleSeconds.toFixed(2)} s · CPU ${((used.user + used.system) / 1e6).toFixed(1)} s in ${stats.contexts} contexts and ${stats.windows} short ones · ${stats.durationSeconds} s of audio`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await renderBench((name, value) => console.log(`${name.padEnd(44)} ${value}`), Number(process.argv[2] ?? 90));
}
