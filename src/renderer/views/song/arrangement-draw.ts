// Paints the arrangement: the bar ruler with the loop region, one lane per track (lined up with
// the track rows), the clips in their track's colour with their name and a miniature of their
// notes, the chosen clip outlined, a dragged clip's ghost where it would land, and the playhead.
// Only the visible bars and notes are drawn. Pure painting; the component decides when.
import type { ArrangedClip } from '../../../shared/music/clips';
import type { Note, TimeSignature } from '../../../shared/music/note-sequence';
import { arrTickToX, arrVisibleTicks, pitchSpan, type ArrangeView, type Lane } from './arrangement-logic';
import { lowerBound, rulerMarks } from './piano-roll-logic';

export interface ArrangeTrack {
  id: string;
  notes: readonly Note[];
  clips: readonly ArrangedClip[];
  muted: boolean;
}

export interface ArrangeScene {
  view: ArrangeView;
  lanes: readonly Lane[];
  tracks: ReadonlyMap<string, ArrangeTrack>;
  ppq: number;
  timeSignatures: readonly TimeSignature[];
  selected: { trackId: string; clipId: string } | null;
  /** A clip being dragged: where it would land, and whether it may. */
  ghost: { trackId: string; start: number; duration: number; ok: boolean } | null;
  loop: { start: number; end: number; on: boolean };
  playhead: number;
}

/** Track colours, in order of the tracks (repeating). */
export const trackColors = ['#3d8fd6', '#3fcf8e', '#e0a33a', '#c46bd6', '#e06a5a', '#4fc3c9', '#9aa84a', '#d67aa4'];

const colors = {
  bg: '#14161b',
  lane: '#181b21',
  ruler: '#1b1e24',
  bar: '#2e333d',
  beat: '#1f232a',
  text: '#a2a9b5',
  clipText: '#0d1117',
  selected: '#ffffff',
  playhead: '#ffb347',
};

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, Math.max(1, w), h, Math.min(r, w / 2));
}

export function drawArrangement(ctx: CanvasRenderingContext2D, scene: ArrangeScene): void {
  const { view: v, lanes } = scene;
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, v.width, v.height);
  const [from, to] = arrVisibleTicks(v);

  // Lanes and the bar/beat grid under the clips.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, v.rulerHeight, v.width, v.height - v.rulerHeight);
  ctx.clip();
  ctx.fillStyle = colors.lane;
  for (const lane of lanes) ctx.fillRect(0, lane.top, v.width, lane.height);
  const marks = rulerMarks(scene.timeSignatures, scene.ppq, from, to + 1);
  const beatPx = marks.length > 1 ? v.width / marks.length : v.width;
  for (const m of marks) {
    if (m.beat !== 1 && beatPx < 10) continue;
    ctx.fillStyle = m.beat === 1 ? colors.bar : colors.beat;
    ctx.fillRect(Math.round(arrTickToX(v, m.tick)), v.rulerHeight, 1, v.height - v.rulerHeight);
  }
  if (scene.loop.on) {
    const x0 = arrTickToX(v, scene.loop.start);
    ctx.fillStyle = 'rgba(63, 207, 142, 0.06)';
    ctx.fillRect(x0, v.rulerHeight, arrTickToX(v, scene.loop.end) - x0, v.height - v.rulerHeight);
  }

  lanes.forEach((lane, i) => {
    const track = scene.tracks.get(lane.trackId);
    if (!track) return;
    const color = trackColors[i % trackColors.length] as string;
    for (const clip of track.clips) {
      if (clip.start + clip.duration < from || clip.start > to) continue;
      const isSelected = scene.selected?.trackId === lane.trackId && scene.selected.clipId === clip.id;
      drawClip(ctx, v, lane, clip, track, color, isSelected);
    }
  });

  const g = scene.ghost;
  const ghostLane = g && lanes.find((l) => l.trackId === g.trackId);
  if (g && ghostLane) {
    const x = arrTickToX(v, g.start);
    roundRect(ctx, x, ghostLane.top + 2, g.duration * v.pxPerTick, ghostLane.height - 4, 4);
    ctx.fillStyle = g.ok ? 'rgba(255, 255, 255, 0.12)' : 'rgba(224, 106, 90, 0.25)';
    ctx.fill();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = g.ok ? colors.selected : '#e06a5a';
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.restore();

  drawRuler(ctx, v, marks, scene.loop);

  const px = Math.round(arrTickToX(v, scene.playhead)) + 0.5;
  if (px >= 0 && px <= v.width) {
    ctx.strokeStyle = colors.playhead;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, 0);
    ctx.lineTo(px, v.height);
    ctx.stroke();
  }
}

