// Paints the piano roll on a canvas: rows (black keys darker, the song's key lighter), the bar and
// beat grid, the notes of the edited track (selected ones brighter, a drag's preview in place of
// the originals), the marquee, the key column with note or GM drum names, the bar ruler, and the
// velocity lane. Only what is visible is drawn (notesIn), so 10,000 notes cost what a screenful
// does. Pure painting: the component decides when (one requestAnimationFrame per change).
//
// Drawn for speed on a software canvas (headless Chromium, a machine without GPU compositing):
// everything sits on whole pixels (the scroll is rounded), so no edge needs blending, and a note
// is two opaque rectangles, its border and its body, whose colour is the note colour at its
// velocity's opacity already mixed with the row under it (an exact mix for the row; the grid lines
// no longer show through a quiet note). A translucent body and a strokeRect border cost about twice
// as much to draw and rasterise (~1,700 notes on screen: ~5.5 ms against ~3 ms a frame; see
// bench/renderer-bench.ts).
import type { Note } from '../../../shared/music/note-sequence';
import {
  gridBottom,
  gridTop,
  isBlackKey,
  noteName,
  notesIn,
  pitchToY,
  rulerMarks,
  tickToX,
  visiblePitches,
  visibleTicks,
  type NoteIndex,
  type RollView,
} from './piano-roll-logic';
import type { TimeSignature } from '../../../shared/music/note-sequence';

export interface RollScene {
  view: RollView;
  index: NoteIndex;
  ppq: number;
  grid: number;
  timeSignatures: readonly TimeSignature[];
  selection: ReadonlySet<string>;
  /** Notes as a drag would leave them, by id (drawn instead of the originals). */
  preview: ReadonlyMap<string, Note> | null;
  /** Notes being added (a pencil stroke not yet acknowledged). */
  extra: readonly Note[];
  marquee: { x0: number; y0: number; x1: number; y1: number } | null;
  /** Pitch classes of the song's key, or null when it states none. */
  scale: ReadonlySet<number> | null;
  rowLabel: (pitch: number) => string;
  isDrum: boolean;
}

const colors = {
  bg: '#16181d',
  rowBlack: '#121419',
  rowInKey: '#1c2027',
  rowC: '#262b34',
  beat: '#23272f',
  bar: '#3a404b',
  gridLine: '#1d2027',
  note: '#3d8fd6',
  noteSelected: '#8fd0ff',
  noteBorder: '#0b1a28',
  keysBg: '#1b1e24',
  keyWhite: '#d9dde4',
  keyBlack: '#2a2f38',
  text: '#a2a9b5',
  textStrong: '#e4e7ec',
  ruler: '#1b1e24',
  marquee: 'rgba(79, 179, 255, 0.18)',
  marqueeBorder: '#4fb3ff',
  lane: '#13151a',
  velocity: '#3fcf8e',
  velocitySelected: '#a8f0cf',
};

