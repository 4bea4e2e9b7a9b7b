// The render thread as the CLI uses it: the built entry (dist/workers/render-thread.js), Tone.js on
// node-web-audio-api with the app's instruments, real piano samples. Every instrument kind must
// sound, a render must have the length the plan says, and rendering twice (or in one context
// instead of two) must give the same loudness.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { presetForProgram, type InstrumentKind } from '../../shared/sound/playback-logic';
import { renderSampleRate, renderTailSeconds } from '../../shared/sound/render-plan';
import { renderSongOffThread, renderThreadEntry } from './render-off-thread';
import { demoSong } from './test/songs';
import { readWav, rms } from './test/wav-reader';

// Workers never import the host, its paths module included: the package root is three folders up.
const entry = renderThreadEntry(join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
const render = async (song: NoteSequence, options: { region?: { start: number; end: number }; parallel?: number } = {}) => {
  const { wav, stats } = await renderSongOffThread(song, { entry, ...options });
  return { wav: readWav(wav), stats };
};

describe('the render thread (built, node-web-audio-api)', () => {
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });

  it('renders a song to 44.1 kHz 16-bit stereo, the length of its bars plus the tail, and not silent', async () => {
    const song = demoSong(4);
    const progress: number[] = [];
    const { wav, stats } = await renderSongOffThread(song, { entry, onProgress: (f) => progress.push(f) }).then((r) => ({ wav: readWav(r.wav), stats: r.stats }));
    expect(wav).toMatchObject({ sampleRate: 44_100, channels: 2, bitsPerSample: 16 });
    expect(wav.frames).toBe((8 + renderTailSeconds) * renderSampleRate);
    expect(stats).toMatchObject({ durationSeconds: 8 + renderTailSeconds, tracks: 4, contexts: 4 });
    expect(rms(wav, 0, 8)).toBeGreaterThan(0.02);
    // Every bar sounds; the tail dies away and the last half second is quiet.
    for (let s = 0; s < 8; s += 2) expect(rms(wav, s, s + 2), `bar at ${s} s`).toBeGreaterThan(0.01);
    expect(rms(wav, 9.5, 10)).toBeLessThan(rms(wav, 0, 8) / 20);
    expect(wav.samples.reduce((peak, x) => Math.max(peak, Math.abs(x)), 0)).toBeLessThan(1);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('sounds every instrument of the app: piano, FM, AM, pluck, bass, poly and the drum kit', async () => {
    const kinds = new Map<InstrumentKind, number>([
      ['piano', 0],
      ['fm', 9],
      ['am', 17],
      ['pluck', 25],
      ['bass', 33],
      ['poly', 81],
    ]);
    for (const [kind, program] of kinds) expect(presetForProgram(program)).toBe(kind);
    const song = demoSong(1, ['piano', 'drums']);
    const melody = song.tracks[0] as NoteSequence['tracks'][number];
    const drums = song.tracks[1] as NoteSequence['tracks'][number];
    // Every GM drum key the kit maps, a sixteenth apart.
    const kit = { ...drums, notes: Array.from({ length: 48 }, (_, i) => ({ id: `d${i}`, pitch: 35 + i, velocity: 100, start: i * 120, duration: 120 })) };
    const cases: [string, NoteSequence][] = [...kinds].map(([kind, program]) => [kind, { ...song, tracks: [{ ...melody, program }] }]);
    cases.push(['drums', { ...song, tracks: [kit] }]);
    for (const [kind, one] of cases) {
      const { wav } = await render(one, { parallel: 1 });
      expect(rms(wav, 0, 2), kind).toBeGreaterThan(0.005);
    }
  });

  it('renders a region from its first tick, and the same loudness twice and in one context or two', async () => {
    const song = demoSong(4);
    const region = await render(song, { region: { start: 1920 * 2, end: 1920 * 3 } });
    expect(region.wav.frames).toBe((2 + renderTailSeconds) * renderSampleRate);
    const whole = await render(song, { parallel: 2 });
    const again = await render(song, { parallel: 2 });
    const single = await render(song, { parallel: 1 });
    expect(single.stats.contexts).toBe(1);
    const loudness = rms(whole.wav, 0, 8);
    // Noise voices (hats, snare) start at a random point of Tone's noise buffer, so renders differ
    // in their samples, never in their loudness.
    expect(Math.abs(rms(again.wav, 0, 8) - loudness) / loudness).toBeLessThan(0.02);
    expect(Math.abs(rms(single.wav, 0, 8) - loudness) / loudness).toBeLessThan(0.02);
    // Bar 3 rendered alone is bar 3 of the whole song, once the releases of bar 2 (which the
    // region leaves out: its notes start before it) have died away.
    const bar3 = rms(whole.wav, 5.2, 6);
    expect(Math.abs(rms(region.wav, 1.2, 2) - bar3) / bar3).toBeLessThan(0.1);
  });

  it('renders an empty song as silence of one bar plus the tail', async () => {
    const song = demoSong(0);
    const { wav, stats } = await render(song);
    expect(stats.tracks).toBe(0);
    expect(wav.frames).toBe((2 + renderTailSeconds) * renderSampleRate);
    expect(rms(wav)).toBe(0);
  });
});