function drawClip(ctx: CanvasRenderingContext2D, v: ArrangeView, lane: Lane, clip: ArrangedClip, track: ArrangeTrack, color: string, isSelected: boolean): void {
  const x = arrTickToX(v, clip.start);
  const w = clip.duration * v.pxPerTick;
  const y = lane.top + 2;
  const h = lane.height - 4;
  roundRect(ctx, x, y, w, h, 4);
  ctx.globalAlpha = track.muted ? 0.35 : 1;
  ctx.fillStyle = clip.auto ? `${color}66` : `${color}bb`;
  ctx.fill();
  ctx.lineWidth = isSelected ? 2 : 1;
  ctx.strokeStyle = isSelected ? colors.selected : color;
  ctx.stroke();

  ctx.save();
  ctx.clip();
  // The clip's notes in miniature, under a title strip.
  const top = y + 14;
  const bottom = y + h - 3;
  const notes = track.notes;
  const first = lowerBound(notes, clip.start);
  const last = lowerBound(notes, clip.start + clip.duration);
  const span = pitchSpan(notesPitches(notes, first, last));
  const rowH = Math.max(1, (bottom - top) / (span.high - span.low + 1));
  ctx.fillStyle = 'rgba(13, 17, 23, 0.75)';
  const [from, to] = arrVisibleTicks(v);
  for (let i = first; i < last; i++) {
    const n = notes[i] as Note;
    if (n.start > to || n.start + n.duration < from) continue;
    const ny = top + (span.high - n.pitch) * rowH;
    ctx.fillRect(arrTickToX(v, n.start), ny, Math.max(1, n.duration * v.pxPerTick - 0.5), Math.max(1, Math.min(3, rowH)));
  }
  if (w > 24) {
    ctx.fillStyle = colors.clipText;
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText(clip.auto ? '' : clip.name, Math.max(x, 0) + 5, y + 2);
  }
  ctx.restore();
  ctx.globalAlpha = 1;
}

function* notesPitches(notes: readonly Note[], from: number, to: number): Generator<number> {
  for (let i = from; i < to; i++) yield (notes[i] as Note).pitch;
}

function drawRuler(ctx: CanvasRenderingContext2D, v: ArrangeView, marks: ReturnType<typeof rulerMarks>, loop: ArrangeScene['loop']): void {
  ctx.fillStyle = colors.ruler;
  ctx.fillRect(0, 0, v.width, v.rulerHeight);
  const x0 = arrTickToX(v, loop.start);
  ctx.fillStyle = loop.on ? 'rgba(63, 207, 142, 0.35)' : 'rgba(162, 169, 181, 0.14)';
  ctx.fillRect(x0, 2, arrTickToX(v, loop.end) - x0, 6);
  ctx.fillStyle = colors.text;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  // Label every bar, or every 2nd, 4th, … when bars are narrow.
  const bars = marks.filter((m) => m.beat === 1);
  const [b0, b1] = bars;
  const barPx = b0 && b1 ? (b1.tick - b0.tick) * v.pxPerTick : v.width;
  let every = 1;
  while (barPx * every < 28) every *= 2;
  for (const m of bars) {
    const x = Math.round(arrTickToX(v, m.tick));
    ctx.fillRect(x, v.rulerHeight - 6, 1, 6);
    if ((m.bar - 1) % every === 0) ctx.fillText(String(m.bar), x + 3, v.rulerHeight - 3);
  }
  ctx.fillStyle = colors.bar;
  ctx.fillRect(0, v.rulerHeight - 1, v.width, 1);
}
