// Songs for the render tests and the render benchmark: a pop-shaped arrangement at 120 BPM in 4/4
// (I–vi–IV–V in C, a bar per chord): piano arpeggios in eighths, a synth bass in eighths, a pad
// holding each chord for its bar, and drums (kick on 1 and 3, snare on 2 and 4, closed hi-hats in
// eighths, an open hat closing every fourth bar, a crash every eighth).
import { emptySequence, type Note, type NoteSequence, type Track } from '../../../shared/music/note-sequence';
import { sortNotes } from '../../../shared/music/note-order';

const ppq = 480;
const eighth = ppq / 2;
const bar = ppq * 4;
/** Root pitches (C3, A2, F2, G2) and triads of the progression. */
const roots = [48, 45, 41, 43];
const triads = [
  [60, 64, 67],
  [57, 60, 64],
  [53, 57, 60],
  [55, 59, 62],
];

export type DemoPart = 'piano' | 'bass' | 'pad' | 'drums';

function track(id: string, name: string, program: number, isDrum: boolean, notes: Note[]): Track {
  return { id, name, program, isDrum, mute: false, solo: false, volume: 0.8, pan: 0, notes };
}

/** `bars` bars (2 s each) of the parts asked for. */
export function demoSong(bars: number, parts: readonly DemoPart[] = ['piano', 'bass', 'pad', 'drums']): NoteSequence {
  const song = emptySequence(ppq);
  const notes: Record<DemoPart, Note[]> = { piano: [], bass: [], pad: [], drums: [] };
  const add = (part: DemoPart, pitch: number, start: number, duration: number, velocity: number) =>
    notes[part].push({ id: `${part}-${notes[part].length}`, pitch, velocity, start, duration });
  for (let b = 0; b < bars; b++) {
    const at = b * bar;
    const triad = triads[b % 4] as number[];
    const root = roots[b % 4] as number;
    for (let e = 0; e < 8; e++) {
      const t = at + e * eighth;
      const arpeggio = [...triad, (triad[0] as number) + 12];
      add('piano', arpeggio[e % 4] as number, t, eighth, e % 2 ? 72 : 90);
      add('bass', e % 4 === 3 ? root + 12 : root, t, eighth - 20, 100);
      const last = b % 4 === 3 && e === 7;
      add('drums', last ? 46 : 42, t, last ? eighth : eighth / 2, e % 2 ? 70 : 95);
      if (e % 4 === 0) add('drums', 36, t, eighth, 110);
      if (e % 4 === 2) add('drums', 38, t, eighth, 105);
    }
    for (const pitch of triad) add('pad', pitch, at, bar, 70);
    if (b % 8 === 0) add('drums', 49, at, bar / 2, 100);
  }
  const made: Record<DemoPart, Track> = {
    piano: track('piano', 'Piano', 0, false, sortNotes(notes.piano)),
    bass: track('bass', 'Synth Bass', 38, false, sortNotes(notes.bass)),
    pad: track('pad', 'Warm Pad', 89, false, sortNotes(notes.pad)),
    drums: track('drums', 'Drums', 0, true, sortNotes(notes.drums)),
  };
  song.tracks = parts.map((p) => made[p]);
  return song;
}
