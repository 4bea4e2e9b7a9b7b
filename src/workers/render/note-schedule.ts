// The body of a render in the render thread: the song's tracks built and mixed as the app builds
// them (song-rig.ts: syncRigs), and its notes played straight on the context's timeline instead of
// through Tone's Transport. The Transport the app's render uses (scheduleNotes, startSongRender)
// plays each note at its second on the tempo map, measured from the render's start: its clock
// walks every tick (384 a second) and looks each one up in its timeline, which in a long render
// cost a tenth of the CPU and does nothing else. Here the same notes, in the same order, reach the
// same instruments with the same times; each is played when the render's clock first reaches
// past it (a step ahead of the audio, as the Transport's clock does), so every instrument hears
// its calls as it does under the Transport.
import type { NoteSequence } from '../../shared/music/note-sequence';
import { noteEvents } from '../../shared/sound/playback-logic';
import { startSongRender, syncRigs, type Samples, type TrackRig } from '../../shared/sound/song-rig';

/** How a render puts its notes on the timeline: played directly (the default), or through Tone's
 * Transport exactly as the app's Render to WAV does (kept to compare the two). */
export type NoteScheduler = 'direct' | 'transport';

/** Plays the notes due before `until` (context seconds); called at every step of the render. */
export type NotePump = (until: number) => void;

interface Due {
  at: number;
  pitch: number;
  duration: number;
  velocity: number;
  rig: TrackRig;
}

/**
 * Builds the song's tracks in Tone's current context and returns what plays its notes: those that
 * start in [window.from, window.to) of the song, at their second minus `origin` (the song second
 * of the context's first sample: `window.from` unless told). Every instrument prepares its notes
 * now, as scheduleNotes has them do. The Transport fires the notes of one tick in the order they
 * were scheduled (tracks in order, each track's notes in order); a stable sort by time keeps that.
 */
export function startDirectRender(song: NoteSequence, samples: Samples, window: { from: number; to: number }, origin = window.from): NotePump {
  const rigs = new Map<string, TrackRig>();
  syncRigs(rigs, song, samples);
  const due: Due[] = [];
  for (const e of noteEvents(song)) {
    if (e.time < window.from || e.time >= window.to) continue;
    const rig = rigs.get(e.trackId);
    if (!rig) continue;
    rig.instrument.prepare(e.pitch);
    due.push({ at: Math.max(0, e.time - origin), pitch: e.pitch, duration: e.duration, velocity: e.velocity, rig });
  }
  due.sort((a, b) => a.at - b.at);
  let next = 0;
  return (until) => {
    while (next < due.length) {
      const note = due[next] as Due;
      if (note.at >= until) break;
      next++;
      note.rig.instrument.play(note.pitch, note.duration, note.at, note.velocity);
    }
  };
}

/** The render's body with the scheduler asked for; the Transport's needs no pump (its clock runs on
 * the context's ticks). */
export function startRender(scheduler: NoteScheduler, song: NoteSequence, samples: Samples, window: { from: number; to: number }): NotePump | undefined {
  if (scheduler === 'transport') {
    startSongRender(song, samples, window);
    return undefined;
  }
  return startDirectRender(song, samples, window);
}
