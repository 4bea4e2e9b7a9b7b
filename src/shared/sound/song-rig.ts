// The song as sound, shared by live playback (the renderer's playback-engine.ts) and offline
// rendering (render-song.ts: the renderer's Tone.Offline and the CLI's render thread): one
// instrument, volume and panner per track, the mix (mute/solo/volume/pan) applied to them, and the
// notes put on a Transport. All call these functions, so a render sounds like playback by
// construction. Every node is made in Tone's current context: the live one for playback, the
// offline one of a render.
import * as Tone from 'tone';
import type { NoteSequence } from '../music/note-sequence';
import { makeInstrument, type Instrument, type PianoSamples } from './instruments';
import { NodeBag } from './node-bag';
import { audibleTrackIds, noteEvents, planInstruments, volumeToDb, type InstrumentKind } from './playback-logic';

export interface TrackRig {
  kind: InstrumentKind;
  instrument: Instrument;
  volume: Tone.Volume;
  panner: Tone.Panner;
  bag: NodeBag;
}

export type Samples = PianoSamples | null;

/** A track's instrument → volume → panner → the context's destination. */
export function buildRig(kind: InstrumentKind, samples: Samples): TrackRig {
  const bag = new NodeBag();
  const instrument = makeInstrument(kind, samples);
  bag.add(instrument);
  const volume = bag.add(new Tone.Volume());
  const panner = bag.add(new Tone.Panner());
  instrument.output.chain(volume, panner, Tone.getDestination());
  return { kind, instrument, volume, panner, bag };
}

/** Brings `rigs` in step with the song's tracks (builds, disposes) and applies the mix. */
export function syncRigs(rigs: Map<string, TrackRig>, song: NoteSequence, samples: Samples): void {
  const plan = planInstruments(new Map([...rigs].map(([id, r]) => [id, r.kind])), song.tracks);
  for (const id of plan.dispose) {
    rigs.get(id)?.bag.dispose();
    rigs.delete(id);
  }
  for (const { trackId, kind } of plan.create) rigs.set(trackId, buildRig(kind, samples));
  const audible = audibleTrackIds(song.tracks);
  for (const track of song.tracks) {
    const rig = rigs.get(track.id);
    if (!rig) continue;
    rig.volume.volume.value = volumeToDb(track.volume);
    rig.volume.mute = !audible.has(track.id);
    rig.panner.pan.value = track.pan;
  }
}

/** Puts every note of the song on the Transport (at seconds from the tempo map); with `range`
 * (seconds), only the notes that start inside it. Instruments make what those notes need now,
 * not inside the Transport's callbacks. */
export function scheduleNotes(transport: ReturnType<typeof Tone.getTransport>, song: NoteSequence, rigs: Map<string, TrackRig>, range?: { start: number; end: number }): void {
  for (const e of noteEvents(song)) {
    if (range && (e.time < range.start || e.time >= range.end)) continue;
    rigs.get(e.trackId)?.instrument.prepare(e.pitch);
    transport.schedule((time) => rigs.get(e.trackId)?.instrument.play(e.pitch, e.duration, time, e.velocity), e.time);
  }
}

/** The body of an offline render, in Tone's current context (an offline one): the song's tracks
 * built and mixed, the notes that start in [from, to) scheduled, and the Transport started at
 * `from` so that song second `from` is the render's first sample. */
export function startSongRender(song: NoteSequence, samples: Samples, window: { from: number; to: number }): void {
  const transport = Tone.getTransport();
  const rigs = new Map<string, TrackRig>();
  syncRigs(rigs, song, samples);
  scheduleNotes(transport, song, rigs, { start: window.from, end: window.to });
  transport.start(0, window.from);
}
