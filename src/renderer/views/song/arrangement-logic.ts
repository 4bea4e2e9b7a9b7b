// The arrangement's geometry, kept pure so it is tested without a window: ticks ↔ x on its own
// zoom and scroll, lanes (measured from the track rows beside it, so the two always line up),
// hit testing of clips, and where a dragged clip lands (snapped to beats, or to bars when beats
// are too narrow to aim at).
import type { ArrangedClip } from '../../../shared/music/clips';
import type { NoteSequence } from '../../../shared/music/note-sequence';
import { barTicks, beatTicks } from '../../../shared/music/timing';

export interface Lane {
  trackId: string;
  /** In canvas pixels (already moved by the vertical scroll). */
  top: number;
  height: number;
}

export interface ArrangeView {
  width: number;
  height: number;
  /** The ruler's height at the top; lanes are drawn below it. */
  rulerHeight: number;
  pxPerTick: number;
  scrollX: number;
}

export const minArrangePxPerTick = 0.0005;
export const maxArrangePxPerTick = 0.5;
/** Pixels at the clip's right edge that would be a resize grip in other tools; here just margin. */
export const clipInset = 2;

export const arrTickToX = (v: ArrangeView, tick: number): number => tick * v.pxPerTick - v.scrollX;
export const arrXToTick = (v: ArrangeView, x: number): number => (x + v.scrollX) / v.pxPerTick;

export function arrVisibleTicks(v: ArrangeView): [number, number] {
  return [Math.max(0, arrXToTick(v, 0)), arrXToTick(v, v.width)];
}

/** The lane under y, or null (the ruler, or below the last lane). */
export function laneAt(lanes: readonly Lane[], y: number): Lane | null {
  return lanes.find((l) => y >= l.top && y < l.top + l.height) ?? null;
}

/** The clip under (x, y): its lane and the clip itself. */
export function clipAt(v: ArrangeView, lanes: readonly Lane[], clipsByTrack: ReadonlyMap<string, readonly ArrangedClip[]>, x: number, y: number): { lane: Lane; clip: ArrangedClip } | null {
  if (y < v.rulerHeight) return null;
  const lane = laneAt(lanes, y);
  if (!lane) return null;
  const tick = arrXToTick(v, x);
  const clip = clipsByTrack.get(lane.trackId)?.find((c) => tick >= c.start && tick < c.start + c.duration);
  return clip ? { lane, clip } : null;
}

/** The step clips move by: a beat of the first signature, or a bar when a beat is under 12 px. */
export function clipGrid(v: ArrangeView, song: NoteSequence): number {
  const sig = song.timeSignatures[0] ?? { tick: 0, numerator: 4, denominator: 4 as const };
  const beat = beatTicks(song.ppq, sig);
  return beat * v.pxPerTick >= 12 ? beat : barTicks(song.ppq, sig);
}

/** Where a clip grabbed `grabOffset` ticks from its start lands when the pointer is at `tick`. */
export function dropStart(tick: number, grabOffset: number, grid: number): number {
  return Math.max(0, Math.round((tick - grabOffset) / grid) * grid);
}

/** Zoom by `factor` keeping the tick under `anchorX` in place. */
export function arrZoomAt(v: ArrangeView, factor: number, anchorX: number): { pxPerTick: number; scrollX: number } {
  const pxPerTick = Math.min(maxArrangePxPerTick, Math.max(minArrangePxPerTick, v.pxPerTick * factor));
  const tick = arrXToTick(v, anchorX);
  return { pxPerTick, scrollX: Math.max(0, tick * pxPerTick - anchorX) };
}

/** The zoom that shows `endTick` ticks (the song, at least a few bars) in `width` pixels. */
export function fitZoom(width: number, endTick: number): number {
  return Math.min(maxArrangePxPerTick, Math.max(minArrangePxPerTick, (width * 0.95) / Math.max(1, endTick)));
}

/** The lowest and highest pitch among `pitches`, widened to an octave so one note is not a wall. */
export function pitchSpan(pitches: Iterable<number>): { low: number; high: number } {
  let low = 127;
  let high = 0;
  for (const p of pitches) {
    if (p < low) low = p;
    if (p > high) high = p;
  }
  if (low > high) return { low: 48, high: 72 };
  const pad = Math.max(0, 12 - (high - low)) / 2;
  return { low: Math.floor(low - pad), high: Math.ceil(high + pad) };
}