/** Draws the scene; returns how many of the track's notes are on screen. */
export function drawRoll(ctx: CanvasRenderingContext2D, scene: RollScene): number {
  // Whole pixels: rows, notes and grid lines line up and fill without blended edges.
  const v: RollView = { ...scene.view, scrollX: Math.round(scene.view.scrollX), scrollY: Math.round(scene.view.scrollY) };
  const top = gridTop(v);
  const bottom = gridBottom(v);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, v.width, v.height);

  // Rows.
  const [lowPitch, highPitch] = visiblePitches(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(v.keysWidth, top, v.width - v.keysWidth, bottom - top);
  ctx.clip();
  for (let p = lowPitch; p <= highPitch; p++) {
    const y = pitchToY(v, p);
    const fill = rowColor(scene, p);
    if (fill !== colors.bg) {
      ctx.fillStyle = fill;
      ctx.fillRect(v.keysWidth, y, v.width - v.keysWidth, v.rowHeight);
    }
    if (!scene.isDrum && p % 12 === 0) {
      ctx.fillStyle = colors.rowC;
      ctx.fillRect(v.keysWidth, y + v.rowHeight - 1, v.width - v.keysWidth, 1);
    }
  }

  // Grid: snap lines when they are far enough apart, then beats and bars.
  const [t0, t1] = visibleTicks(v);
  if (scene.grid > 1 && scene.grid * v.pxPerTick >= 6) {
    ctx.fillStyle = colors.gridLine;
    for (let t = Math.ceil(t0 / scene.grid) * scene.grid; t < t1; t += scene.grid) ctx.fillRect(Math.round(tickToX(v, t)), top, 1, bottom - top);
  }
  const marks = rulerMarks(scene.timeSignatures, scene.ppq, t0, t1 + 1);
  const beatPx = (scene.ppq * v.pxPerTick);
  for (const m of marks) {
    if (m.beat !== 1 && beatPx < 8) continue;
    ctx.fillStyle = m.beat === 1 ? colors.bar : colors.beat;
    ctx.fillRect(Math.round(tickToX(v, m.tick)), top, 1, bottom - top);
  }

  // Notes, in order (a later one covers an earlier one it overlaps); a drag's preview and new
  // notes on top. Names go on notes wide enough for them, after all the notes.
  const visible = notesIn(scene.index, t0, t1, lowPitch, highPitch);
  const rh = Math.round(v.rowHeight);
  const named: Note[] = [];
  const drawNote = (n: Note, selected: boolean) => {
    const x = Math.round(tickToX(v, n.start));
    const w = Math.max(2, Math.round(tickToX(v, n.start + n.duration)) - x);
    const y = Math.round(pitchToY(v, n.pitch));
    ctx.fillStyle = colors.noteBorder;
    ctx.fillRect(x, y + 1, w, rh - 2);
    ctx.fillStyle = noteFill(selected ? colors.noteSelected : colors.note, rowColor(scene, n.pitch), n.velocity);
    if (w > 2) ctx.fillRect(x + 1, y + 2, w - 2, rh - 4);
    if (!scene.isDrum && w > 34 && rh >= 11) named.push(n);
  };
  for (const n of visible) {
    if (scene.preview?.has(n.id)) continue;
    drawNote(n, scene.selection.has(n.id));
  }
  for (const n of scene.preview?.values() ?? []) drawNote(n, true);
  for (const n of scene.extra) drawNote(n, true);
  if (named.length) {
    ctx.fillStyle = '#06121c';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const n of named) ctx.fillText(noteName(n.pitch), Math.round(tickToX(v, n.start)) + 4, Math.round(pitchToY(v, n.pitch)) + rh / 2);
  }

  if (scene.marquee) {
    const { x0, y0, x1, y1 } = scene.marquee;
    ctx.fillStyle = colors.marquee;
    ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    ctx.strokeStyle = colors.marqueeBorder;
    ctx.strokeRect(Math.min(x0, x1) + 0.5, Math.min(y0, y1) + 0.5, Math.abs(x1 - x0), Math.abs(y1 - y0));
  }
  ctx.restore();

  // Key column.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, top, v.keysWidth, bottom - top);
  ctx.clip();
  ctx.fillStyle = colors.keysBg;
  ctx.fillRect(0, top, v.keysWidth, bottom - top);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let p = lowPitch; p <= highPitch; p++) {
    const y = pitchToY(v, p);
    if (scene.isDrum) {
      ctx.fillStyle = p % 2 === 0 ? colors.rowInKey : colors.keysBg;
      ctx.fillRect(0, y, v.keysWidth, v.rowHeight);
      ctx.fillStyle = colors.text;
      if (v.rowHeight >= 9) ctx.fillText(scene.rowLabel(p), 6, y + v.rowHeight / 2, v.keysWidth - 10);
      continue;
    }
    const black = isBlackKey(p);
    ctx.fillStyle = black ? colors.keyBlack : colors.keyWhite;
    ctx.fillRect(black ? 0 : 0, y, black ? v.keysWidth * 0.62 : v.keysWidth, v.rowHeight);
    ctx.fillStyle = '#9aa1ad';
    ctx.fillRect(0, y + v.rowHeight - 0.5, v.keysWidth, 0.5);
    if (p % 12 === 0 || (v.rowHeight >= 12 && !black)) {
      ctx.fillStyle = p % 12 === 0 ? '#14161a' : '#5d6470';
      ctx.fillText(scene.rowLabel(p), v.keysWidth - 30, y + v.rowHeight / 2);
    }
  }
  ctx.restore();
  ctx.fillStyle = '#2c313a';
  ctx.fillRect(v.keysWidth - 1, top, 1, bottom - top);

  // Ruler.
  ctx.fillStyle = colors.ruler;
  ctx.fillRect(0, 0, v.width, top);
  ctx.fillStyle = '#2c313a';
  ctx.fillRect(0, top - 1, v.width, 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(v.keysWidth, 0, v.width - v.keysWidth, top);
  ctx.clip();
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // Label every bar when there is room, else every 2nd, 4th, … so numbers never overlap.
  const barPx = beatPx * 4;
  const every = barPx >= 40 ? 1 : 2 ** Math.ceil(Math.log2(40 / Math.max(1, barPx)));
  for (const m of marks) {
    const x = Math.round(tickToX(v, m.tick));
    if (m.beat === 1) {
      ctx.fillStyle = colors.bar;
      ctx.fillRect(x, top * 0.35, 1, top * 0.65);
      if ((m.bar - 1) % every === 0) {
        ctx.fillStyle = colors.textStrong;
        ctx.fillText(String(m.bar), x + 4, top / 2);
      }
    } else if (beatPx >= 8) {
      ctx.fillStyle = colors.beat;
      ctx.fillRect(x, top * 0.7, 1, top * 0.3);
      if (beatPx >= 48) {
        ctx.fillStyle = colors.text;
        ctx.fillText(`${m.bar}.${m.beat}`, x + 3, top / 2);
      }
    }
  }
  ctx.restore();

  // Velocity lane.
  if (v.laneHeight > 0) {
    ctx.fillStyle = colors.lane;
    ctx.fillRect(0, bottom, v.width, v.laneHeight);
    ctx.fillStyle = '#2c313a';
    ctx.fillRect(0, bottom, v.width, 1);
    ctx.fillStyle = colors.text;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText('Velocity', 6, bottom + 6);
    ctx.save();
    ctx.beginPath();
    ctx.rect(v.keysWidth, bottom + 1, v.width - v.keysWidth, v.laneHeight - 1);
    ctx.clip();
    // One colour at a time, selected bars on top; a bar the same as the one before it (the notes of
    // a chord, often) is drawn once.
    const laneNotes = notesIn(scene.index, t0, t1);
    const base = bottom + v.laneHeight - 4;
    let lastX = NaN;
    let lastH = NaN;
    const drawBar = (n: Note) => {
      const x = Math.round(tickToX(v, n.start));
      const h = Math.round(((v.laneHeight - 8) * n.velocity) / 127);
      if (x === lastX && h === lastH) return;
      lastX = x;
      lastH = h;
      ctx.fillRect(x, base - h, 3, h);
      ctx.fillRect(x - 2, base - h, 7, 2);
    };
    ctx.fillStyle = colors.velocity;
    for (const n of laneNotes) if (!scene.preview?.has(n.id) && !scene.selection.has(n.id)) drawBar(n);
    ctx.fillStyle = colors.velocitySelected;
    lastX = NaN;
    for (const n of laneNotes) if (!scene.preview?.has(n.id) && scene.selection.has(n.id)) drawBar(n);
    for (const n of scene.preview?.values() ?? []) drawBar(n);
    ctx.restore();
  }
  return visible.length;
}

