// The sounds of playback and rendering, built from Tone.js: the sampled grand piano (Salamander),
// a synth preset per GM family (playback-logic.ts picks it), a synthesised GM drum kit and the
// metronome's click. Each instrument owns its nodes in a NodeBag so that dispose() frees all of
// them. One definition for the app and the CLI: the renderer plays and renders these in the
// browser's Web Audio, the CLI's render thread (src/workers/render) in node-web-audio-api.
// Nothing here touches the DOM or Node: where the piano's sample files come from is the caller's
// business (a SampleReader), and every node is made in Tone's current context.
import * as Tone from 'tone';
import { drumVoiceFor, pianoSampleNotes, type DrumVoice, type InstrumentKind } from './playback-logic';
import { NodeBag } from './node-bag';

export interface Instrument {
  /** Where its sound leaves (into the track's volume and panner). */
  output: Tone.ToneAudioNode;
  /** Makes, ahead of time, what `pitch` will need (a drum kit builds its voices only when used). */
  prepare(pitch: number): void;
  play(pitch: number, duration: number, time: number, velocity: number): void;
  /** Silences held notes (on stop). */
  releaseAll(time: number): void;
  dispose(): void;
}

/** The decoded piano samples by note name ("C4", "D#4"). */
export type PianoSamples = Map<string, Tone.ToneAudioBuffer>;

/** The bytes of one note's sample file (pianoSampleFile names it): fetched by the renderer, read
 * from the package's folder by the render thread. */
export type SampleReader = (note: string) => Promise<ArrayBuffer>;

/** Decoded audio: an AudioBuffer (named through Tone, as src/shared compiles without DOM types). */
export type DecodedAudio = Parameters<Tone.ToneAudioBuffer['set']>[0];

/** Turns a sample file's bytes into audio: a context's decodeAudioData. */
export type SampleDecoder = (bytes: ArrayBuffer) => Promise<DecodedAudio>;

/** Reads and decodes the 30 piano samples; the first failure is thrown, naming the note. */
export async function decodePianoSamples(read: SampleReader, decode: SampleDecoder): Promise<PianoSamples> {
  const entries = await Promise.all(
    pianoSampleNotes.map(async (note) => {
      let bytes: ArrayBuffer;
      try {
        bytes = await read(note);
      } catch (err) {
        throw new Error(`the piano sample ${note} could not be loaded (${err instanceof Error ? err.message : String(err)})`, { cause: err });
      }
      let audio: DecodedAudio;
      try {
        audio = await decode(bytes);
      } catch (err) {
        throw new Error(`the piano sample ${note} could not be decoded (${err instanceof Error ? err.message : String(err)})`, { cause: err });
      }
      return [note, new Tone.ToneAudioBuffer(audio)] as const;
    }),
  );
  return new Map(entries);
}

const hz = (pitch: number) => Tone.Frequency(pitch, 'midi').toFrequency();

function safely(trigger: () => void): void {
  try {
    trigger();
  } catch {
    // A mono voice asked to start twice at one instant (two identical drum hits) refuses the
    // second; the first already sounds, and one bad event must not stop the rest of the song.
  }
}

const nothingToPrepare = (): void => undefined;

function poly(bag: NodeBag, synth: Tone.PolySynth): Instrument {
  bag.add(synth);
  return {
    output: synth,
    prepare: nothingToPrepare,
    play: (pitch, duration, time, velocity) => safely(() => synth.triggerAttackRelease(hz(pitch), duration, time, velocity)),
    releaseAll: (time) => synth.releaseAll(time),
    dispose: () => bag.dispose(),
  };
}

function piano(bag: NodeBag, buffers: PianoSamples): Instrument {
  const sampler = bag.add(new Tone.Sampler({ release: 1 }));
  for (const [note, buffer] of buffers) sampler.add(note as Tone.Unit.Note, buffer);
  return {
    output: sampler,
    prepare: nothingToPrepare,
    play: (pitch, duration, time, velocity) => safely(() => sampler.triggerAttackRelease(hz(pitch), duration, time, velocity)),
    releaseAll: (time) => sampler.releaseAll(time),
    dispose: () => bag.dispose(),
  };
}

