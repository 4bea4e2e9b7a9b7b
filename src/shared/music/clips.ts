// Clips: the arrangement's regions of a track. A track stores its named clips (note-sequence.ts);
// the notes stay in the track, and a clip holds those that start inside it. Notes outside every
// stored clip are shown as unnamed regions, one per run of notes with no whole empty bar in
// between, so a song from a MIDI file (which has no clips) arranges without a conversion step.
// The edits here (move, copy, delete, rename, add, duplicate a track) turn into plain SongOps, so
// each is one undo step on the host. Pure: songs are never mutated.
import { newId } from './new-id';
import type { Clip, Note, NoteSequence, Track } from './note-sequence';
import type { SongOp } from './song-ops';
import { barTicks } from './timing';

/** A clip as the arrangement shows it: a stored one, or an unnamed region of loose notes (`auto`). */
export interface ArrangedClip extends Clip {
  auto: boolean;
}

const end = (c: Clip): number => c.start + c.duration;

/** The time signature in force at `tick` and the next change after it. */
function signatureAt(song: NoteSequence, tick: number) {
  let i = 0;
  while (i + 1 < song.timeSignatures.length && (song.timeSignatures[i + 1] as { tick: number }).tick <= tick) i++;
  return { sig: song.timeSignatures[i] ?? { tick: 0, numerator: 4, denominator: 4 as const }, next: song.timeSignatures[i + 1]?.tick };
}

/** The bar line at or before `tick`. */
export function barStart(song: NoteSequence, tick: number): number {
  const { sig } = signatureAt(song, tick);
  const perBar = barTicks(song.ppq, sig);
  return Math.round(sig.tick + Math.floor((tick - sig.tick) / perBar + 1e-9) * perBar);
}

/** The first bar line after `tick` (or at it, when `tick` is a bar line and `inclusive`). */
export function barEnd(song: NoteSequence, tick: number, inclusive = true): number {
  const { sig, next } = signatureAt(song, tick);
  const perBar = barTicks(song.ppq, sig);
  const bars = (tick - sig.tick) / perBar;
  const line = Math.round(sig.tick + (inclusive ? Math.ceil(bars - 1e-9) : Math.floor(bars + 1e-9) + 1) * perBar);
  return next !== undefined ? Math.min(line, next) : line;
}

/** The notes of `track` that start inside `clip`, in order. */
export function clipNotes(track: Track, clip: Clip): Note[] {
  return track.notes.filter((n) => n.start >= clip.start && n.start < end(clip));
}

/** The track's stored clips and the regions of its loose notes, sorted by start; they never overlap. */
export function arrangeTrack(song: NoteSequence, track: Track): ArrangedClip[] {
  const stored = track.clips ?? [];
  const out: ArrangedClip[] = stored.map((c) => ({ ...c, auto: false }));
  let region: { start: number; end: number } | null = null;
  let s = 0; // the first stored clip that ends after the note being placed
  const flush = () => {
    if (!region) return;
    out.push({ id: `auto:${track.id}:${region.start}`, name: '', start: region.start, duration: region.end - region.start, auto: true });
    region = null;
  };
  for (const note of track.notes) {
    while (s < stored.length && end(stored[s] as Clip) <= note.start) s++;
    const inside = stored[s];
    if (inside && inside.start <= note.start) continue; // held by a stored clip
    const before = stored[s - 1];
    const limit = inside ? inside.start : Infinity;
    const noteEnd = Math.min(limit, barEnd(song, note.start + note.duration));
    // A note joins the region unless a whole empty bar (or a stored clip) lies between them.
    if (region && note.start < barEnd(song, region.end, false) && !(before && before.start >= region.end)) {
      region.end = Math.max(region.end, noteEnd);
      continue;
    }
    flush();
    region = { start: Math.max(barStart(song, note.start), before ? end(before) : 0), end: noteEnd };
  }
  flush();
  return out.sort((a, b) => a.start - b.start);
}

/** Whether [start, start+duration) is free in `track`, apart from the clip `except`. */
export function isFree(song: NoteSequence, track: Track, start: number, duration: number, except?: string): boolean {
  return arrangeTrack(song, track).every((c) => c.id === except || end(c) <= start || c.start >= start + duration);
}

const storedOf = (track: Track): Clip[] => track.clips ?? [];
const sorted = (clips: Clip[]): Clip[] => [...clips].sort((a, b) => a.start - b.start);
const stripped = ({ id, name, start, duration }: Clip): Clip => ({ id, name, start, duration });
/** An unnamed region becomes a stored clip (with an id of its own) when it is edited. */
const asStored = (clip: ArrangedClip, track: Track): Clip => (clip.auto ? { id: newId(), name: track.name || 'Clip', start: clip.start, duration: clip.duration } : stripped(clip));

export class ClipRefusal extends Error {
  override name = 'ClipRefusal';
}

function trackById(song: NoteSequence, id: string): Track {
  const track = song.tracks.find((t) => t.id === id);
  if (!track) throw new ClipRefusal('That track no longer exists.');
  return track;
}

/**
 * The ops that move `clip` of track `fromId` to `start` on track `toId` (its notes go with it).
 * Refused with a ClipRefusal when the place is taken by another clip or is before the song's start.
 */
