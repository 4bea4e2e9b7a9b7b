// The song as sound, shared by live playback (playback-engine.ts) and offline rendering
// (render-wav.ts): one instrument, volume and panner per track, the mix (mute/solo/volume/pan)
// applied to them, and the notes put on a Transport. Both call these functions, so a render
// sounds like playback by construction. Every node is made in Tone's current context: the live
// one for playback, the OfflineContext inside Tone.Offline for a render.
import * as Tone from 'tone';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { makeInstrument, type Instrument } from './instruments';
import { NodeBag } from './node-bag';
import { audibleTrackIds, noteEvents, planInstruments, volumeToDb, type InstrumentKind } from './playback-logic';

export interface TrackRig {
  kind: InstrumentKind;
  instrument: Instrument;
  volume: Tone.Volume;
  panner: Tone.Panner;
  bag: NodeBag;
}

export type Samples = Map<string, Tone.ToneAudioBuffer> | null;

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
 * (seconds), only the notes that start inside it. */
export function scheduleNotes(transport: ReturnType<typeof Tone.getTransport>, song: NoteSequence, rigs: Map<string, TrackRig>, range?: { start: number; end: number }): void {
  for (const e of noteEvents(song)) {
    if (range && (e.time < range.start || e.time >= range.end)) continue;
    transport.schedule((time) => rigs.get(e.trackId)?.instrument.play(e.pitch, e.duration, time, e.velocity), e.time);
  }
}
