// `montage transcribe` and `montage eval speech` as a user runs them: the built CLI in its own
// process, the real pocketsphinx on Debian's test recordings, a temp data folder.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli } from '../main/test/cli-process';
import { tempHome } from '../main/test/temp-home';
import { sineWav } from '../main/test/wav-fixture';
import { pocketsphinxTestDataDir } from '../main/speech/speech-test-sets';

const goforward = join(pocketsphinxTestDataDir, 'goforward.raw');

interface TranscribeJson {
  file: string;
  engine: string;
  durationSeconds: number;
  seconds: number;
  realTimeFactor: number;
  words: { word: string; start: number; end: number; confidence?: number }[];
  text: string;
  note?: string;
}

describe('montage transcribe and eval speech (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('--json prints exactly one object of the documented shape, and nothing on stderr', () => {
    home = tempHome();
    const r = runCli(home.dir, ['transcribe', goforward, '--json'], { timeout: 60_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const t = JSON.parse(r.out) as TranscribeJson;
    expect(Object.keys(t)).toEqual(['file', 'engine', 'durationSeconds', 'seconds', 'realTimeFactor', 'words', 'text']);
    expect(t).toMatchObject({ file: goforward, engine: 'pocketsphinx', text: 'go forward ten meters' });
    expect(t.realTimeFactor).toBeCloseTo(t.seconds / t.durationSeconds, 6);
    expect(t.words.map((w) => w.word)).toEqual(['go', 'forward', 'ten', 'meters']);
    for (const w of t.words) expect(Object.keys(w)).toEqual(['word', 'start', 'end', 'confidence']);
    // A CLI that transcribes writes nothing to the data folder.
    expect(existsSync(join(home.dir, 'data', 'montage.db'))).toBe(false);
  });

  it('prints a line per phrase with its times, then the figures', () => {
    home = tempHome();
    const r = runCli(home.dir, ['transcribe', goforward], { timeout: 60_000 });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('[0:00.46–0:02.11] go forward ten meters');
    expect(lines[1]).toMatch(/^4 words in 2\.\d s of audio, recognised by pocketsphinx in \d+\.\d s \(real-time factor \d+\.\d\d\)\.$/);
  });

  it('answers silence with no words and a note, exit 0', () => {
    home = tempHome();
    const file = join(home.dir, 'quiet.wav');
    writeFileSync(file, sineWav(2, 0, 16_000));
    const r = runCli(home.dir, ['transcribe', file, '--json'], { timeout: 60_000 });
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as TranscribeJson;
    expect(t.words).toEqual([]);
    expect(t.text).toBe('');
    expect(t.note).toMatch(/^No speech was recognised in the 2\.0 s of audio/);
  });

  it('refuses a file that is not audio, a missing file and bad usage with one line', () => {
    home = tempHome();
    writeFileSync(join(home.dir, 'notes.wav'), 'not audio at all');
    let r = runCli(home.dir, ['transcribe', 'notes.wav', '--json'], { timeout: 60_000 });
    expect(r).toMatchObject({ code: 1, out: '', err: 'montage: notes.wav: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.\n' });
    r = runCli(home.dir, ['transcribe', 'gone.wav'], { timeout: 60_000 });
    expect(r).toMatchObject({ code: 1, err: 'montage: gone.wav: no such file.\n' });
    r = runCli(home.dir, ['transcribe', goforward, '--engine', 'vosk'], { timeout: 60_000 });
    expect(r).toMatchObject({ code: 2, err: 'montage: --engine must be one of pocketsphinx, whisper, not "vosk"\n' });
    r = runCli(home.dir, ['transcribe'], { timeout: 60_000 });
    expect(r.code).toBe(2);
  });

  it('says what whisper needs, exit 1', () => {
    home = tempHome();
    const r = runCli(home.dir, ['transcribe', goforward, '--engine', 'whisper'], { timeout: 60_000 });
    expect(r.code).toBe(1);
    expect(r.err).toContain('npm install @fugood/whisper.node');
    expect(r.err).toContain(`ggml-*.bin in ${join(home.dir, 'data', 'models')}`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('eval speech --data scores a folder of recordings with .txt transcripts', () => {
    home = tempHome();
    const dir = join(home.dir, 'takes');
    mkdirSync(dir);
    copyFileSync(goforward, join(dir, 'goforward.raw'));
    writeFileSync(join(dir, 'goforward.txt'), 'Go forward, ten meters.\n');
    copyFileSync(join(pocketsphinxTestDataDir, 'cards', '004.wav'), join(dir, 'five.wav'));
    writeFileSync(join(dir, 'five.txt'), 'five five');
    writeFileSync(join(dir, 'untranscribed.wav'), sineWav(1));
    const r = runCli(home.dir, ['eval', 'speech', '--data', dir, '--json'], { timeout: 90_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out) as {
      engine: string;
      data: string;
      files: { file: string; wer: number; realTimeFactor: number; reference: string; hypothesis: string }[];
      overall: { files: number; wer: number; referenceWords: number; realTimeFactor: number; durationSeconds: number };
      withoutTranscript: string[];
    };
    expect(e.engine).toBe('pocketsphinx');
    expect(e.data).toBe(dir);
    expect(e.files.map((f) => f.file)).toEqual(['five.wav', 'goforward.raw']);
    expect(e.files[1]).toMatchObject({ wer: 0, reference: 'Go forward, ten meters.', hypothesis: 'go forward ten meters' });
    expect(e.overall).toMatchObject({ files: 2, referenceWords: 6 });
    expect(e.overall.wer).toBeLessThanOrEqual(0.5);
    expect(e.overall.realTimeFactor).toBeGreaterThan(0);
    expect(e.withoutTranscript).toEqual(['untranscribed.wav']);
  });

  it('eval speech runs on the pocketsphinx test recordings by default', () => {
    home = tempHome();
    const r = runCli(home.dir, ['eval', 'speech'], { timeout: 110_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^pocketsphinx on 11 recordings \(\d+\.\d s of audio\) from \/usr\/share\/pocketsphinx\/test\/data\n/);
    for (const f of ['goforward.raw', 'cards/001.wav', 'librivox/sense_and_sensibility_01_austen_64kb-0930.wav']) expect(r.out).toContain(f);
    const overall = r.out.split('\n').find((l) => l.startsWith('overall'));
    // Measured here: 37.5 % over 96 words.
    const wer = Number(/(\d+\.\d)%/.exec(overall ?? '')?.[1]);
    expect(wer).toBeGreaterThan(0);
    expect(wer).toBeLessThan(60);
  });

  it('eval speech refuses bad usage and an empty folder', () => {
    home = tempHome();
    let r = runCli(home.dir, ['eval', 'speech', 'extra'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    r = runCli(home.dir, ['eval', 'speech', '--data', home.dir], { timeout: 30_000 });
    expect(r).toMatchObject({ code: 1, err: `montage: No audio files with a .txt transcript beside them in ${home.dir}.\n` });
  });
});