/** The colour of a pitch's row: the song's key (or the white keys) lighter, black keys darker; drum rows alternate. */
function rowColor(scene: RollScene, pitch: number): string {
  if (scene.isDrum) return pitch % 2 === 0 ? colors.rowInKey : colors.bg;
  if (scene.scale ? scene.scale.has(pitch % 12) : !isBlackKey(pitch)) return colors.rowInKey;
  return isBlackKey(pitch) ? colors.rowBlack : colors.bg;
}

/** Velocity → opacity: louder notes are more opaque (0.55…1), as in most piano rolls; 16 steps. */
const opacitySteps = 16;
const fills = new Map<string, Map<string, string[]>>();
const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The opaque colour of `color` at the opacity of `velocity` over `row` (CSS hex colours), from a small table. */
export function noteFill(color: string, row: string, velocity: number): string {
  let byRow = fills.get(color);
  if (!byRow) fills.set(color, (byRow = new Map()));
  let steps = byRow.get(row);
  if (!steps) {
    const fg = channels(color);
    const bg = channels(row);
    steps = Array.from({ length: opacitySteps }, (_, step) => {
      const alpha = 0.55 + (0.45 * step) / (opacitySteps - 1);
      return `rgb(${fg.map((c, i) => Math.round(c * alpha + (bg[i] as number) * (1 - alpha))).join(', ')})`;
    });
    byRow.set(row, steps);
  }
  return steps[Math.min(opacitySteps - 1, Math.max(0, Math.round((velocity * (opacitySteps - 1)) / 127)))] as string;
}

/**
 * The transport layer, on its own canvas over the roll: the loop region on the ruler and the
 * playhead line. It is redrawn every frame while playing, which the roll itself (thousands of
 * notes) is not.
 */
export function drawTransport(ctx: CanvasRenderingContext2D, v: RollView, playhead: number, loop: { start: number; end: number; on: boolean }): void {
  ctx.clearRect(0, 0, v.width, v.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(v.keysWidth, 0, v.width - v.keysWidth, v.height);
  ctx.clip();
  const x0 = tickToX(v, loop.start);
  const x1 = tickToX(v, loop.end);
  ctx.fillStyle = loop.on ? 'rgba(63, 207, 142, 0.35)' : 'rgba(162, 169, 181, 0.14)';
  ctx.fillRect(x0, 2, x1 - x0, 6);
  if (loop.on) {
    ctx.fillStyle = 'rgba(63, 207, 142, 0.06)';
    ctx.fillRect(x0, gridTop(v), x1 - x0, gridBottom(v) - gridTop(v));
  }
  const x = Math.round(tickToX(v, playhead)) + 0.5;
  ctx.strokeStyle = '#ffb347';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x, 0);
  ctx.lineTo(x, v.height);
  ctx.stroke();
  ctx.fillStyle = '#ffb347';
  ctx.beginPath();
  ctx.moveTo(x - 6, v.rulerHeight - 10);
  ctx.lineTo(x + 6, v.rulerHeight - 10);
  ctx.lineTo(x, v.rulerHeight - 2);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
