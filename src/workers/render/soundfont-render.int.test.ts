// The render thread with a real soundfont (Debian's timgm6mb-soundfont, installed by .ci/run and
// read where Debian puts it, never copied into the repository): a song on the soundfont renders
// through spessasynth_core to the same WAV format and length, is not silent, differs from the
// built-in instruments' render, keeps mute and volume, and mixes with the app's own instruments.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { renderSampleRate, renderTailSeconds } from '../../shared/sound/render-plan';
import { renderSongOffThread, renderThreadEntry } from './render-off-thread';
import { demoSong } from './test/songs';
import { readWav, rms } from './test/wav-reader';

const entry = renderThreadEntry(join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
const soundfont = '/usr/share/sounds/sf2/TimGM6mb.sf2';
const onFont = (song: NoteSequence): NoteSequence => ({ ...song, soundfont: 'f'.repeat(64) });
const render = async (song: NoteSequence, withFont = true) => readWav((await renderSongOffThread(song, { entry, soundfont: withFont ? soundfont : undefined })).wav);

describe('rendering a song on a soundfont (TimGM6mb)', () => {
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
    if (!existsSync(soundfont)) throw new Error(`${soundfont} is missing: apt-get install timgm6mb-soundfont (.ci/run does).`);
  });

  it('has the song’s length and format, sounds in every bar, and is not the built-in render', async () => {
    const song = demoSong(4);
    const [font, builtIn] = [await render(onFont(song)), await render(song, false)];
    expect(font).toMatchObject({ sampleRate: 44_100, channels: 2, bitsPerSample: 16 });
    expect(font.frames).toBe(builtIn.frames);
    expect(font.frames).toBe((8 + renderTailSeconds) * renderSampleRate);
    for (let s = 0; s < 8; s += 2) expect(rms(font, s, s + 2), `bar at ${s} s`).toBeGreaterThan(0.01);
    expect(rms(font, 9.5, 10)).toBeLessThan(rms(font, 0, 8) / 10);
    // Not the same sound: the difference of the two renders is as loud as a render itself.
    const diff = { ...font, samples: font.samples.map((x, i) => x - (builtIn.samples[i] as number)) };
    expect(rms(diff, 0, 8)).toBeGreaterThan(rms(font, 0, 8) / 2);
  }, 60_000);

  it('keeps the mix: a muted track is not heard, volume scales, and the drums play bank 128', async () => {
    const drums = onFont(demoSong(2, ['drums']));
    const loud = await render(drums);
    expect(rms(loud, 0, 4)).toBeGreaterThan(0.01);
    const half = await render({ ...drums, tracks: drums.tracks.map((t) => ({ ...t, volume: t.volume / 2 })) });
    expect(rms(half, 0, 4) / rms(loud, 0, 4)).toBeCloseTo(0.5, 2);
    const muted = await render({ ...drums, tracks: drums.tracks.map((t) => ({ ...t, mute: true })) });
    expect(rms(muted, 0, 4)).toBe(0);
  }, 60_000);

  it('refuses a song on a soundfont when no file is given', async () => {
    await expect(renderSongOffThread(onFont(demoSong(1, ['piano'])), { entry })).rejects.toThrow(/plays from a soundfont, and none was given/);
  });
});