export function moveClipOps(song: NoteSequence, fromId: string, clip: ArrangedClip, toId: string, start: number): { ops: SongOp[]; clip: Clip } {
  if (start < 0) throw new ClipRefusal('A clip cannot start before the song.');
  const from = trackById(song, fromId);
  const to = trackById(song, toId);
  if (!isFree(song, to, start, clip.duration, fromId === toId ? clip.id : undefined)) {
    throw new ClipRefusal(`That place on “${to.name || 'the track'}” is taken by another clip; drop it on empty space.`);
  }
  const shift = start - clip.start;
  const notes = clipNotes(from, clip);
  const moved: Clip = { ...asStored(clip, from), start };
  const rest = storedOf(from).filter((c) => c.id !== clip.id);
  if (fromId === toId) {
    if (shift === 0) return { ops: [], clip: clip.auto ? clip : stripped(clip) };
    const ops: SongOp[] = [];
    if (notes.length) ops.push({ type: 'updateNotes', trackId: fromId, changes: notes.map((n) => ({ id: n.id, start: n.start + shift })) });
    ops.push({ type: 'setClips', trackId: fromId, clips: sorted([...rest, moved]) });
    return { ops, clip: moved };
  }
  const ops: SongOp[] = [];
  if (notes.length) {
    ops.push({ type: 'removeNotes', trackId: fromId, noteIds: notes.map((n) => n.id) });
    ops.push({ type: 'addNotes', trackId: toId, notes: notes.map((n) => ({ ...n, start: n.start + shift })) });
  }
  ops.push({ type: 'setClips', trackId: fromId, clips: rest });
  ops.push({ type: 'setClips', trackId: toId, clips: sorted([...storedOf(to), moved]) });
  return { ops, clip: moved };
}

/** Where a copy of `clip` goes on its track: right after it, or after the next clips that are in the way. */
export function duplicatePlace(song: NoteSequence, track: Track, clip: Clip): number {
  let at = end(clip);
  for (const c of arrangeTrack(song, track)) if (c.start < at + clip.duration && end(c) > at) at = end(c);
  return at;
}

/** The ops that copy `clip` (with its notes, under new ids) after itself on its track. */
export function duplicateClipOps(song: NoteSequence, trackId: string, clip: ArrangedClip): { ops: SongOp[]; copy: Clip } {
  const track = trackById(song, trackId);
  const at = duplicatePlace(song, track, clip);
  const shift = at - clip.start;
  const original = asStored(clip, track);
  const copy: Clip = { ...original, id: newId(), start: at };
  const notes = clipNotes(track, clip).map((n) => ({ ...n, id: newId(), start: n.start + shift }));
  const ops: SongOp[] = [];
  if (notes.length) ops.push({ type: 'addNotes', trackId, notes });
  ops.push({ type: 'setClips', trackId, clips: sorted([...storedOf(track).filter((c) => c.id !== clip.id), original, copy]) });
  return { ops, copy };
}

/** The ops that delete `clip` and its notes. */
export function deleteClipOps(song: NoteSequence, trackId: string, clip: ArrangedClip): SongOp[] {
  const track = trackById(song, trackId);
  const notes = clipNotes(track, clip);
  const ops: SongOp[] = [];
  if (notes.length) ops.push({ type: 'removeNotes', trackId, noteIds: notes.map((n) => n.id) });
  if (!clip.auto) ops.push({ type: 'setClips', trackId, clips: storedOf(track).filter((c) => c.id !== clip.id) });
  return ops;
}

/** The op that names `clip` (an unnamed region becomes a stored clip). */
export function renameClipOps(song: NoteSequence, trackId: string, clip: ArrangedClip, name: string): { ops: SongOp[]; clip: Clip } {
  const track = trackById(song, trackId);
  const named: Clip = { ...asStored(clip, track), name };
  return { ops: [{ type: 'setClips', trackId, clips: sorted([...storedOf(track).filter((c) => c.id !== clip.id), named]) }], clip: named };
}

/** The op that adds an empty clip of `bars` bars at the bar line at or before `tick`, shortened to the free space. */
export function addClipOps(song: NoteSequence, trackId: string, tick: number, bars = 1): { ops: SongOp[]; clip: Clip } {
  const track = trackById(song, trackId);
  const start = barStart(song, Math.max(0, tick));
  let stop = start;
  for (let i = 0; i < bars; i++) stop = barEnd(song, stop, false);
  const taken = arrangeTrack(song, track);
  if (taken.some((c) => c.start <= start && end(c) > start)) throw new ClipRefusal('There is a clip there already.');
  const next = taken.find((c) => c.start > start);
  const clip: Clip = { id: newId(), name: track.name || 'Clip', start, duration: Math.min(stop, next?.start ?? Infinity) - start };
  return { ops: [{ type: 'setClips', trackId, clips: sorted([...storedOf(track), clip]) }], clip };
}

/** The op that copies a track (settings, notes and clips under new ids) just below it. */
export function duplicateTrackOps(song: NoteSequence, trackId: string): { ops: SongOp[]; track: Track } {
  const index = song.tracks.findIndex((t) => t.id === trackId);
  const source = song.tracks[index];
  if (!source) throw new ClipRefusal('That track no longer exists.');
  const { clips, ...rest } = source;
  const track: Track = {
    ...rest,
    id: newId(),
    name: `${source.name || 'Track'} copy`.slice(0, 120),
    solo: false,
    notes: source.notes.map((n) => ({ ...n, id: newId() })),
    ...(clips?.length ? { clips: clips.map((c) => ({ ...c, id: newId() })) } : {}),
  };
  return { ops: [{ type: 'addTrack', track, index: index + 1 }], track };
}
