import { describe, expect, it } from 'vitest';
import { importMidi, sequenceToMidi } from '../midi-convert';
import { extractExamples } from '../encoding';
import { barGrooves, chordName, CorpusBuilder, decodeCorpusFile, encodeCorpusFile, grooveNames, permittedAbcTunes, planCharts, progressions, splitAbcTunes, syntheticMelody, writeChart } from '.';

describe('chord charts', () => {
  it('names Roman numerals in major and minor keys', () => {
    expect(['I', 'ii7', 'V7', 'IM7', 'vi'].map((n) => chordName(n, 7, 'major'))).toEqual(['G', 'Am7', 'D7', 'GM7', 'Em']);
    expect(['i', 'iiø7', 'bVI', 'bVII', 'V7', 'iv7'].map((n) => chordName(n, 9, 'minor'))).toEqual(['Am', 'Bm7b5', 'F', 'G', 'E7', 'Dm7']);
    expect(['I', 'IV', 'V7'].map((n) => chordName(n, 10, 'major'))).toEqual(['Bb', 'Eb', 'F7']);
    expect(() => chordName('X', 0, 'major')).toThrow(RangeError);
    for (const p of progressions) for (const bar of p.bars) for (const n of bar) expect(() => chordName(n, 0, p.mode)).not.toThrow();
  });

  it('reads the 4/4 grooves of an MMA library file', () => {
    const text = ['// waltz first', 'Time 3', 'DefGroove Waltz  three', 'Time 4 // all 4/4', 'DefGroove Rock  doc', 'defgroove RockFill', 'Time 2', 'DefGroove Polka'].join('\n');
    expect(grooveNames(text)).toEqual(['Rock', 'RockFill']);
    expect(grooveNames(text, 3)).toEqual(['Waltz']);
  });

  it('plans the same charts for the same seed, different ones for another', () => {
    const grooves = ['Rhumba', 'BossaNova', 'rhumba', 'Swing', 'Ballad', 'Rock'];
    const a = planCharts({ seed: 5, grooves, keysPerGroove: 3 });
    expect(planCharts({ seed: 5, grooves: [...grooves].reverse(), keysPerGroove: 3 })).toEqual(a);
    expect(planCharts({ seed: 6, grooves, keysPerGroove: 3 })).not.toEqual(a);
    expect(a).toHaveLength(5 * 3); // "rhumba" is the same groove as "Rhumba"
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
    for (const groove of new Set(a.map((c) => c.groove))) {
      const keys = a.filter((c) => c.groove === groove).map((c) => c.tonic);
      expect(new Set(keys).size).toBe(3);
    }
    for (const c of a) {
      expect([8, 12, 16]).toContain(c.bars.length);
      expect(c.tempo).toBeGreaterThanOrEqual(70);
      expect(c.tempo).toBeLessThanOrEqual(160);
    }
    expect(planCharts({ seed: 5, grooves, grooveCount: 2 })).toHaveLength(2);
  });

  it('writes a chart MMA can read: seed, tempo, 4/4, key, groove, numbered bars', () => {
    const text = writeChart({
      id: '0001-swing-g-major',
      groove: 'Swing',
      tonic: 7,
      mode: 'major',
      tempo: 120,
      progression: 'ii–V–I',
      bars: [['Am7'], ['D7'], ['GM7', 'Em7']],
      rndSeed: 42,
      aria: { voice: 'Flute', octave: 5, scaleType: 'Scale', direction: 'r', sequence: '{1 4 90 * 4}', rskip: 0 },
    });
    const lines = text.trim().split('\n');
    expect(lines.slice(1, 6)).toEqual(['RndSeed 42', 'Tempo 120', 'TimeSig 4 4', 'KeySig G major', 'Groove Swing']);
    expect(lines).toContain('Begin Aria');
    expect(lines).toContain('  Voice Flute');
    expect(lines.slice(-3)).toEqual(['1 Am7', '2 D7', '3 GM7 / Em7 /']);
  });
  it('draws fills, endings and variations from the groove\'s own family', () => {
    const families = [
      ['PopA', 'PopFillAA', 'PopEndingA', 'PopB', 'PopIntroA'],
      ['Rock', 'RockEnd'],
    ];
    const charts = planCharts({ seed: 3, grooves: families.flat(), families, keysPerGroove: 4 });
    for (const c of charts) {
      const family = families.find((f) => f.includes(c.groove)) as string[];
      for (const g of [c.fill, c.ending, c.variation]) if (g) expect(family).toContain(g);
      if (c.fill) expect(c.fill).toMatch(/Fill/);
      if (c.ending) expect(c.ending).toMatch(/End/);
      if (c.variation) expect(c.variation).not.toMatch(/Fill|End|Intro/);
    }
    expect(charts.some((c) => c.fill) && charts.some((c) => c.ending)).toBe(true);
    const bars = Array.from({ length: 8 }, () => ['C']);
    expect(barGrooves({ bars, groove: 'PopA', fill: 'PopFillAA', ending: 'PopEndingA', variation: 'PopB' })).toEqual(['PopA', 'PopA', 'PopA', 'PopFillAA', 'PopB', 'PopB', 'PopB', 'PopEndingA']);
    const text = writeChart({ id: 'x', groove: 'PopA', tonic: 0, mode: 'major', tempo: 100, progression: 'p', bars, rndSeed: 1, fill: 'PopFillAA', ending: 'PopEndingA' });
    expect(text).toContain('3 C\nGroove PopFillAA\n4 C\nGroove PopA\n5 C');
    expect(text.trim().split('\n').slice(-2)).toEqual(['Groove PopEndingA', '8 C']);
  });
});

