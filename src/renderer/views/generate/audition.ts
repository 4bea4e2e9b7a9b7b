// Auditions one generated clip through Tone.js with the target track's instrument (the same
// definitions as playback and rendering: shared/sound). Loaded lazily by generate-actions.ts on
// the first Play, since importing Tone creates the AudioContext. One clip at a time: a new
// audition stops the last. Notes are handed to the instrument a little ahead of time (a 150 ms
// look-ahead every 40 ms), so Stop silences the clip at once instead of waiting for notes already
// scheduled far ahead.
import * as Tone from 'tone';
import type { Note, Track } from '../../../shared/music/note-sequence';
import { instrumentKind, volumeToDb, type InstrumentKind } from '../../../shared/sound/playback-logic';
import { buildRig, type TrackRig } from '../../../shared/sound/song-rig';
import type { PianoSamples } from '../../../shared/sound/instruments';
import { loadPianoSamples } from '../../audio/piano-samples';

let rig: TrackRig | null = null;
let rigKind: InstrumentKind | null = null;
let samples: PianoSamples | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let token = 0;
let startedAt = 0;
let lengthSeconds = 0;

const lookAhead = 0.15;

export interface AuditionRequest {
  notes: readonly Note[];
  ppq: number;
  bpm: number;
  /** The clip's length in ticks (it ends there even when its last note is shorter). */
  lengthTicks: number;
  track: Pick<Track, 'isDrum' | 'program' | 'volume'>;
  onEnd: () => void;
}

/** Plays the clip from its start; resolves once sound has started (false when superseded). */
export async function audition(req: AuditionRequest): Promise<boolean> {
  stopAudition();
  const mine = ++token;
  await Tone.start();
  if (Tone.getContext().state !== 'running') throw new Error('The browser did not let audio start.');
  const kind = instrumentKind(req.track);
  if (kind === 'piano' && !samples) samples = await loadPianoSamples().catch(() => null);
  if (mine !== token) return false;
  if (!rig || rigKind !== kind) {
    rig?.bag.dispose();
    rig = buildRig(kind, samples);
    rigKind = kind;
  }
  rig.volume.volume.value = volumeToDb(req.track.volume);
  rig.volume.mute = false;
  const perTick = 60 / (req.bpm * req.ppq);
  const events = [...req.notes].sort((a, b) => a.start - b.start).map((n) => ({ at: n.start * perTick, pitch: n.pitch, dur: Math.max(0.02, n.duration * perTick), vel: n.velocity / 127 }));
  for (const e of events) rig.instrument.prepare(e.pitch);
  lengthSeconds = req.lengthTicks * perTick;
  const t0 = Tone.now() + 0.05;
  startedAt = t0;
  let next = 0;
  const pump = () => {
    if (mine !== token || !rig) return;
    const horizon = Tone.now() + lookAhead - t0;
    while (next < events.length && (events[next]?.at ?? Infinity) <= horizon) {
      const e = events[next++];
      if (e) rig.instrument.play(e.pitch, e.dur, t0 + e.at, e.vel);
    }
    if (Tone.now() - t0 >= lengthSeconds + 0.1) {
      stopAudition();
      req.onEnd();
    }
  };
  pump();
  timer = setInterval(pump, 40);
  return true;
}

/** Seconds into the clip now playing, and its length (null when none plays). */
export function auditionPosition(): { seconds: number; length: number } | null {
  if (!timer) return null;
  return { seconds: Math.max(0, Tone.now() - startedAt), length: lengthSeconds };
}

export function stopAudition(): void {
  token++;
  if (timer) clearInterval(timer);
  timer = null;
  rig?.instrument.releaseAll(Tone.now());
}

/** Leaving the editor: silence and free the instrument. */
export function disposeAudition(): void {
  stopAudition();
  rig?.bag.dispose();
  rig = null;
  rigKind = null;
}
