// The piano roll's geometry and editing maths, free of canvas and React so every rule is tested:
// tick ↔ x and pitch ↔ y, the snap grid, which notes are visible (binary search over notes sorted
// by start, so 10,000 notes cost a few dozen comparisons per frame), hit-testing, the marquee,
// and what a drag, a resize or a key press turns into (note patches for an updateNotes op).
import { pitchClassNames, type Note, type TimeSignature } from '../../../shared/music/note-sequence';
import type { NotePatch } from '../../../shared/music/song-ops';

// ---- Snap grid ------------------------------------------------------------------------------

export const snapChoices = ['1/4', '1/8', '1/16', '1/32', '1/8T', '1/16T', 'off'] as const;
export type Snap = (typeof snapChoices)[number];

/** The grid step in ticks (at least one tick; triplets are two thirds of the straight value). */
export function gridTicks(snap: Snap, ppq: number): number {
  const quarters: Record<Snap, number> = { '1/4': 1, '1/8': 1 / 2, '1/16': 1 / 4, '1/32': 1 / 8, '1/8T': 1 / 3, '1/16T': 1 / 6, off: 0 };
  return Math.max(1, Math.round(ppq * quarters[snap]));
}

export function snapTick(tick: number, grid: number, mode: 'round' | 'floor' = 'round'): number {
  if (grid <= 1) return Math.max(0, Math.round(tick));
  const steps = mode === 'floor' ? Math.floor(tick / grid) : Math.round(tick / grid);
  return Math.max(0, steps * grid);
}

// ---- Viewport -------------------------------------------------------------------------------

export interface RollView {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Left column of key names, top ruler and bottom velocity lane, in CSS pixels. */
  keysWidth: number;
  rulerHeight: number;
  laneHeight: number;
  pxPerTick: number;
  rowHeight: number;
  /** How far the grid is scrolled, in CSS pixels. */
  scrollX: number;
  scrollY: number;
  /** The rows shown, highest at the top. */
  lowPitch: number;
  highPitch: number;
}

export const minPxPerTick = 0.005;
export const maxPxPerTick = 2;

export const gridTop = (v: RollView) => v.rulerHeight;
export const gridBottom = (v: RollView) => v.height - v.laneHeight;
export const tickToX = (v: RollView, tick: number) => v.keysWidth + tick * v.pxPerTick - v.scrollX;
export const xToTick = (v: RollView, x: number) => (x - v.keysWidth + v.scrollX) / v.pxPerTick;
/** Top edge of a pitch's row. */
export const pitchToY = (v: RollView, pitch: number) => v.rulerHeight + (v.highPitch - pitch) * v.rowHeight - v.scrollY;
export const yToPitch = (v: RollView, y: number) => v.highPitch - Math.floor((y - v.rulerHeight + v.scrollY) / v.rowHeight);

export function visibleTicks(v: RollView): [number, number] {
  return [Math.max(0, xToTick(v, v.keysWidth)), xToTick(v, v.width)];
}

export function visiblePitches(v: RollView): [number, number] {
  return [Math.max(v.lowPitch, yToPitch(v, gridBottom(v) - 1)), Math.min(v.highPitch, yToPitch(v, gridTop(v)))];
}

/** Keeps the scroll inside the content (`endTick` plus some room to write past the end). */
export function clampScroll(v: RollView, endTick: number): RollView {
  const gridWidth = v.width - v.keysWidth;
  const contentWidth = Math.max(endTick * v.pxPerTick + gridWidth * 0.5, gridWidth);
  const contentHeight = (v.highPitch - v.lowPitch + 1) * v.rowHeight;
  const gridHeight = gridBottom(v) - gridTop(v);
  return {
    ...v,
    scrollX: Math.min(Math.max(0, v.scrollX), Math.max(0, contentWidth - gridWidth)),
    scrollY: Math.min(Math.max(0, v.scrollY), Math.max(0, contentHeight - gridHeight)),
  };
}

