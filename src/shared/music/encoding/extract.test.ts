import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySequence, type Note, type NoteSequence, type TimeSignature, type Track } from '../note-sequence';
import { arbitrarySequence, deepFreeze } from '../testing/arbitrary-sequence';
import { summariseCorpus } from './corpus-summary';
import { extractExamples } from './extract';
import { melodyStepNotes } from './melody';

const ppq = 480;
const bar = 4 * ppq;
let ids = 0;
const note = (pitch: number, start: number, duration: number): Note => ({ id: `n${ids++}`, pitch, velocity: 90, start, duration });
const track = (id: string, notes: Note[], isDrum = false): Track => ({ id, name: id, program: 0, isDrum, mute: false, solo: false, volume: 1, pan: 0, notes });
const song = (tracks: Track[], timeSignatures: TimeSignature[] = [{ tick: 0, numerator: 4, denominator: 4 }]): NoteSequence =>
  deepFreeze({ ...emptySequence(ppq), tracks, timeSignatures });

const figure = [0, 2, 4, 5, 7, 5, 4, 2];
/** Eight eighth notes from `base` in bar `b` (0-based) of `barTicks`, offset by `late` ticks. */
const eighths = (b: number, base: number, barTicks = bar, late = 0, count = 8): Note[] =>
  figure.slice(0, count).map((step, i) => note(base + step, b * barTicks + i * (ppq / 2) + late, ppq / 2));
const beat = (b: number, crash: boolean): Note[] => [
  note(36, b * bar, 60),
  note(36, b * bar + 960, 60),
  note(40, b * bar + 480, 60),
  note(40, b * bar + 1440, 60),
  ...(crash ? [note(49, b * bar, 60)] : []),
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => note(42, b * bar + i * 240, 60)),
];

describe('extractExamples: melodies', () => {
  const lead = track('lead', [...eighths(0, 60), ...eighths(1, 62), ...eighths(2, 64), ...eighths(3, 65)]);
  const s = song([lead, track('kit', beat(0, true), true)]);

  it('slides two-bar windows a bar at a time over the non-drum tracks', () => {
    const out = extractExamples(s, { kind: 'melody', bars: 2 });
    expect(out.examples).toHaveLength(3);
    expect(out.examples.every((e) => e instanceof Int32Array && e.length === 32)).toBe(true);
    expect([...(out.examples[0] as Int32Array)]).toEqual([14, 0, 16, 0, 18, 0, 19, 0, 21, 0, 19, 0, 18, 0, 16, 0, 16, 0, 18, 0, 20, 0, 21, 0, 23, 0, 21, 0, 20, 0, 18, 0]);
    expect(out.sources).toEqual([
      { trackId: 'lead', trackName: 'lead', startTick: 0, bar: 1, transposition: 0 },
      { trackId: 'lead', trackName: 'lead', startTick: bar, bar: 2, transposition: 0 },
      { trackId: 'lead', trackName: 'lead', startTick: 2 * bar, bar: 3, transposition: 0 },
    ]);
    expect(out.skipped).toEqual([]);
    expect(out.tracks).toBe(1);
    expect(summariseCorpus(out)).toBe('found 3 two-bar melodies in 1 track');
  });
  it('honours hop and bars', () => {
    expect(extractExamples(s, { kind: 'melody', bars: 2, hop: 2 }).sources.map((x) => x.bar)).toEqual([1, 3]);
    const four = extractExamples(s, { kind: 'melody', bars: 4 });
    expect(four.examples).toHaveLength(1);
    expect(four.examples[0]).toHaveLength(64);
    expect(summariseCorpus(four)).toBe('found 1 four-bar melody in 1 track');
    expect(() => extractExamples(s, { kind: 'melody', bars: 0 })).toThrow(RangeError);
    expect(() => extractExamples(s, { kind: 'melody', bars: 2, hop: 1.5 })).toThrow(RangeError);
  });
  it('counts silent windows, long rests and duplicates', () => {
    // Bars 1–2 and 5–6 play the same music; bars 3–4 are empty.
    const t = track('a', [...eighths(0, 60), ...eighths(1, 62), ...eighths(4, 60), ...eighths(5, 62)]);
    const out = extractExamples(song([t]), { kind: 'melody', bars: 2 });
    expect(out.sources.map((x) => x.bar)).toEqual([1]);
    expect(out.skipped).toEqual([
      { reason: 'a rest of 16 sixteenths or more', label: 'with long rests', count: 2 }, // bars 2–3 and 4–5
      { reason: 'the same as an earlier example', label: 'duplicate', count: 1 }, // bars 5–6
      { reason: 'no notes in the window', label: 'silent', count: 1 }, // bars 3–4
    ]);
    expect(summariseCorpus(out)).toBe('found 1 two-bar melody in 1 track; skipped 4 (2 with long rests, 1 duplicate, 1 silent)');
  });
  it('quantizes to sixteenths, so a slightly late copy on another track is a duplicate', () => {
    const out = extractExamples(song([track('a', [...eighths(0, 60), ...eighths(1, 62)]), track('b', [...eighths(0, 60, bar, 50), ...eighths(1, 62, bar, -40)])]), { kind: 'melody', bars: 2 });
    expect(out.examples).toHaveLength(1);
    expect(out.skipped).toEqual([{ reason: 'the same as an earlier example', label: 'duplicate', count: 1 }]);
  });
  it('skips windows that are not whole 4/4 bars', () => {
    const waltzBar = 3 * ppq;
    const t = track('a', [...eighths(0, 60), ...eighths(1, 62), ...[0, 1, 2].flatMap((b) => eighths(0, 64 + b, waltzBar, 2 * bar + b * waltzBar, 6))]);
    const out = extractExamples(song([t], [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 2 * bar, numerator: 3, denominator: 4 }]), { kind: 'melody', bars: 2 });
    expect(out.sources.map((x) => x.bar)).toEqual([1]);
    expect(out.skipped).toEqual([{ reason: 'time signature 3/4 is not supported', label: 'in 3/4', count: 3 }]);
    expect(summariseCorpus(out)).toBe('found 1 two-bar melody in 1 track; skipped 3 (3 in 3/4)');
    // A 4/4 bar cut short by a change to 4/4 half-way through it.
    const cut = song([track('a', [...eighths(0, 60), ...eighths(1, 62), ...eighths(2, 64)])], [{ tick: 0, numerator: 4, denominator: 4 }, { tick: bar + bar / 2, numerator: 4, denominator: 4 }]);
    expect(extractExamples(cut, { kind: 'melody', bars: 2 }).skipped.find((x) => x.label === 'in short bars')?.count).toBe(2);
  });
  it('skips too few notes and melodies no octave shift fits, and reports the shift it used', () => {
    const sparse = track('sparse', [note(60, 0, 1200), note(62, 1200, 1200), note(64, 2400, 1440)]);
    // Its last eighth is F#1, 39 semitones under the top A4: wider than the 36-semitone range.
    const wide = track('wide', [...eighths(0, 60), ...eighths(1, 62, bar, 0, 7), note(30, bar * 2 - 240, 240)]);
    const low = track('low', [...eighths(0, 36), ...eighths(1, 38)]);
    const out = extractExamples(song([sparse, wide, low]), { kind: 'melody', bars: 2 });
    expect(out.skipped).toEqual([
      { reason: 'the melody does not fit C3–B5 by whole-octave transposition', label: 'out of range', count: 1 },
      { reason: 'fewer than 4 notes', label: 'too sparse', count: 1 }, // equal counts: by label
    ]);
    expect(out.sources).toEqual([{ trackId: 'low', trackName: 'low', startTick: 0, bar: 1, transposition: 12 }]);
    expect(melodyStepNotes(out.examples[0] as Int32Array)[0]?.pitch).toBe(48);
    expect(extractExamples(song([sparse]), { kind: 'melody', bars: 2, minNotes: 3 }).examples).toHaveLength(1);
  });
});