describe('ABC tunes', () => {
  it('splits a file by X: lines, copying the file header in front of each tune', () => {
    const file = '%%MIDI program 1\n\nX: 3\nT:First\nM:4/4\nK:G\nGABc|\n\nX:7\nT:Second\nK:D\nDEF|\nX:\nK:C\nC|\n';
    const tunes = splitAbcTunes(file);
    expect(tunes.map((t) => [t.x, t.title])).toEqual([
      [3, 'First'],
      [7, 'Second'],
      [8, ''],
    ]);
    expect(tunes[0]?.text).toBe('%%MIDI program 1\n\nX:3\nT:First\nM:4/4\nK:G\nGABc|\n');
    expect(tunes[1]?.text.startsWith('%%MIDI program 1\n\nX:7\n')).toBe(true);
  });

  it('lists each permitted tune once, with its origin and licence', () => {
    const keys = permittedAbcTunes.map((t) => `${t.path}#${t.x}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of permittedAbcTunes) {
      expect(t.origin).not.toBe('');
      expect(t.licence).toMatch(/^GPL-[23]\+/);
    }
    expect(permittedAbcTunes.map((t) => t.title)).not.toContain('Yesterday');
  });
});

describe('synthetic melodies', () => {
  it('is deterministic for a seed and index, and differs between them', () => {
    const a = syntheticMelody(1, 0);
    expect(syntheticMelody(1, 0)).toEqual(a);
    expect(syntheticMelody(1, 1).song.tracks[0]?.notes).not.toEqual(a.song.tracks[0]?.notes);
    expect(syntheticMelody(2, 0).song.tracks[0]?.notes).not.toEqual(a.song.tracks[0]?.notes);
  });

  it('gives 8-bar 4/4 melodies that survive MIDI and give examples', () => {
    let examples = 0;
    for (let i = 0; i < 20; i++) {
      const { song } = syntheticMelody(3, i);
      const notes = song.tracks[0]?.notes ?? [];
      expect(notes.length).toBeGreaterThan(8);
      const end = Math.max(...notes.map((n) => n.start + n.duration));
      expect(end).toBeLessThanOrEqual(8 * 4 * song.ppq);
      for (let k = 1; k < notes.length; k++) expect((notes[k] as { start: number }).start).toBeGreaterThan((notes[k - 1] as { start: number }).start);
      const back = importMidi(sequenceToMidi(song)).sequence;
      expect(back.tracks[0]?.notes.map((n) => [n.pitch, n.start, n.duration])).toEqual(notes.map((n) => [n.pitch, n.start, n.duration]));
      examples += extractExamples(back, { kind: 'melody', bars: 2 }).examples.length;
    }
    expect(examples).toBeGreaterThan(20 * 4);
  });
});

describe('corpus builder and file', () => {
  it('deduplicates across songs and keeps counts per source', () => {
    const b = new CorpusBuilder<Int32Array>('melody', 2);
    const song = syntheticMelody(9, 0).song;
    const first = b.addSong('synthetic', song);
    expect(first).toBeGreaterThan(0);
    expect(b.addSong('again', song)).toBe(0);
    b.addFailure('again');
    const sources = b.sources();
    expect(sources.synthetic).toMatchObject({ files: 1, failed: 0, examples: first });
    expect(sources.again).toMatchObject({ files: 2, failed: 1, examples: 0 });
    expect(sources.again?.skipped.find((s) => s.label === 'duplicates')?.count).toBeGreaterThanOrEqual(first);
    expect(b.summary()).toMatch(new RegExp(`^found ${first} two-bar melodies in 1 track`));
  });

  it('round-trips melody and drum corpora with their header', () => {
    const melodies = [Int32Array.from({ length: 32 }, (_, i) => i % 38), new Int32Array(32).fill(2)];
    const header = { kind: 'melody' as const, bars: 2, vocabulary: { size: 38, minPitch: 48, maxPitch: 83 }, seed: 7, summary: 'found 2 two-bar melodies in 1 track', sources: { synthetic: { files: 1, failed: 0, examples: 2, skipped: [{ reason: 'r', label: 'in 3/4', count: 3 }] } }, meta: { note: 'Saint-Saëns' } };
    const bytes = encodeCorpusFile(header, melodies);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MTGC');
    const back = decodeCorpusFile(bytes);
    expect(back.header).toMatchObject({ ...header, format: 'montage-music-corpus', version: 1, steps: 32, count: 2, dtype: 'int32' });
    expect([...back.example(0)]).toEqual([...(melodies[0] as Int32Array)]);
    expect([...back.example(1)]).toEqual([...(melodies[1] as Int32Array)]);

    const drums = [Uint16Array.from({ length: 32 }, (_, i) => (i * 37) % 512)];
    const d = decodeCorpusFile(encodeCorpusFile({ kind: 'drums', bars: 2, vocabulary: { size: 512, classes: ['kick'] }, seed: 1, summary: '', sources: {} }, drums));
    expect(d.header.dtype).toBe('uint16');
    expect(d.data).toBeInstanceOf(Uint16Array);
    expect([...d.example(0)]).toEqual([...(drums[0] as Uint16Array)]);
  });

  it('refuses wrong examples and damaged files', () => {
    const base = { kind: 'melody' as const, bars: 2, vocabulary: { size: 38 }, seed: 1, summary: '', sources: {} };
    expect(() => encodeCorpusFile(base, [new Int32Array(16)])).toThrow(/16 steps/);
    expect(() => encodeCorpusFile(base, [new Uint16Array(32) as unknown as Int32Array])).toThrow(TypeError);
    const bytes = encodeCorpusFile(base, [new Int32Array(32)]);
    expect(() => decodeCorpusFile(bytes.subarray(0, bytes.length - 4))).toThrow(/should hold 32 values/);
    expect(() => decodeCorpusFile(new Uint8Array(16))).toThrow(/MTGC/);
  });
});
