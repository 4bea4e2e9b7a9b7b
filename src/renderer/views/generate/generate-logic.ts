// The Generate panel's pure part, tested without a window: where a kept result goes on a track,
// the notes and ops that put it there (one undo step), the card thumbnail's geometry, which track
// a result is for, the summary the history keeps, and moving the focus between cards.
import { generationPpq, type ClipSummary, type GeneratedClip, type ModelKind } from '../../../shared/api';
import { arrangeTrack, barEnd, barStart, ClipRefusal, isFree } from '../../../shared/music/clips';
import type { Clip, Note, NoteSequence, Track } from '../../../shared/music/note-sequence';
import type { SongOp } from '../../../shared/music/song-ops';
import { pitchSpan } from '../song/arrangement-logic';

/** A generated clip's length in the song's ticks (the models count 4/4 bars). */
export function cardTicks(song: Pick<NoteSequence, 'ppq'>, bars: number): number {
  return Math.max(1, Math.round(bars * 4 * song.ppq));
}

/**
 * Where Keep puts a result of `duration` ticks on `track`: at `preferred` (a continuation's place,
 * right after what it continues) when that is free, else at the bar of the playhead when free,
 * else at the first bar line after the track's last clip.
 */
export function keepStart(song: NoteSequence, track: Track, duration: number, playheadTick: number, preferred?: number): number {
  if (preferred !== undefined && preferred >= 0 && isFree(song, track, preferred, duration)) return preferred;
  const atPlayhead = barStart(song, Math.max(0, playheadTick));
  if (isFree(song, track, atPlayhead, duration)) return atPlayhead;
  const clips = arrangeTrack(song, track);
  const lastEnd = clips.reduce((m, c) => Math.max(m, c.start + c.duration), 0);
  // A clip ending inside a bar leaves the rest of that bar; the next bar line is free for certain.
  return barEnd(song, Math.max(lastEnd, atPlayhead), true);
}

/** The bar line under a drop at `tick` (a card dropped on a lane starts at the bar under the pointer). */
export function dropBar(song: NoteSequence, tick: number): number {
  return barStart(song, Math.max(0, tick));
}

/** Generated notes (PPQ 480 from tick 0) as song notes from `start`, with fresh ids. */
export function placeNotes(notes: readonly Note[], song: Pick<NoteSequence, 'ppq'>, start: number, newId: () => string): Note[] {
  const scale = song.ppq / generationPpq;
  return notes.map((n) => ({
    id: newId(),
    pitch: n.pitch,
    velocity: n.velocity,
    start: start + Math.round(n.start * scale),
    duration: Math.max(1, Math.round(n.duration * scale)),
  }));
}

/**
 * The ops that add a result as a new named clip on `trackId` at `start`: its notes and the clip,
 * one edit. Refused (ClipRefusal) when another clip holds part of that place or the track is gone.
 */
export function keepOps(
  song: NoteSequence,
  trackId: string,
  result: Pick<GeneratedClip, 'notes' | 'bars'>,
  start: number,
  name: string,
  newId: () => string,
): { ops: SongOp[]; clip: Clip } {
  const track = song.tracks.find((t) => t.id === trackId);
  if (!track) throw new ClipRefusal('That track no longer exists.');
  if (start < 0) throw new ClipRefusal('A clip cannot start before the song.');
  const duration = cardTicks(song, result.bars);
  if (!isFree(song, track, start, duration)) throw new ClipRefusal(`That place on “${track.name || 'the track'}” is taken by another clip; drop it on empty space.`);
  const clip: Clip = { id: newId(), name: name.slice(0, 120) || 'Generated', start, duration };
  const notes = placeNotes(result.notes, song, start, newId);
  const ops: SongOp[] = [];
  if (notes.length) ops.push({ type: 'addNotes', trackId, notes });
  ops.push({ type: 'setClips', trackId, clips: [...(track.clips ?? []), clip].sort((a, b) => a.start - b.start) });
  return { ops, clip };
}

/** Whether a track suits a model's results: drums on a drum track, melodies on any other. */
export const trackSuits = (track: Pick<Track, 'isDrum'>, kind: ModelKind): boolean => track.isDrum === (kind === 'drums');

/**
 * The track results go to: the one chosen in the panel, else the selected track when it suits the
 * model, else the first track that suits, else null.
 */
export function targetTrack(song: NoteSequence, kind: ModelKind | null, chosenId: string | null, selectedId: string | null): Track | null {
  const chosen = chosenId ? song.tracks.find((t) => t.id === chosenId) : undefined;
  if (chosen) return chosen;
  const selected = selectedId ? song.tracks.find((t) => t.id === selectedId) : undefined;
  if (selected && (!kind || trackSuits(selected, kind))) return selected;
  return (kind ? song.tracks.find((t) => trackSuits(t, kind)) : undefined) ?? null;
}

