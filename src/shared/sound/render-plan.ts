// What an offline render of a song covers, shared by the renderer's "Render to WAV" (Tone.Offline)
// and the CLI's render thread (node-web-audio-api), so both render the same seconds of the same
// tracks: the window (the whole song to its last bar line, or a region, plus a tail for releases),
// the tracks heard in it, and how to share those tracks between render contexts. Pure.
import type { NoteSequence, Track } from '../music/note-sequence';
import { barTicks } from '../music/timing';
import { audibleTrackIds, defaultLoop, instrumentKind, tickClock, type InstrumentKind } from './playback-logic';

/** Renders are 16-bit stereo at 44.1 kHz. */
export const renderSampleRate = 44_100;
export const renderChannels = 2;
/** Seconds rendered after the end (of the song or region), for releases to die away. */
export const renderTailSeconds = 2;

export interface RenderWindow {
  /** Song seconds where the render starts and where its notes stop starting. */
  from: number;
  to: number;
  /** The rendered length: to − from plus the tail. */
  seconds: number;
  /** The same in sample frames at renderSampleRate. */
  frames: number;
}

/** The window of `region` (ticks), or of the whole song rounded up to its last bar line. */
export function renderWindow(song: NoteSequence, region: { start: number; end: number } | null): RenderWindow {
  const at = tickClock(song);
  const { start, end } = region ?? { start: 0, end: defaultLoop(song).end };
  const from = at(start);
  const to = Math.max(from, at(end));
  const seconds = to - from + renderTailSeconds;
  return { from, to, seconds, frames: Math.round(seconds * renderSampleRate) };
}

/** The tick where 1-based `bar` starts, counted as the ruler counts (a signature change starts a
 * bar, so a bar cut short by one still counts). */
export function barStartTick(song: Pick<NoteSequence, 'ppq' | 'timeSignatures'>, bar: number): number {
  let first = 1;
  for (const [i, sig] of song.timeSignatures.entries()) {
    const perBar = barTicks(song.ppq, sig);
    const next = song.timeSignatures[i + 1];
    const bars = next ? Math.ceil((next.tick - sig.tick) / perBar) : Infinity;
    if (bar < first + bars) return Math.round(sig.tick + (bar - first) * perBar);
    first += bars;
  }
  return 0;
}

/**
 * The region (ticks) from the start of bar `startBar` to the end of bar `endBar` (both 1-based and
 * included; either may be left out: from the first bar, to the song's last). A string says why a
 * request cannot be met.
 */
export function regionFromBars(song: NoteSequence, startBar: number | undefined, endBar: number | undefined): { start: number; end: number } | string {
  if (startBar === undefined && endBar === undefined) return { start: 0, end: defaultLoop(song).end };
  if (startBar !== undefined && endBar !== undefined && endBar < startBar) return `--end-bar (${endBar}) comes before --start-bar (${startBar}).`;
  const start = startBar === undefined ? 0 : barStartTick(song, startBar);
  const end = endBar === undefined ? defaultLoop(song).end : barStartTick(song, endBar + 1);
  if (start >= end) return `The song ends before bar ${startBar}.`;
  return { start, end };
}

/** The notes of a track that the window plays: those that start inside it. */
export function notesInWindow(song: NoteSequence, track: Track, window: Pick<RenderWindow, 'from' | 'to'>): number {
  const at = tickClock(song);
  let count = 0;
  for (const n of track.notes) {
    const t = at(n.start);
    if (t >= window.from && t < window.to) count++;
  }
  return count;
}

/**
 * The song with only the tracks heard in the window: a muted track (or, while any track is soloed,
 * one that is not) and a track with no note starting in the window add nothing but silence, yet
 * their instruments would cost rendering time. The tracks kept are all audible, so mute and solo
 * mean the same in the smaller song.
 */
export function soundingSong(song: NoteSequence, window: Pick<RenderWindow, 'from' | 'to'>): NoteSequence {
  const audible = audibleTrackIds(song.tracks);
  return { ...song, tracks: song.tracks.filter((t) => audible.has(t.id) && notesInWindow(song, t, window) > 0) };
}

/** A rough cost of rendering a track, for sharing tracks between contexts: its instrument's standing
 * nodes plus its notes (measured on node-web-audio-api; only the proportions matter). */
export function trackRenderCost(kind: InstrumentKind, notes: number): number {
  const standing: Record<InstrumentKind, number> = { piano: 1, fm: 6, am: 6, pluck: 30, bass: 6, poly: 8, drums: 10 };
  const perNote: Record<InstrumentKind, number> = { piano: 0.05, fm: 0.08, am: 0.08, pluck: 0.15, bass: 0.03, poly: 0.1, drums: 0.08 };
  return standing[kind] + perNote[kind] * notes;
}

/**
 * Shares the song's tracks between at most `parts` songs (each with the same tempo map and
 * signatures), balancing their cost: the largest track first, each to the lightest part. Rendering
 * the parts separately and adding them gives the song's mix, since each track's chain (instrument,
 * volume, panner) ends at the destination on its own. Empty parts are left out.
 */
export function splitTracks(song: NoteSequence, parts: number, window: Pick<RenderWindow, 'from' | 'to'>): NoteSequence[] {
  const count = Math.max(1, Math.min(Math.floor(parts), song.tracks.length));
  const costed = song.tracks
    .map((track, index) => ({ track, index, cost: trackRenderCost(instrumentKind(track), notesInWindow(song, track, window)) }))
    .sort((a, b) => b.cost - a.cost || a.index - b.index);
  const bins = Array.from({ length: count }, () => ({ cost: 0, tracks: [] as { track: Track; index: number }[] }));
  for (const item of costed) {
    const lightest = bins.reduce((best, bin) => (bin.cost < best.cost ? bin : best));
    lightest.cost += item.cost;
    lightest.tracks.push(item);
  }
  return bins.filter((b) => b.tracks.length > 0).map((b) => ({ ...song, tracks: b.tracks.sort((x, y) => x.index - y.index).map((x) => x.track) }));
}