/** Zooms time by `factor`, keeping the tick under `anchorX` where it is (Ctrl+wheel, buttons). */
export function zoomAt(v: RollView, factor: number, anchorX: number): RollView {
  const tick = xToTick(v, anchorX);
  const pxPerTick = Math.min(maxPxPerTick, Math.max(minPxPerTick, v.pxPerTick * factor));
  return { ...v, pxPerTick, scrollX: tick * pxPerTick - (anchorX - v.keysWidth) };
}

/** Scrolls so `pitch` sits in the middle of the grid (used when a song opens). */
export function centerOnPitch(v: RollView, pitch: number): RollView {
  const gridHeight = gridBottom(v) - gridTop(v);
  return { ...v, scrollY: (v.highPitch - pitch) * v.rowHeight - gridHeight / 2 };
}

// ---- Notes, sorted by start -----------------------------------------------------------------

export interface NoteIndex {
  /** By start, then pitch. */
  notes: readonly Note[];
  /** Longest duration: a note that starts this far left of the view may still reach into it. */
  maxDuration: number;
}

export function indexNotes(notes: readonly Note[]): NoteIndex {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  let maxDuration = 0;
  for (const n of sorted) if (n.duration > maxDuration) maxDuration = n.duration;
  return { notes: sorted, maxDuration };
}

