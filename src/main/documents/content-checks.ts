// Checks a NoteSequence's invariants that its zod schema cannot state: ids unique (edits and
// selections address tracks and notes by id, so a duplicate would make an op ambiguous) and the
// tempo and time-signature maps starting at tick 0 in order. Run on content that enters from
// outside (documents.create); ops keep them (song-ops-apply.ts), and so does the MIDI importer,
// whose songs are stored without a second pass (imported-songs.test.ts holds it to these checks).
import type { NoteSequence } from '../../shared/music/note-sequence';

/** The first problem as a sentence, or null. */
export function sequenceProblem(seq: NoteSequence): string | null {
  const trackIds = new Set<string>();
  const noteIds = new Set<string>();
  for (const t of seq.tracks) {
    if (trackIds.has(t.id)) return `Two tracks have the id “${t.id}”.`;
    trackIds.add(t.id);
    for (const n of t.notes) {
      if (noteIds.has(n.id)) return `Two notes have the id “${n.id}”.`;
      noteIds.add(n.id);
    }
  }
  const maps: [string, { tick: number }[]][] = [
    ['tempo', seq.tempos],
    ['time signature', seq.timeSignatures],
    ['key signature', seq.keySignatures],
  ];
  for (const [name, list] of maps) {
    if (name !== 'key signature' && list[0]?.tick !== 0) return `The first ${name} must be at tick 0.`;
    for (let i = 1; i < list.length; i++) {
      if ((list[i]?.tick ?? 0) < (list[i - 1]?.tick ?? 0)) return `The ${name} changes must be in order of time.`;
    }
  }
  return null;
}
