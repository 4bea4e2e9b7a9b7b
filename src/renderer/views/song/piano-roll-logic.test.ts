import { describe, expect, it } from 'vitest';
import type { Note } from '../../../shared/music/note-sequence';
import {
  followPlayhead,
  afterSelection,
  clampScroll,
  dragDelta,
  drawnNote,
  duplicateOffset,
  fromClipboard,
  gridTicks,
  hitTest,
  indexNotes,
  marqueeSelect,
  noteName,
  notesIn,
  nudgePatches,
  pitchToY,
  notePatchesBetween,
  resizePatches,
  rulerMarks,
  snapTick,
  tickToX,
  toClipboard,
  transposePatches,
  velocityAtY,
  visibleTicks,
  xToTick,
  yToPitch,
  zoomAt,
  type RollView,
} from './piano-roll-logic';

const viewAtTop: RollView = {
  width: 1000,
  height: 600,
  keysWidth: 100,
  rulerHeight: 24,
  laneHeight: 76,
  pxPerTick: 0.25, // a quarter (480) is 120 px
  rowHeight: 10,
  scrollX: 0,
  scrollY: 0,
  lowPitch: 0,
  highPitch: 127,
};
const view = viewAtTop;
const note = (id: string, start: number, pitch: number, duration = 480, velocity = 100): Note => ({ id, start, pitch, duration, velocity });

describe('piano roll geometry', () => {
  it('maps ticks and pitches to pixels and back', () => {
    expect(tickToX(view, 480)).toBe(220);
    expect(xToTick(view, 220)).toBe(480);
    const scrolled = { ...view, scrollX: 60, scrollY: 500 };
    expect(tickToX(scrolled, 480)).toBe(160);
    expect(xToTick(scrolled, tickToX(scrolled, 1234))).toBeCloseTo(1234);
    expect(pitchToY(view, 127)).toBe(24);
    expect(yToPitch(view, 24)).toBe(127);
    expect(yToPitch(view, 33.9)).toBe(127);
    expect(yToPitch(view, 34)).toBe(126);
    for (const p of [0, 60, 127]) expect(yToPitch(scrolled, pitchToY(scrolled, p) + 5)).toBe(p);
  });

  it('snaps to straight and triplet grids, and not at all when off', () => {
    expect(gridTicks('1/4', 480)).toBe(480);
    expect(gridTicks('1/16', 480)).toBe(120);
    expect(gridTicks('1/32', 480)).toBe(60);
    expect(gridTicks('1/8T', 480)).toBe(160);
    expect(gridTicks('1/16T', 480)).toBe(80);
    expect(gridTicks('off', 480)).toBe(1);
    expect(snapTick(170, 120)).toBe(120);
    expect(snapTick(181, 120)).toBe(240);
    expect(snapTick(239, 120, 'floor')).toBe(120);
    expect(snapTick(-50, 120)).toBe(0);
    expect(snapTick(173.4, 1)).toBe(173);
  });

  it('zooms around the pointer and keeps the scroll inside the song', () => {
    const zoomed = zoomAt(view, 2, 400);
    expect(zoomed.pxPerTick).toBe(0.5);
    expect(xToTick(zoomed, 400)).toBeCloseTo(xToTick(view, 400));
    expect(zoomAt(view, 1e9, 400).pxPerTick).toBe(2);
    const clamped = clampScroll({ ...view, scrollX: -40, scrollY: 1e6 }, 480 * 16);
    expect(clamped.scrollX).toBe(0);
    expect(clamped.scrollY).toBe(128 * 10 - (600 - 24 - 76));
  });

  it('finds the visible notes of 10,000 by binary search, including long ones that started earlier', () => {
    const notes = Array.from({ length: 10_000 }, (_, i) => note(`n${i}`, i * 120, 40 + (i % 40), 120));
    notes.push(note('long', 0, 60, 480 * 2000));
    const index = indexNotes(notes.reverse());
    expect(index.notes[0]?.start).toBe(0);
    const [from, to] = visibleTicks({ ...view, scrollX: 120 * 0.25 * 5000 });
    const visible = notesIn(index, from, to);
    expect(visible.map((n) => n.id)).toContain('long');
    expect(visible.every((n) => n.start < to && n.start + n.duration > from)).toBe(true);
    const expected = notes.filter((n) => n.start < to && n.start + n.duration > from).length;
    expect(visible).toHaveLength(expected);
    expect(notesIn(index, from, to, 50, 50).every((n) => n.pitch === 50)).toBe(true);
  });
});