/** First index whose start is ≥ tick. */
export function lowerBound(notes: readonly Note[], tick: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((notes[mid] as Note).start < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Notes sounding anywhere in [from, to) and within the pitch range. */
export function notesIn(index: NoteIndex, from: number, to: number, lowPitch = 0, highPitch = 127): Note[] {
  const out: Note[] = [];
  const end = lowerBound(index.notes, to);
  for (let i = lowerBound(index.notes, from - index.maxDuration); i < end; i++) {
    const n = index.notes[i] as Note;
    if (n.start + n.duration > from && n.pitch >= lowPitch && n.pitch <= highPitch) out.push(n);
  }
  return out;
}

export type HitPart = 'body' | 'end';
/** Pixels at a note's right edge that grab its end (resize) rather than its body (move). */
export const endGrabPx = 6;

export function hitTest(v: RollView, index: NoteIndex, x: number, y: number): { note: Note; part: HitPart } | null {
  if (x < v.keysWidth || y < gridTop(v) || y >= gridBottom(v)) return null;
  const pitch = yToPitch(v, y);
  const tick = xToTick(v, x);
  const slack = endGrabPx / v.pxPerTick;
  // The topmost drawn (latest in order) wins when notes overlap.
  const hits = notesIn(index, tick - slack, tick + 1, pitch, pitch).filter((n) => tickToX(v, n.start) <= x && x <= tickToX(v, n.start + n.duration) + 1);
  const note = hits[hits.length - 1];
  if (!note) return null;
  const right = tickToX(v, note.start + note.duration);
  const width = right - tickToX(v, note.start);
  // Short notes keep a body to grab: the end zone is at most a third of the note.
  const part: HitPart = right - x <= Math.min(endGrabPx, width / 3) ? 'end' : 'body';
  return { note, part };
}

/** Ids of the notes a marquee from (x0, y0) to (x1, y1) touches. */
export function marqueeSelect(v: RollView, index: NoteIndex, x0: number, y0: number, x1: number, y1: number): string[] {
  const t0 = xToTick(v, Math.min(x0, x1));
  const t1 = xToTick(v, Math.max(x0, x1));
  const highPitch = yToPitch(v, Math.min(y0, y1));
  const lowPitch = yToPitch(v, Math.max(y0, y1));
  return notesIn(index, t0, Math.max(t1, t0 + 1), lowPitch, highPitch).map((n) => n.id);
}

// ---- Edits ----------------------------------------------------------------------------------

/**
 * A drag of note bodies: the grabbed note's start lands on the grid (so a group keeps its inner
 * timing) and the whole group stays inside 0…127 and at or after tick 0.
 */
export function dragDelta(
  grabbed: Note,
  group: readonly Note[],
  rawTicks: number,
  rawPitches: number,
  grid: number,
  pitchRange: [number, number] = [0, 127],
): { ticks: number; pitches: number } {
  let ticks = snapTick(grabbed.start + rawTicks, grid) - grabbed.start;
  let pitches = Math.round(rawPitches);
  const minStart = Math.min(...group.map((n) => n.start));
  if (minStart + ticks < 0) ticks = -minStart;
  const low = Math.min(...group.map((n) => n.pitch));
  const high = Math.max(...group.map((n) => n.pitch));
  pitches = Math.min(pitchRange[1] - high, Math.max(pitchRange[0] - low, pitches));
  return { ticks, pitches };
}

export function movePatches(notes: readonly Note[], ticks: number, pitches: number): NotePatch[] {
  if (ticks === 0 && pitches === 0) return [];
  return notes.map((n) => ({ id: n.id, ...(ticks ? { start: n.start + ticks } : {}), ...(pitches ? { pitch: n.pitch + pitches } : {}) }));
}

/** Up/Down (semitone), Shift+Up/Down (octave): refused as a whole if any note would leave 0…127. */
export function transposePatches(notes: readonly Note[], semitones: number): NotePatch[] | null {
  if (notes.some((n) => n.pitch + semitones < 0 || n.pitch + semitones > 127)) return null;
  return movePatches(notes, 0, semitones);
}

/** Left/Right: moves by one grid step; refused when the earliest note would go before zero. */
export function nudgePatches(notes: readonly Note[], ticks: number): NotePatch[] | null {
  if (notes.length === 0 || Math.min(...notes.map((n) => n.start)) + ticks < 0) return null;
  return movePatches(notes, ticks, 0);
}

/** A drag of the grabbed note's right edge: its end lands on the grid; every note keeps ≥ one step. */
export function resizePatches(grabbed: Note, group: readonly Note[], rawTicks: number, grid: number): NotePatch[] {
  const end = snapTick(grabbed.start + grabbed.duration + rawTicks, grid);
  const delta = end - (grabbed.start + grabbed.duration);
  if (delta === 0) return [];
  return group.map((n) => ({ id: n.id, duration: Math.max(Math.min(grid, n.duration), n.duration + delta) }));
}

/** The note the pencil draws at (tick, pitch): on the grid, one grid step long (a quarter when off). */
export function drawnNote(id: string, tick: number, pitch: number, grid: number, ppq: number, velocity = 100): Note {
  const length = grid > 1 ? grid : ppq;
  return { id, pitch, velocity, start: snapTick(tick, grid, 'floor'), duration: length };
}

/** Velocity from a y position in the lane (top = 127, bottom = 1). */
export function velocityAtY(laneTop: number, laneHeight: number, y: number): number {
  const ratio = 1 - (y - laneTop - 4) / Math.max(1, laneHeight - 8);
  return Math.min(127, Math.max(1, Math.round(ratio * 127)));
}

export interface ClipNote {
  /** Ticks after the clipboard's first note. */
  offset: number;
  pitch: number;
  velocity: number;
  duration: number;
}

export function toClipboard(notes: readonly Note[]): ClipNote[] {
  if (notes.length === 0) return [];
  const first = Math.min(...notes.map((n) => n.start));
  return notes.map((n) => ({ offset: n.start - first, pitch: n.pitch, velocity: n.velocity, duration: n.duration }));
}

export function fromClipboard(clip: readonly ClipNote[], at: number, newId: () => string): Note[] {
  return clip.map((c) => ({ id: newId(), pitch: c.pitch, velocity: c.velocity, duration: c.duration, start: at + c.offset }));
}

/** Where a duplicate or a paste "after the selection" goes: its end, rounded up to the grid. */
export function afterSelection(notes: readonly Note[], grid: number): number {
  const end = Math.max(...notes.map((n) => n.start + n.duration));
  return Math.ceil(end / Math.max(1, grid)) * Math.max(1, grid);
}

/** The span a duplicate repeats by: first start to last end, rounded up to the grid. */
export function duplicateOffset(notes: readonly Note[], grid: number): number {
  const first = Math.min(...notes.map((n) => n.start));
  const g = Math.max(1, grid);
  return Math.max(g, Math.ceil((afterSelection(notes, 1) - first) / g) * g);
}

// ---- Names and the ruler --------------------------------------------------------------------

/** "C4" is middle C (MIDI 60), as most DAWs and the General MIDI spec label it. */
export function noteName(pitch: number): string {
  return `${pitchClassNames[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
}

export const isBlackKey = (pitch: number) => [1, 3, 6, 8, 10].includes(pitch % 12);

export interface RulerMark {
  tick: number;
  /** 1-based bar number. */
  bar: number;
  /** 1-based beat in the bar; 1 is the downbeat. */
  beat: number;
}

/**
 * Bars and beats in [from, to), following the time-signature changes (a change takes effect at
 * its tick, which starts a bar). `maxMarks` keeps a zoomed-out view from asking for millions.
 */
export function rulerMarks(timeSignatures: readonly TimeSignature[], ppq: number, from: number, to: number, maxMarks = 4000): RulerMark[] {
  const marks: RulerMark[] = [];
  const sigs = timeSignatures.length ? timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 as const }];
  let bar = 1;
  for (let i = 0; i < sigs.length; i++) {
    const sig = sigs[i] as TimeSignature;
    const next = sigs[i + 1]?.tick ?? Infinity;
    const beatTicks = (ppq * 4) / sig.denominator;
    const barTicks = beatTicks * sig.numerator;
    const segmentEnd = Math.min(next, to);
    // Skip whole bars before `from` without walking them.
    let tick = sig.tick;
    if (from > tick) {
      const skipped = Math.floor((from - tick) / barTicks);
      tick += skipped * barTicks;
      bar += skipped;
    }
    while (tick < segmentEnd) {
      for (let beat = 1; beat <= sig.numerator; beat++) {
        const t = tick + (beat - 1) * beatTicks;
        if (t >= next) break;
        if (t >= from && t < to) marks.push({ tick: Math.round(t), bar, beat });
        if (marks.length >= maxMarks) return marks;
      }
      tick += barTicks;
      bar++;
    }
    // Nothing after `to` is shown, so later segments need not be numbered.
    if (to <= next) break;
  }
  return marks;
}

/** The patches that turn `before` into `after` (same ids), e.g. from the shared quantize(). */
export function notePatchesBetween(before: readonly Note[], after: readonly Note[]): NotePatch[] {
  const byId = new Map(after.map((n) => [n.id, n]));
  const patches: NotePatch[] = [];
  for (const n of before) {
    const m = byId.get(n.id);
    if (!m) continue;
    const patch: NotePatch = { id: n.id };
    if (m.start !== n.start) patch.start = m.start;
    if (m.pitch !== n.pitch) patch.pitch = m.pitch;
    if (m.duration !== n.duration) patch.duration = m.duration;
    if (m.velocity !== n.velocity) patch.velocity = m.velocity;
    if (Object.keys(patch).length > 1) patches.push(patch);
  }
  return patches;
}

/**
 * While playing: the scrollX that brings the playhead back into view, or null while it is in view.
 * Pages flip (the playhead lands a tenth of the way in) rather than scrolling every frame, so
 * the notes stay still to read; a jump back (a loop) flips too.
 */
export function followPlayhead(v: RollView, tick: number): number | null {
  const x = tickToX(v, tick);
  if (x >= v.keysWidth && x <= v.width - 24) return null;
  return Math.max(0, tick * v.pxPerTick - (v.width - v.keysWidth) * 0.1);
}