function pluck(bag: NodeBag): Instrument {
  // PluckSynth is monophonic and PolySynth cannot hold it: a small round-robin pool instead.
  const out = bag.add(new Tone.Gain(0.8));
  const voices = Array.from({ length: 6 }, () => bag.add(new Tone.PluckSynth({ attackNoise: 1, dampening: 3800, resonance: 0.96 })).connect(out));
  let next = 0;
  return {
    output: out,
    prepare: nothingToPrepare,
    play: (pitch, duration, time, velocity) => {
      const voice = voices[next++ % voices.length] as Tone.PluckSynth;
      safely(() => voice.triggerAttackRelease(hz(pitch), duration, time, velocity));
    },
    releaseAll: (time) => voices.forEach((v) => safely(() => v.triggerRelease(time))),
    dispose: () => bag.dispose(),
  };
}

function bass(bag: NodeBag): Instrument {
  const synth = bag.add(
    new Tone.MonoSynth({
      oscillator: { type: 'sawtooth' },
      filter: { Q: 2, type: 'lowpass' },
      envelope: { attack: 0.005, decay: 0.2, sustain: 0.6, release: 0.2 },
      filterEnvelope: { attack: 0.005, decay: 0.15, sustain: 0.3, baseFrequency: 180, octaves: 2.5 },
      volume: -6,
    }),
  );
  return {
    output: synth,
    prepare: nothingToPrepare,
    play: (pitch, duration, time, velocity) => safely(() => synth.triggerAttackRelease(hz(pitch), duration, time, velocity)),
    releaseAll: (time) => safely(() => synth.triggerRelease(time)),
    dispose: () => bag.dispose(),
  };
}