describe('piano roll hit-testing and selection', () => {
  // Scrolled so that pitches 60…62 are on screen.
  const view: RollView = { ...viewAtTop, scrollY: 500 };
  const index = indexNotes([note('a', 0, 60), note('b', 480, 62, 240), note('c', 960, 60, 30)]);

  it('tells a note body from its right edge, and misses empty space', () => {
    const y60 = pitchToY(view, 60) + 5;
    expect(hitTest(view, index, tickToX(view, 100), y60)).toEqual({ note: index.notes[0], part: 'body' });
    expect(hitTest(view, index, tickToX(view, 478), y60)?.part).toBe('end');
    expect(hitTest(view, index, tickToX(view, 100), pitchToY(view, 61) + 5)).toBeNull();
    // A very short note keeps a grabbable body.
    expect(hitTest(view, index, tickToX(view, 961), y60)?.part).toBe('body');
    // The keyboard column and the ruler are not the grid.
    expect(hitTest(view, index, 50, y60)).toBeNull();
  });

  it('selects what a marquee touches, whichever way it was dragged', () => {
    const ids = marqueeSelect(view, index, tickToX(view, 500), pitchToY(view, 62), tickToX(view, 300), pitchToY(view, 60) + 9);
    expect(ids.sort()).toEqual(['a', 'b']);
    expect(marqueeSelect(view, index, tickToX(view, 2000), pitchToY(view, 62), tickToX(view, 2100), pitchToY(view, 60))).toEqual([]);
  });
});

describe('piano roll edits', () => {
  it('drags a group so the grabbed note lands on the grid, inside the keyboard and after zero', () => {
    const a = note('a', 490, 60);
    const b = note('b', 600, 126);
    expect(dragDelta(a, [a, b], 200, 0, 120)).toEqual({ ticks: 230, pitches: 0 }); // 490+200 → 720
    expect(dragDelta(a, [a, b], -2000, 0, 120).ticks).toBe(-490);
    expect(dragDelta(a, [a, b], 0, 5, 120).pitches).toBe(1);
    expect(dragDelta(a, [a, b], 0, -100, 120).pitches).toBe(-60);
  });

  it('transposes and nudges as a whole or not at all', () => {
    const notes = [note('a', 0, 60), note('b', 240, 120)];
    expect(transposePatches(notes, 1)).toEqual([
      { id: 'a', pitch: 61 },
      { id: 'b', pitch: 121 },
    ]);
    expect(transposePatches(notes, 12)).toBeNull();
    expect(nudgePatches(notes, -120)).toBeNull();
    expect(nudgePatches(notes, 120)).toEqual([
      { id: 'a', start: 120 },
      { id: 'b', start: 360 },
    ]);
  });

  it('resizes ends onto the grid and never below one step', () => {
    const a = note('a', 0, 60, 480);
    const b = note('b', 0, 64, 200);
    expect(resizePatches(a, [a], 130, 120)).toEqual([{ id: 'a', duration: 600 }]);
    expect(resizePatches(a, [a, b], -1000, 120)).toEqual([
      { id: 'a', duration: 120 },
      { id: 'b', duration: 120 },
    ]);
    expect(resizePatches(a, [a], 10, 120)).toEqual([]);
  });

  it('draws one grid step at the cell clicked, a quarter when snap is off', () => {
    expect(drawnNote('x', 250, 64, 120, 480)).toEqual({ id: 'x', pitch: 64, velocity: 100, start: 240, duration: 120 });
    expect(drawnNote('x', 250, 64, 1, 480)).toMatchObject({ start: 250, duration: 480 });
  });

  it('copies, pastes and duplicates after the selection', () => {
    const notes = [note('a', 480, 60, 240), note('b', 720, 64, 300)];
    const clip = toClipboard(notes);
    expect(clip.map((c) => c.offset)).toEqual([0, 240]);
    let n = 0;
    const pasted = fromClipboard(clip, 1920, () => `p${n++}`);
    expect(pasted).toEqual([
      { id: 'p0', pitch: 60, velocity: 100, duration: 240, start: 1920 },
      { id: 'p1', pitch: 64, velocity: 100, duration: 300, start: 2160 },
    ]);
    expect(afterSelection(notes, 480)).toBe(1440); // ends at 1020 → next quarter
    expect(duplicateOffset(notes, 480)).toBe(960); // 540 ticks long → two quarters
    expect(duplicateOffset(notes, 1)).toBe(540);
  });

  it('reads velocity from the lane, top loud, bottom soft', () => {
    expect(velocityAtY(500, 80, 504)).toBe(127);
    expect(velocityAtY(500, 80, 576)).toBe(1);
    expect(velocityAtY(500, 80, 540)).toBe(64);
    expect(velocityAtY(500, 80, 9999)).toBe(1);
  });
});

