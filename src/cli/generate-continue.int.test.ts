// `montage generate --continue FILE.mid` and `--bars N` as a user runs them: the built CLI
// (dist/cli/montage.js and its session program) in its own process, on a temp data folder holding
// tiny seeded MusicVAEs — two with a tiny trained continuation companion, one without.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptySequence, importMidi, sequenceToMidi, type NoteSequence } from '../shared/music';
import type { Note } from '../shared/music/note-sequence';
import { createHost } from '../main/host';
import { builtCli, runCli } from '../main/test/cli-process';
import { registerTinyMusicVae, trainTinyContinuation } from '../main/test/music-models';
import { tempHome } from '../main/test/temp-home';
import { selectBackend } from '../workers/backend/select-backend';

const run = (home: string, args: string[]): ReturnType<typeof runCli> => runCli(home, args, { timeout: 90_000 });

async function seed(home: string): Promise<void> {
  const host = createHost({ dataDir: join(home, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
  try {
    for (const [name, config, companion] of [
      ['Tiny tunes', 'melody-2bar', true],
      ['Tiny beats', 'drums-2bar', true],
      ['Old tunes', 'melody-2bar', false],
    ] as const) {
      const beside = (staging: string) =>
        trainTinyContinuation(staging, config, { riff: [60, 64, 67, 64], hiddenUnits: 16, seed: 2, learningRate: 0.03, steps: 30, evalEvery: 10 });
      await registerTinyMusicVae(host, name, { config, seed: 3, ...(companion ? { beside } : {}) });
    }
  } finally {
    host.close();
  }
}

/** A MIDI file at PPQ 96: a drum track first (to be skipped by a melody model), then the riff in bars 1–2. */
function clipFile(path: string): Note[] {
  const song: NoteSequence = emptySequence(96);
  const riff: Note[] = [60, 64, 67, 64, 60, 64, 67, 64].map((pitch, i) => ({ id: `n${i}`, pitch, start: i * 96, duration: 90, velocity: 90 }));
  const beat: Note[] = [0, 1, 2, 3].map((i) => ({ id: `d${i}`, pitch: i % 2 === 0 ? 36 : 38, start: i * 96, duration: 20, velocity: 100 }));
  const base = { program: 0, mute: false, solo: false, volume: 0.8, pan: 0 };
  song.tracks.push({ ...base, id: 'drums', name: 'Beat', isDrum: true, notes: beat }, { ...base, id: 'lead', name: 'Lead', isDrum: false, notes: riff });
  writeFileSync(path, sequenceToMidi(song));
  return riff;
}

interface ContinueJson {
  model: { id: string; name: string };
  kind: string;
  seed: number;
  source: { file: string; track: string; notes: number; after: number };
  files: { path: string; notes: number; bars: number; density: number }[];
  ms: number;
}

describe('montage generate --continue / --bars (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
    if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('continues the first melody track by --bars: each file is the clip, then a continuation from the bar after it', async () => {
    home = tempHome();
    await seed(home.dir);
    const clip = join(home.dir, 'clip.mid');
    const riff = clipFile(clip);
    const out = join(home.dir, 'more');
    const r = run(home.dir, ['generate', '--model', 'Tiny tunes', '--continue', clip, '--bars', '4', '--n', '2', '--seed', '3', '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.out) as ContinueJson;
    expect(json).toMatchObject({ model: { name: 'Tiny tunes' }, kind: 'melody', seed: 3, source: { file: clip, track: 'Lead', notes: 8, after: 3840 } });
    expect(json.files.map((f) => f.path)).toEqual([join(out, 'continuation-01.mid'), join(out, 'continuation-02.mid')]);
    for (const f of json.files) {
      expect(f.bars).toBe(4);
      const notes = importMidi(new Uint8Array(readFileSync(f.path))).sequence.tracks[0]!.notes;
      expect(notes).toHaveLength(riff.length + f.notes);
      // The clip (2 bars) at PPQ 480 (×5), then the continuation inside bars 3–6.
      expect(notes.slice(0, riff.length).map((n) => [n.pitch, n.start])).toEqual(riff.map((n) => [n.pitch, n.start * 5]));
      for (const n of notes.slice(riff.length)) {
        expect(n.start).toBeGreaterThanOrEqual(3840);
        expect(n.start + n.duration).toBeLessThanOrEqual(3840 + 4 * 1920);
      }
    }
    const text = run(home.dir, ['generate', '--model', 'Tiny beats', '--continue', clip, '--out', join(home.dir, 'beats')]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^FILE\s+NOTES\s+DENSITY\ncontinuation-01\.mid/);
    expect(text.out).toMatch(/4 continuations of 2 bars after bar 1 of “Beat” from “Tiny beats” in \d+ ms, seed \d+, written to /);
  });

  it('--bars longer than the model continues each variation, shorter cuts it; refusals exit 1 or 2', async () => {
    home = tempHome();
    await seed(home.dir);
    const long = run(home.dir, ['generate', '--model', 'Tiny tunes', '--n', '2', '--seed', '5', '--bars', '6', '--out', join(home.dir, 'long'), '--json']);
    expect(long.err).toBe('');
    expect(long.code).toBe(0);
    for (const f of (JSON.parse(long.out) as { files: { path: string; bars: number; notes: number }[] }).files) {
      expect(f.bars).toBe(6);
      const notes = importMidi(new Uint8Array(readFileSync(f.path))).sequence.tracks[0]!.notes;
      expect(notes).toHaveLength(f.notes);
      for (const n of notes) expect(n.start + n.duration).toBeLessThanOrEqual(6 * 1920);
    }
    const short = run(home.dir, ['generate', '--model', 'Tiny tunes', '--n', '1', '--seed', '5', '--bars', '1', '--out', join(home.dir, 'short'), '--json']);
    expect(short.code).toBe(0);
    const cut = JSON.parse(short.out) as { files: { path: string; bars: number }[] };
    expect(cut.files[0]!.bars).toBe(1);
    for (const n of importMidi(new Uint8Array(readFileSync(cut.files[0]!.path))).sequence.tracks[0]?.notes ?? []) expect(n.start + n.duration).toBeLessThanOrEqual(1920);

    const clip = join(home.dir, 'clip.mid');
    clipFile(clip);
    const old = run(home.dir, ['generate', '--model', 'Old tunes', '--continue', clip, '--out', join(home.dir, 'old')]);
    expect(old).toMatchObject({ code: 1, err: 'montage: The model “Old tunes” cannot continue clips: it has no continuation model (it was trained without one); train it again to continue clips.\n' });
    expect(run(home.dir, ['generate', '--model', 'Tiny tunes', '--continue', clip, '--bars', '17', '--out', join(home.dir, 'x')])).toMatchObject({ code: 2, err: expect.stringMatching(/--bars must be a whole number from 1 to 16/) });
    expect(run(home.dir, ['generate', '--model', 'Tiny tunes', '--continue', clip, '--key', 'C:major', '--out', join(home.dir, 'x')])).toMatchObject({ code: 2 });
    expect(run(home.dir, ['generate', '--model', 'Tiny tunes', '--bars', '19', '--out', join(home.dir, 'x')])).toMatchObject({ code: 2, err: expect.stringMatching(/--bars must be 1 to 18 for “Tiny tunes”/) });
    expect(run(home.dir, ['generate', '--model', 'Tiny tunes', '--continue', join(home.dir, 'nope.mid'), '--out', join(home.dir, 'x')])).toMatchObject({ code: 1, err: expect.stringMatching(/Could not read .*nope\.mid as a MIDI file/) });
  });
});
