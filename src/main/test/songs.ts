// Songs for tests and benches: a NoteSequence with one piano track of `notes` notes (ids n0, n1, …
// on track "t1"), and the ops that move some of them, as the piano roll would send.
import { emptySequence, type NoteSequence } from '../../shared/music/note-sequence';
import type { SongOp } from '../../shared/music/song-ops';

export function songWithNotes(notes: number, trackId = 't1'): NoteSequence {
  const seq = emptySequence();
  seq.tracks.push({
    id: trackId,
    name: 'Piano',
    program: 0,
    isDrum: false,
    mute: false,
    solo: false,
    volume: 0.8,
    pan: 0,
    notes: Array.from({ length: notes }, (_, i) => ({ id: `n${i}`, pitch: 48 + (i % 24), velocity: 90, start: i * 240, duration: 240 })),
  });
  return seq;
}

/** Sets the pitch of notes `from`…`from + count - 1` (one updateNotes op). */
export function setPitch(from: number, count: number, pitch: number, trackId = 't1'): SongOp[] {
  return [{ type: 'updateNotes', trackId, changes: Array.from({ length: count }, (_, i) => ({ id: `n${from + i}`, pitch })) }];
}