/** Makes a thing the first time it is asked for, and the same one after. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function drums(bag: NodeBag): Instrument {
  const out = bag.add(new Tone.Gain(0.9));
  // Each sound of the kit is built the first time the song needs it: the full kit is some 600
  // audio nodes that cost rendering time even while silent, and most songs use a few of its
  // twelve sounds. A sound not yet built has never played, so building it later changes nothing.
  const hatFilter = lazy(() => bag.add(new Tone.Filter(7000, 'highpass')).connect(out));
  const shakerFilter = lazy(() => bag.add(new Tone.Filter(5000, 'highpass')).connect(out));
  const kick = lazy(() => bag.add(new Tone.MembraneSynth({ pitchDecay: 0.05, octaves: 6, envelope: { attack: 0.001, decay: 0.4, sustain: 0, release: 0.1 } })).connect(out));
  const snare = lazy(() => bag.add(new Tone.NoiseSynth({ noise: { type: 'white' }, envelope: { attack: 0.001, decay: 0.18, sustain: 0 }, volume: -8 })).connect(out));
  const snareBody = lazy(() => bag.add(new Tone.MembraneSynth({ pitchDecay: 0.02, octaves: 1.5, envelope: { attack: 0.001, decay: 0.12, sustain: 0 }, volume: -10 })).connect(out));
  const clap = lazy(() => bag.add(new Tone.NoiseSynth({ noise: { type: 'pink' }, envelope: { attack: 0.003, decay: 0.12, sustain: 0 }, volume: -6 })).connect(out));
  // One hi-hat voice for closed, pedal and open: a closed hit cuts an open one, as on a real kit.
  const hat = lazy(() => bag.add(new Tone.NoiseSynth({ noise: { type: 'white' }, envelope: { attack: 0.001, decay: 0.05, sustain: 0 }, volume: -12 })).connect(hatFilter()));
  const shaker = lazy(() => bag.add(new Tone.NoiseSynth({ noise: { type: 'white' }, envelope: { attack: 0.005, decay: 0.06, sustain: 0 }, volume: -16 })).connect(shakerFilter()));
  const tom = lazy(() => bag.add(new Tone.MembraneSynth({ pitchDecay: 0.08, octaves: 2, envelope: { attack: 0.001, decay: 0.35, sustain: 0, release: 0.1 }, volume: -4 })).connect(out));
  const rim = lazy(() => bag.add(new Tone.MembraneSynth({ pitchDecay: 0.008, octaves: 2, envelope: { attack: 0.001, decay: 0.05, sustain: 0 }, volume: -10 })).connect(out));
  const crash = lazy(() =>
    bag.add(new Tone.MetalSynth({ envelope: { attack: 0.001, decay: 1.4, release: 0.3 }, harmonicity: 5.1, modulationIndex: 32, resonance: 4000, octaves: 1.5, volume: -20 })).connect(out),
  );
  const ride = lazy(() =>
    bag.add(new Tone.MetalSynth({ envelope: { attack: 0.001, decay: 0.6, release: 0.2 }, harmonicity: 3.1, modulationIndex: 16, resonance: 6000, octaves: 1, volume: -24 })).connect(out),
  );
  const bell = lazy(() =>
    bag.add(new Tone.MetalSynth({ envelope: { attack: 0.001, decay: 0.15, release: 0.05 }, harmonicity: 1.5, modulationIndex: 4, resonance: 2500, octaves: 0.5, volume: -22 })).connect(out),
  );
  const hatDecay = { closedHat: 0.05, pedalHat: 0.08, openHat: 0.4 } as const;
  const voices: Record<DrumVoice, () => unknown> = {
    kick,
    snare: () => [snareBody(), snare()],
    clap,
    closedHat: hat,
    pedalHat: hat,
    openHat: hat,
    shaker,
    tom,
    rim,
    crash,
    ride,
    cowbell: bell,
  };

  return {
    output: out,
    prepare: (pitch) => void voices[drumVoiceFor(pitch).voice](),
    play: (pitch, duration, time, velocity) => {
      const { voice, hz: tuned } = drumVoiceFor(pitch);
      safely(() => {
        switch (voice) {
          case 'kick':
            return kick().triggerAttackRelease(50, 0.1, time, velocity);
          case 'snare':
            snareBody().triggerAttackRelease(180, 0.05, time, velocity);
            return snare().triggerAttackRelease(0.1, time, velocity);
          case 'clap':
            return clap().triggerAttackRelease(0.08, time, velocity);
          case 'closedHat':
          case 'pedalHat':
          case 'openHat':
            hat().envelope.decay = hatDecay[voice];
            return hat().triggerAttackRelease(Math.min(duration, hatDecay[voice]), time, velocity);
          case 'shaker':
            return shaker().triggerAttackRelease(0.05, time, velocity);
          case 'tom':
            return tom().triggerAttackRelease(tuned ?? 100, 0.2, time, velocity);
          case 'rim':
            return rim().triggerAttackRelease(420, 0.03, time, velocity);
          case 'crash':
            return crash().triggerAttackRelease(300, 1, time, velocity);
          case 'ride':
            return ride().triggerAttackRelease(520, 0.4, time, velocity);
          case 'cowbell':
            return bell().triggerAttackRelease(560, 0.1, time, velocity);
        }
      });
    },
    releaseAll: () => undefined, // every drum voice dies away by itself within a second
    dispose: () => bag.dispose(),
  };
}

/** A track's instrument; pianos need the decoded samples (decodePianoSamples) first. */
export function makeInstrument(kind: InstrumentKind, samples: PianoSamples | null): Instrument {
  const bag = new NodeBag();
  switch (kind) {
    case 'piano':
      if (samples) return piano(bag, samples);
      // Without its samples (they failed to load) a piano still plays, as a soft FM keyboard.
      return poly(bag, new Tone.PolySynth(Tone.FMSynth, { harmonicity: 2, modulationIndex: 3, envelope: { attack: 0.002, decay: 1, sustain: 0.2, release: 0.8 }, volume: -10 }));
    case 'fm':
      return poly(bag, new Tone.PolySynth(Tone.FMSynth, { harmonicity: 3.01, modulationIndex: 14, envelope: { attack: 0.001, decay: 1.2, sustain: 0, release: 1.2 }, volume: -12 }));
    case 'am':
      return poly(bag, new Tone.PolySynth(Tone.AMSynth, { harmonicity: 2, envelope: { attack: 0.02, decay: 0.1, sustain: 0.8, release: 0.4 }, volume: -12 }));
    case 'pluck':
      return pluck(bag);
    case 'bass':
      return bass(bag);
    case 'poly':
      return poly(bag, new Tone.PolySynth(Tone.Synth, { oscillator: { type: 'fatsawtooth', count: 2, spread: 18 }, envelope: { attack: 0.05, decay: 0.2, sustain: 0.7, release: 0.6 }, volume: -16 }));
    case 'drums':
      return drums(bag);
  }
}

/** The metronome and count-in click: a short sine blip, higher on the downbeat. */
export function makeClick(): { play(time: number, accent: boolean): void; output: Tone.ToneAudioNode; dispose(): void } {
  const bag = new NodeBag();
  const synth = bag.add(new Tone.Synth({ oscillator: { type: 'sine' }, envelope: { attack: 0.001, decay: 0.05, sustain: 0, release: 0.02 }, volume: -6 }));
  return {
    output: synth,
    play: (time, accent) => safely(() => synth.triggerAttackRelease(accent ? 1568 : 1046, 0.03, time, accent ? 1 : 0.6)),
    dispose: () => bag.dispose(),
  };
}
