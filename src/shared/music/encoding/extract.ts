// The data pipeline from songs to model examples: slides windows of N bars (hop 1 bar by default)
// over every suitable track (melodies from non-drum tracks, patterns from drum tracks), only across
// whole 4/4 bars, encodes each window (melody.ts, drums.ts), and keeps the windows worth training
// on. Every window that is dropped is counted under its reason, checked in this order: no notes
// ("silent"), not 4/4, too few notes or hits, a long rest, a melody no octave shift fits into the
// range, and the same example as an earlier one (deduplicated across tracks). Only windows that
// overlap a track's notes are considered, so a track that starts at bar 40 adds no silent windows.
import type { Note, NoteSequence, Track } from '../note-sequence';
import { songDurationTicks } from '../timing';
import { barIndexAt, barProblem, songBars, type Bar } from './bars';
import { drumHitCount, encodeDrums } from './drums';
import { longestGap, stepsPerBar, stepTicks } from './grid';
import { defaultMelodyRange, lineTokens, melodyLine, octaveShiftInto, rangeRejectionReason, type MelodyRange } from './melody';

export type ExampleKind = 'melody' | 'drums';

export interface ExtractOptions {
  kind: ExampleKind;
  /** Bars per example (the models use 2 and 4). */
  bars: number;
  /** Bars between window starts (default 1). */
  hop?: number;
  /** Fewest onsets a window needs: melody notes after the monophonic reduction, or drum hits (default 4). */
  minNotes?: number;
  /** A rest (no note sounding; for drums, no hit) of this many sixteenths or more drops the window (default 16, a bar). */
  gapSteps?: number;
  /** Melody vocabulary range (default MIDI 48…83). */
  range?: MelodyRange;
}

export interface ExampleSource {
  trackId: string;
  trackName: string;
  /** Tick of the window's first bar line. */
  startTick: number;
  /** 1-based bar number of the window's first bar (as barBeatAt counts). */
  bar: number;
  /** Semitones the melody was moved by to fit the range (0 for drums). */
  transposition: number;
}

export interface SkipCount {
  /** Why, as a sentence fragment ("time signature 3/4 is not supported"). */
  reason: string;
  /** Short form for a summary line, agreeing with count ("silent", "in 3/4", "duplicates"). */
  label: string;
  count: number;
}

export interface ExtractedExamples<T extends Int32Array | Uint16Array> {
  kind: ExampleKind;
  bars: number;
  /** Melody token arrays (Int32Array) or drum bitmask arrays (Uint16Array), 16 steps a bar. */
  examples: T[];
  /** Where each example came from (the first window that gave it), parallel to examples. */
  sources: ExampleSource[];
  /** Dropped windows by reason, most frequent first. */
  skipped: SkipCount[];
  /** Tracks that gave at least one example. */
  tracks: number;
}