describe('piano roll names and ruler', () => {
  it('names keys with middle C as C4', () => {
    expect(noteName(60)).toBe('C4');
    expect(noteName(61)).toBe('C#4');
    expect(noteName(21)).toBe('A0');
    expect(noteName(0)).toBe('C-1');
  });

  it('counts bars and beats across time-signature changes', () => {
    const sigs = [
      { tick: 0, numerator: 4, denominator: 4 as const },
      { tick: 480 * 8, numerator: 6, denominator: 8 as const },
    ];
    const marks = rulerMarks(sigs, 480, 0, 480 * 8 + 240 * 6 + 1);
    expect(marks.filter((m) => m.beat === 1).map((m) => [m.bar, m.tick])).toEqual([
      [1, 0],
      [2, 1920],
      [3, 3840],
      [4, 3840 + 1440],
    ]);
    expect(marks.filter((m) => m.bar === 3)).toHaveLength(6);
    // Starting mid-song numbers bars the same way.
    expect(rulerMarks(sigs, 480, 1920 + 1, 3840 + 1)[0]).toEqual({ tick: 1920 + 480, bar: 2, beat: 2 });
    expect(rulerMarks(sigs, 480, 3840, 3841)).toEqual([{ tick: 3840, bar: 3, beat: 1 }]);
  });
});

describe('patches between two versions of notes', () => {
  it('names only what changed, per note', () => {
    const before = [note('a', 130, 60, 100), note('b', 240, 62), note('c', 10, 64)];
    const after = [note('a', 120, 60, 100), note('b', 240, 62), { ...note('c', 0, 65), velocity: 90 }];
    expect(notePatchesBetween(before, after)).toEqual([
      { id: 'a', start: 120 },
      { id: 'c', start: 0, pitch: 65, velocity: 90 },
    ]);
    expect(notePatchesBetween(before, before)).toEqual([]);
  });
});

describe('followPlayhead', () => {
  const v = { width: 1112, height: 400, keysWidth: 112, rulerHeight: 26, laneHeight: 84, pxPerTick: 0.1, rowHeight: 14, scrollX: 0, scrollY: 0, lowPitch: 0, highPitch: 127 };
  it('leaves the view alone while the playhead is in it, and flips a page near the right edge or after a jump back', () => {
    expect(followPlayhead(v, 0)).toBeNull();
    expect(followPlayhead(v, 9000)).toBeNull(); // x = 1012
    expect(followPlayhead(v, 9900)).toBe(9900 * 0.1 - 100); // x = 1102 > 1088
    expect(followPlayhead({ ...v, scrollX: 5000 }, 0)).toBe(0);
  });
});
