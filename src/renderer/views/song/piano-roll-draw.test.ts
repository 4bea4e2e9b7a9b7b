import { describe, expect, it } from 'vitest';
import type { Note } from '../../../shared/music/note-sequence';
import { drawRoll, noteFill, type RollScene } from './piano-roll-draw';
import { indexNotes, noteName, type RollView } from './piano-roll-logic';

/** A 2D context that records its fillRect calls (with the fill style of each) and ignores the rest. */
function recordingContext(): { ctx: CanvasRenderingContext2D; rects: { x: number; y: number; w: number; h: number; style: string }[] } {
  const rects: { x: number; y: number; w: number; h: number; style: string }[] = [];
  const state: Record<string | symbol, unknown> = { fillStyle: '#000000' };
  const ctx = new Proxy(state, {
    get(target, key) {
      if (key === 'fillRect') return (x: number, y: number, w: number, h: number) => rects.push({ x, y, w, h, style: String(target.fillStyle) });
      if (key in target) return target[key];
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, rects };
}

const view: RollView = {
  width: 1000,
  height: 600,
  keysWidth: 100,
  rulerHeight: 24,
  laneHeight: 80,
  pxPerTick: 0.2,
  rowHeight: 14,
  // Fractional scrolls, as a trackpad or centring on a pitch leaves them.
  scrollX: 1000.4,
  scrollY: 700.5,
  lowPitch: 0,
  highPitch: 127,
};

const note = (i: number): Note => ({ id: `n${i}`, start: i * 120, pitch: 60 + (i % 12), velocity: 1 + ((i * 13) % 127), duration: 110 });

function scene(notes: Note[], selection: string[] = []): RollScene {
  return {
    view,
    index: indexNotes(notes),
    ppq: 480,
    grid: 120,
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    selection: new Set(selection),
    preview: null,
    extra: [],
    marquee: null,
    scale: null,
    rowLabel: noteName,
    isDrum: false,
  };
}

describe('piano roll painting', () => {
  it('mixes a note colour with its row at the opacity of its velocity, from a table', () => {
    expect(noteFill('#3d8fd6', '#1c2027', 127)).toBe('rgb(61, 143, 214)');
    // 0.55 of the note and 0.45 of the row for the quietest notes.
    expect(noteFill('#3d8fd6', '#1c2027', 1)).toBe(`rgb(${[[0x3d, 0x1c], [0x8f, 0x20], [0xd6, 0x27]].map(([f, b]) => Math.round((f as number) * 0.55 + (b as number) * 0.45)).join(', ')})`);
    expect(noteFill('#3d8fd6', '#1c2027', 64)).toBe(noteFill('#3d8fd6', '#1c2027', 64));
  });

  it('draws only the visible notes of 10,000, each as two rectangles on whole pixels', () => {
    const notes = Array.from({ length: 10_000 }, (_, i) => note(i));
    const { ctx, rects } = recordingContext();
    const drawn = drawRoll(ctx, scene(notes));
    // The grid is 900 px wide at 0.2 px/tick: 4,500 ticks, about 38 notes of 120 ticks, on 12 rows that are all on screen.
    expect(drawn).toBeGreaterThan(30);
    expect(drawn).toBeLessThan(45);
    const borders = rects.filter((r) => r.style === '#0b1a28');
    expect(borders).toHaveLength(drawn);
    const bodies = rects.filter((r) => r.style.startsWith('rgb('));
    expect(bodies).toHaveLength(drawn);
    for (const r of [...borders, ...bodies]) for (const n of [r.x, r.y, r.w, r.h]) expect(Number.isInteger(n)).toBe(true);
  });

  it('draws a selected note in the selected colour', () => {
    const notes = Array.from({ length: 100 }, (_, i) => note(i));
    const { ctx, rects } = recordingContext();
    drawRoll(ctx, scene(notes, ['n45']));
    const selected = noteFill('#8fd0ff', '#1c2027', notes[45]?.velocity ?? 0);
    const other = noteFill('#8fd0ff', '#121419', notes[45]?.velocity ?? 0);
    expect(rects.filter((r) => r.style === selected || r.style === other)).toHaveLength(1);
  });
});
