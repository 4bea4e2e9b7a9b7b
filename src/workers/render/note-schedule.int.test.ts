// The render thread's own note schedule (notes played straight on the context's timeline, the
// cymbals rendered only where they ring) against the Transport's, as the app's Render to WAV plays
// them: the same sound. Without the noise voices (hi-hats, snare: Tone starts each at a random
// point of its noise buffer) the two agree to the last bit of the 16-bit file; with them, in the
// loudness of every tenth of a second.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { renderSongOffThread, renderThreadEntry } from './render-off-thread';
import { demoSong } from './test/songs';
import { readWav, rms, type PcmWav } from './test/wav-reader';

const entry = renderThreadEntry(join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
const both = async (song: NoteSequence, parallel = 4): Promise<{ transport: PcmWav; direct: PcmWav; windows: number }> => {
  const transport = await renderSongOffThread(song, { entry, parallel, scheduler: 'transport' });
  const direct = await renderSongOffThread(song, { entry, parallel, scheduler: 'direct' });
  return { transport: readWav(transport.wav), direct: readWav(direct.wav), windows: direct.stats.windows };
};

describe('the render thread’s note schedule', () => {
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });

  it('renders what the Transport renders, sample for sample, without noise voices', async () => {
    // 10 bars: two crashes 16 s apart, each rendered on its own, and the kick, piano, bass and pad.
    const song = demoSong(10);
    const drums = song.tracks.find((t) => t.isDrum) as NoteSequence['tracks'][number];
    drums.notes = drums.notes.filter((n) => n.pitch === 36 || n.pitch === 49);
    const { transport, direct, windows } = await both(song);
    expect(windows).toBe(2);
    expect(direct.frames).toBe(transport.frames);
    let largest = 0;
    for (let i = 0; i < direct.samples.length; i++) largest = Math.max(largest, Math.abs((direct.samples[i] as number) - (transport.samples[i] as number)));
    // At most a step of the 16-bit file (float rounding of a cymbal's resting state).
    expect(largest).toBeLessThanOrEqual(2 / 32768);
    expect(rms(direct, 16, 18)).toBeGreaterThan(0.001);
  });

  it('renders the whole song as loud as the Transport does, every tenth of a second', async () => {
    const song = demoSong(9);
    const { transport, direct } = await both(song, 2);
    expect(direct.frames).toBe(transport.frames);
    const whole = rms(transport);
    expect(Math.abs(rms(direct) - whole) / whole).toBeLessThan(0.02);
    for (let s = 0; s < direct.frames / direct.sampleRate - 0.1; s += 0.1) {
      const a = rms(transport, s, s + 0.1);
      if (a < 0.01) continue;
      expect(Math.abs(rms(direct, s, s + 0.1) - a) / a, `at ${s.toFixed(1)} s`).toBeLessThan(0.06);
    }
  });
});
