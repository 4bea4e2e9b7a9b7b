// A song's tracks played from a user's soundfont (SF2/SF3), rendered to PCM with spessasynth_core:
// each track on a MIDI channel of its own (its GM program; a drum track plays bank 128's kit), the
// channels rendered apart, dry and at full level. What the mixer does (mute/solo, volume, pan) is
// applied afterwards to each track's audio, exactly as a Tone.Volume and a Tone.Panner do it, so the
// same rendered tracks serve live playback (the renderer plays them through each track's volume and
// panner), the app's Render to WAV and the CLI's render thread. No DOM, no Node: the caller reads
// the soundfont's bytes.
import { SoundBankLoader, SpessaSynthProcessor, type BasicSoundBank } from 'spessasynth_core';
import type { NoteSequence, Track } from '../music/note-sequence';
import { audibleTrackIds, tickClock } from './playback-logic';

export type SoundBank = BasicSoundBank;

/** A track's rendered audio, stereo. */
export interface TrackAudio {
  left: Float32Array;
  right: Float32Array;
}

/** Parses a soundfont's bytes; a damaged file throws a sentence. */
export function readSoundBank(bytes: ArrayBuffer): SoundBank {
  try {
    return SoundBankLoader.fromArrayBuffer(bytes);
  } catch (err) {
    throw new Error(`The song's soundfont could not be read (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
  }
}

/** The tracks a soundfont plays: all of them when the song has one chosen, else none. */
export function soundfontTracks(song: NoteSequence): Track[] {
  return song.soundfont ? song.tracks : [];
}

/** The song without the tracks a soundfont plays: what the built-in instruments render. */
export function builtInPart(song: NoteSequence): NoteSequence {
  if (!song.soundfont) return song;
  const played = new Set(soundfontTracks(song).map((t) => t.id));
  return { ...song, tracks: song.tracks.filter((t) => !played.has(t.id)) };
}

/** What a track's rendered audio depends on (not its mix): a changed key means render again. */
export function trackAudioKey(song: NoteSequence, track: Track): string {
  const notes = track.notes.map((n) => `${n.pitch},${n.velocity},${n.start},${n.duration}`).join(';');
  const tempos = song.tempos.map((t) => `${t.tick}:${t.bpm}`).join(';');
  return `${song.soundfont ?? ''}|${song.ppq}|${tempos}|${track.isDrum ? 'drums' : track.program}|${notes}`;
}

const block = 128;

interface MidiEvent {
  frame: number;
  channel: number;
  pitch: number;
  /** 0: note off. */
  velocity: number;
}

/**
 * Renders `tracks` of `song` from `bank`: `frames` frames at `sampleRate`, song second `from` at
 * frame 0; notes that start in [from, to) are played (a note still sounding at `to` runs on into
 * the frames after, as the built-in render's tail does). `pause` is awaited every few blocks so a
 * caller on a UI thread stays responsive; `onProgress` gets 0…1.
 */
export async function renderSoundfontTracks(
  bank: SoundBank,
  song: NoteSequence,
  tracks: readonly Track[],
  window: { from: number; to: number },
  frames: number,
  sampleRate: number,
  options: { pause?: () => Promise<void>; onProgress?: (fraction: number) => void } = {},
): Promise<Map<string, TrackAudio>> {
  const out = new Map<string, TrackAudio>();
  if (tracks.length === 0) return out;
  const synth = new SpessaSynthProcessor(sampleRate, { effectsEnabled: false, eventsEnabled: false, maxBufferSize: block });
  await synth.processorInitialized;
  synth.soundBankManager.addSoundBank(bank, 'song');
  while (synth.midiChannels.length < tracks.length) synth.createMIDIChannel();
  const at = tickClock(song);
  const events: MidiEvent[] = [];
  const outputs: Float32Array[][] = [];
  tracks.forEach((track, channel) => {
    const ch = synth.midiChannels[channel];
    ch?.setDrums(track.isDrum);
    synth.programChange(channel, track.isDrum ? 0 : track.program);
    // Dry and at full level: the mix is applied to the rendered audio (mixSoundfontAudio).
    synth.controllerChange(channel, 7, 127);
    synth.controllerChange(channel, 11, 127);
    synth.controllerChange(channel, 10, 64);
    synth.controllerChange(channel, 91, 0);
    synth.controllerChange(channel, 93, 0);
    const audio = { left: new Float32Array(frames), right: new Float32Array(frames) };
    out.set(track.id, audio);
    outputs.push([audio.left, audio.right]);
    for (const n of track.notes) {
      const start = at(n.start);
      if (start < window.from || start >= window.to) continue;
      const on = Math.round((start - window.from) * sampleRate);
      const off = Math.max(on + 1, Math.round((at(n.start + n.duration) - window.from) * sampleRate));
      events.push({ frame: on, channel, pitch: n.pitch, velocity: n.velocity }, { frame: off, channel, pitch: n.pitch, velocity: 0 });
    }
  });
  // In time order; at the same frame a note's end comes before the next note's start.
  events.sort((a, b) => a.frame - b.frame || a.velocity - b.velocity);
  const effectsLeft = new Float32Array(block);
  const effectsRight = new Float32Array(block);
  let next = 0;
  let blocks = 0;
  for (let frame = 0; frame < frames; ) {
    while (next < events.length && (events[next] as MidiEvent).frame <= frame) {
      const e = events[next++] as MidiEvent;
      if (e.velocity > 0) synth.noteOn(e.channel, e.pitch, e.velocity);
      else synth.noteOff(e.channel, e.pitch);
    }
    const until = Math.min(frames, frame + block, next < events.length ? (events[next] as MidiEvent).frame : Infinity);
    const count = until - frame;
    // The effects outputs are unused (effects are off) and only need to be long enough.
    effectsLeft.fill(0);
    effectsRight.fill(0);
    synth.processSplit(outputs, effectsLeft, effectsRight, frame, count);
    frame = until;
    if (++blocks % 2048 === 0) {
      options.onProgress?.(frame / frames);
      if (options.pause) await options.pause();
    }
  }
  // Not destroySynthProcessor: it would also destroy the bank, which later renders (the app keeps
  // one parsed bank per soundfont) still use. The synth itself is left to the garbage collector.
  synth.clearCache();
  options.onProgress?.(1);
  return out;
}

/**
 * Adds the tracks' rendered audio to `into` (left, right), each at its track's volume and pan and
 * only if it is heard (mute/solo over all of the song's tracks). The gain is the volume (playback's
 * Tone.Volume at volumeToDb) and the pan is the Web Audio StereoPannerNode's equal-power law for a
 * stereo input (playback's Tone.Panner), so this mix is the one the live graph makes.
 */
export function mixSoundfontAudio(into: [Float32Array, Float32Array], song: NoteSequence, audio: ReadonlyMap<string, TrackAudio>, offset = 0): void {
  const audible = audibleTrackIds(song.tracks);
  const [outL, outR] = into;
  for (const track of song.tracks) {
    const a = audio.get(track.id);
    if (!a || !audible.has(track.id) || track.volume <= 0) continue;
    const pan = Math.max(-1, Math.min(1, track.pan));
    const x = pan <= 0 ? pan + 1 : pan;
    const gainL = Math.cos((x * Math.PI) / 2);
    const gainR = Math.sin((x * Math.PI) / 2);
    const g = Math.min(1, track.volume);
    const n = Math.min(a.left.length, outL.length - offset);
    for (let i = 0; i < n; i++) {
      const l = (a.left[i] as number) * g;
      const r = (a.right[i] as number) * g;
      const j = offset + i;
      if (pan <= 0) {
        outL[j] = (outL[j] as number) + l + r * gainL;
        outR[j] = (outR[j] as number) + r * gainR;
      } else {
        outL[j] = (outL[j] as number) + l * gainL;
        outR[j] = (outR[j] as number) + r + l * gainR;
      }
    }
  }
}