const checkCount = (name: string, value: number): void => {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number, at least 1 (got ${value}).`);
};

/** Index of the first note starting at or after `tick` in start-sorted notes. */
function firstAtOrAfter(notes: readonly Note[], tick: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((notes[mid] as Note).start < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class SkipTally {
  private readonly counts = new Map<string, { label: (n: number) => string; count: number }>();
  add(reason: string, label: string | ((n: number) => string)): void {
    const entry = this.counts.get(reason);
    if (entry) entry.count++;
    else this.counts.set(reason, { label: typeof label === 'string' ? () => label : label, count: 1 });
  }
  list(): SkipCount[] {
    return [...this.counts].map(([reason, { label, count }]) => ({ reason, label: label(count), count })).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }
}

export function extractExamples(song: NoteSequence, options: ExtractOptions & { kind: 'melody' }): ExtractedExamples<Int32Array>;
export function extractExamples(song: NoteSequence, options: ExtractOptions & { kind: 'drums' }): ExtractedExamples<Uint16Array>;
export function extractExamples(song: NoteSequence, options: ExtractOptions): ExtractedExamples<Int32Array> | ExtractedExamples<Uint16Array>;
export function extractExamples(song: NoteSequence, options: ExtractOptions): ExtractedExamples<Int32Array | Uint16Array> {
  const { kind, bars } = options;
  const hop = options.hop ?? 1;
  const minNotes = options.minNotes ?? 4;
  const gapSteps = options.gapSteps ?? stepsPerBar;
  const range = options.range ?? defaultMelodyRange;
  checkCount('bars', bars);
  checkCount('hop', hop);
  checkCount('minNotes', minNotes);
  checkCount('gapSteps', gapSteps);

  const steps = bars * stepsPerBar;
  const halfStep = stepTicks(song.ppq) / 2;
  const allBars = songBars(song, songDurationTicks(song));
  const skipped = new SkipTally();
  const seen = new Set<string>();
  const examples: (Int32Array | Uint16Array)[] = [];
  const sources: ExampleSource[] = [];
  const fewReason = kind === 'melody' ? `fewer than ${minNotes} notes` : `fewer than ${minNotes} hits`;
  const gapReason = `a rest of ${gapSteps} sixteenths or more`;
  const contributing = new Set<string>();

  const tracks = song.tracks.filter((t: Track) => t.isDrum === (kind === 'drums') && t.notes.length > 0);
  for (const track of tracks) {
    const notes = [...track.notes].sort((a, b) => a.start - b.start);
    const first = (notes[0] as Note).start;
    const last = (notes[notes.length - 1] as Note).start;
    let i = Math.max(0, barIndexAt(allBars, first) - bars + 1);
    i -= i % hop;
    for (; i + bars <= allBars.length; i += hop) {
      const windowBars = allBars.slice(i, i + bars);
      const start = (windowBars[0] as Bar).start;
      const end = (windowBars[bars - 1] as Bar).end;
      // Onsets belong to the window their nearest step falls in: [start − ½ step, end − ½ step).
      if (start - halfStep > last) break;
      if (end - halfStep <= first) continue;
      const from = firstAtOrAfter(notes, start - halfStep);
      const to = firstAtOrAfter(notes, end - halfStep);
      if (from === to) {
        skipped.add('no notes in the window', 'silent');
        continue;
      }
      const problem = windowBars.map((bar) => barProblem(bar, song.ppq)).find((p) => p !== undefined);
      if (problem) {
        skipped.add(problem.reason, problem.label);
        continue;
      }
      const windowNotes = notes.slice(from, to);
      let example: Int32Array | Uint16Array;
      let transposition = 0;
      if (kind === 'melody') {
        const line = melodyLine(windowNotes, song.ppq, start, steps);
        if (line.length < minNotes) {
          skipped.add(fewReason, 'too sparse');
          continue;
        }
        if (longestGap(line.map((n) => ({ start: n.start, end: n.start + n.duration })), steps) >= gapSteps) {
          skipped.add(gapReason, 'with long rests');
          continue;
        }
        const shift = octaveShiftInto(line, range);
        if (shift === undefined) {
          skipped.add(rangeRejectionReason(range), 'out of range');
          continue;
        }
        example = lineTokens(line, steps, range, shift);
        transposition = shift;
      } else {
        const bits = encodeDrums(windowNotes, song.ppq, start, steps);
        if (drumHitCount(bits) < minNotes) {
          skipped.add(fewReason, 'too sparse');
          continue;
        }
        const hits: { start: number; end: number }[] = [];
        bits.forEach((v, s) => v && hits.push({ start: s, end: s + 1 }));
        if (longestGap(hits, steps) >= gapSteps) {
          skipped.add(gapReason, 'with long rests');
          continue;
        }
        example = bits;
      }
      const key = example.join(',');
      if (seen.has(key)) {
        skipped.add('the same as an earlier example', (n) => (n === 1 ? 'duplicate' : 'duplicates'));
        continue;
      }
      seen.add(key);
      examples.push(example);
      sources.push({ trackId: track.id, trackName: track.name, startTick: start, bar: i + 1, transposition });
      contributing.add(track.id);
    }
  }
  return { kind, bars, examples, sources, skipped: skipped.list(), tracks: contributing.size };
}