describe('extractExamples: drums', () => {
  it('takes drum tracks only, as bitmasks', () => {
    const kit = track('kit', [...beat(0, true), ...beat(1, false)], true);
    const crashOnly = track('fx', [note(49, 0, 60), note(49, bar, 60)], true);
    const out = extractExamples(song([kit, crashOnly, track('lead', eighths(0, 60))]), { kind: 'drums', bars: 2 });
    expect(out.examples).toHaveLength(1);
    const first = out.examples[0] as Uint16Array;
    expect(first).toBeInstanceOf(Uint16Array);
    expect([...first]).toEqual([133, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0, 5, 0, 4, 0, 6, 0, 4, 0]);
    expect(out.skipped).toEqual([{ reason: 'fewer than 4 hits', label: 'too sparse', count: 1 }]);
    expect(summariseCorpus(out)).toBe('found 1 two-bar drum pattern in 1 track; skipped 1 (1 too sparse)');
  });
  it('skips a pattern with a bar of rest', () => {
    const out = extractExamples(song([track('kit', [...beat(0, false), ...beat(2, false)], true)]), { kind: 'drums', bars: 2 });
    expect(out.examples).toHaveLength(0);
    expect(out.skipped).toEqual([{ reason: 'a rest of 16 sixteenths or more', label: 'with long rests', count: 2 }]);
    expect(summariseCorpus(out)).toBe('found no two-bar drum patterns; skipped 2 (2 with long rests)');
  });
});

describe('summariseCorpus', () => {
  it('writes the line the UI shows', () => {
    const corpus = {
      kind: 'melody' as const,
      bars: 2,
      examples: Array.from({ length: 312 }, () => new Int32Array(32)),
      tracks: 14,
      skipped: [
        { reason: 'no notes in the window', label: 'silent', count: 28 },
        { reason: 'time signature 3/4 is not supported', label: 'in 3/4', count: 12 },
      ],
    };
    expect(summariseCorpus(corpus)).toBe('found 312 two-bar melodies in 14 tracks; skipped 40 (28 silent, 12 in 3/4)');
    expect(summariseCorpus({ ...corpus, bars: 24, examples: [], skipped: [] })).toBe('found no 24-bar melodies');
  });
});

describe('extractExamples on any song', () => {
  it('never throws, never mutates, and gives distinct whole-window examples with their sources', () => {
    fc.assert(
      fc.property(arbitrarySequence({ maxNotesPerTrack: 60, maxTick: 8000 }), fc.constantFrom('melody' as const, 'drums' as const), fc.constantFrom(1, 2, 4), fc.constantFrom(1, 2), fc.boolean(), (raw, kind, bars, hop, common) => {
        const seq = deepFreeze(common ? { ...raw, ppq: 96, timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 as const }] } : raw);
        const out = extractExamples(seq, { kind, bars, hop, minNotes: 1 });
        expect(out.sources).toHaveLength(out.examples.length);
        expect(new Set(out.examples.map((e) => e.join(','))).size).toBe(out.examples.length);
        for (const e of out.examples) {
          expect(e.length).toBe(bars * 16);
          expect(e.every((v) => v >= 0 && v < (kind === 'melody' ? 38 : 512))).toBe(true);
        }
        expect(out.skipped.every((x) => x.count > 0)).toBe(true);
      }),
    );
  });
});
