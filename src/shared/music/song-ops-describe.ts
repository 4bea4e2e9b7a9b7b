// Default undo/redo labels ("Undo Add 3 notes") for a list of SongOps, for edits whose caller
// gave no label of its own. Labels describe what the user did, so an update that only moves notes
// says "Move", one that only resizes says "Resize", and counts add up across tracks.
import type { SongOp } from './song-ops';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a single op did, as a verb phrase and a note count (when it is a note edit). */
function describe(op: SongOp): { verb: string; notes?: number } {
  switch (op.type) {
    case 'addTrack':
      return { verb: 'Add track' };
    case 'removeTrack':
      return { verb: 'Delete track' };
    case 'moveTrack':
      return { verb: 'Move track' };
    case 'updateTrack': {
      const keys = Object.keys(op.changes).filter((k) => op.changes[k as keyof typeof op.changes] !== undefined);
      if (keys.length !== 1) return { verb: 'Change track settings' };
      switch (keys[0]) {
        case 'name':
          return { verb: 'Rename track' };
        case 'program':
          return { verb: 'Change instrument' };
        case 'isDrum':
          return { verb: op.changes.isDrum ? 'Make drum track' : 'Make melodic track' };
        case 'mute':
          return { verb: op.changes.mute ? 'Mute track' : 'Unmute track' };
        case 'solo':
          return { verb: op.changes.solo ? 'Solo track' : 'Unsolo track' };
        case 'volume':
          return { verb: 'Change track volume' };
        default:
          return { verb: 'Change track pan' };
      }
    }
    case 'addNotes':
      return { verb: 'Add', notes: op.notes.length };
    case 'removeNotes':
      return { verb: 'Delete', notes: op.noteIds.length };
    case 'updateNotes': {
      const fields = new Set<string>();
      for (const change of op.changes) {
        for (const key of ['pitch', 'start', 'duration', 'velocity'] as const) if (change[key] !== undefined) fields.add(key);
      }
      const only = (...keys: string[]): boolean => fields.size > 0 && [...fields].every((f) => keys.includes(f));
      const verb = only('start', 'pitch') ? 'Move' : only('duration') ? 'Resize' : only('velocity') ? 'Change velocity of' : 'Edit';
      return { verb, notes: op.changes.length };
    }
    case 'setClips':
      return { verb: 'Edit clips' };
    case 'setTempos':
      return { verb: 'Change tempo' };
    case 'setTimeSignatures':
      return { verb: 'Change time signature' };
    case 'setKeySignatures':
      return { verb: 'Change key' };
    case 'setSoundfont':
      return { verb: 'Change instruments' };
  }
}

/** A short label for an undo step: "Add 3 notes", "Move 2 notes", "Rename track", "Edit song". */
export function describeSongOps(ops: readonly SongOp[]): string {
  if (ops.length === 0) return 'No change';
  const parts = ops.map(describe);
  const first = parts[0] as { verb: string; notes?: number };
  const sameVerb = parts.every((p) => p.verb === first.verb);
  if (first.notes !== undefined && sameVerb) {
    return `${first.verb} ${plural(parts.reduce((sum, p) => sum + (p.notes ?? 0), 0), 'note')}`;
  }
  if (sameVerb) return parts.length === 1 ? first.verb : `${first.verb} (${parts.length}×)`;
  if (parts.every((p) => p.notes !== undefined)) return 'Edit notes';
  return 'Edit song';
}