export interface ThumbRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Note rectangles of a card's thumbnail (`width` × `height` CSS pixels, `pad` inside), pitch on y. */
export function thumbRects(notes: readonly Pick<Note, 'pitch' | 'start' | 'duration'>[], bars: number, width: number, height: number, pad = 3): ThumbRect[] {
  const total = Math.max(1, bars * 4 * generationPpq);
  const { low, high } = pitchSpan(notes.map((n) => n.pitch));
  const rows = high - low + 1;
  const innerW = Math.max(1, width - 2 * pad);
  const innerH = Math.max(1, height - 2 * pad);
  const rowH = innerH / rows;
  return notes.map((n) => ({
    x: pad + (Math.min(n.start, total) / total) * innerW,
    y: pad + (high - n.pitch) * rowH,
    w: Math.max(1.5, (Math.min(n.duration, total - n.start) / total) * innerW),
    h: Math.max(1.5, rowH),
  }));
}

/** The x of a card's playhead `seconds` into a clip lasting `length` seconds. */
export function thumbPlayheadX(seconds: number, length: number, width: number, pad = 3): number {
  const f = length > 0 ? Math.min(1, Math.max(0, seconds / length)) : 0;
  return pad + f * Math.max(1, width - 2 * pad);
}

/** What the history keeps of a result: counts and ranges, not its notes. */
export function clipSummaryOf(result: Pick<GeneratedClip, 'notes' | 'bars' | 'density' | 'inScaleRate'>): ClipSummary {
  const pitches = result.notes.map((n) => n.pitch);
  return {
    notes: result.notes.length,
    density: Math.round(result.density * 100) / 100,
    ...(pitches.length ? { lowPitch: Math.min(...pitches), highPitch: Math.max(...pitches) } : {}),
    bars: result.bars,
    ...(result.inScaleRate !== undefined ? { inScaleRate: Math.round(result.inScaleRate * 1000) / 1000 } : {}),
  };
}

/** The card focused after moving `delta` from `current` among `ids` (clamped; the first when none is). */
export function stepFocus(ids: readonly string[], current: string | null, delta: number): string | null {
  if (!ids.length) return null;
  const i = current ? ids.indexOf(current) : -1;
  if (i < 0) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, i + delta))] ?? null;
}

/** The card focused once `removed` goes: the next one, else the previous, else none. */
export function focusAfterRemoval(ids: readonly string[], removed: string, focused: string | null): string | null {
  if (focused !== removed && focused && ids.includes(focused)) return focused;
  const i = ids.indexOf(removed);
  const rest = ids.filter((id) => id !== removed);
  if (!rest.length) return null;
  return rest[Math.min(Math.max(0, i), rest.length - 1)] ?? null;
}

/** The keys of the results list (when it has the focus), as registry shortcuts. */
export const cardKeys = {
  next: ['ArrowRight', 'ArrowDown'],
  previous: ['ArrowLeft', 'ArrowUp'],
  play: ['Space'],
  keep: ['K'],
  discard: ['D', 'Delete', 'Backspace'],
} as const;

export const tonicNames = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'] as const;

/** A card's figures in words: "6.5 notes/bar · 94 % in C major". */
export function cardFigures(result: Pick<GeneratedClip, 'density' | 'inScaleRate' | 'notes'> & { taste?: number }, kind: ModelKind, key?: { tonic: number; mode: string }): string {
  const unit = kind === 'drums' ? 'hits' : 'notes';
  const one = kind === 'drums' ? 'hit' : 'note';
  const parts = [`${result.notes.length} ${result.notes.length === 1 ? one : unit}`, `${(Math.round(result.density * 10) / 10).toString()} ${unit}/bar`];
  if (key && result.inScaleRate !== undefined) parts.push(`${Math.round(result.inScaleRate * 100)} % in ${tonicNames[key.tonic] ?? '?'} ${key.mode}`);
  if (result.taste !== undefined) parts.push(`${Math.round(result.taste * 100)} % your taste`);
  return parts.join(' · ');
}

/** Cards with their predicted taste, likeliest keep first (ties keep the model's order). */
export function tasteOrder<C extends { taste?: number }>(cards: readonly C[], scores: readonly number[]): C[] {
  return cards
    .map((card, i) => ({ card: { ...card, taste: scores[i] ?? 0 }, i }))
    .sort((a, b) => (b.card.taste as number) - (a.card.taste as number) || a.i - b.i)
    .map((x) => x.card);
}
