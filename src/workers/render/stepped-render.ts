// Offline rendering with Tone.js on node-web-audio-api, in steps. Needs the Web Audio globals
// (web-audio-globals.ts) installed before Tone was imported.
//
// Why not Tone.Offline: it runs Tone's clock over the whole song first (every note's oscillators,
// buffer sources and gains created up front, and never released, since an offline Tone context
// disposes nothing) and then renders. node-web-audio-api processes every node of the graph in every
// 128-frame block, so that costs time × notes: a 3-minute drum track took 88 s. Here the context
// is a realtime-style Tone Context over an OfflineAudioContext that suspends about every second.
// At each suspension Tone's clock ticks once with now() = currentTime + lookAhead (lookAhead just
// over a step): the notes of the next step are scheduled, exactly as a live Tone context schedules
// them ahead of the audio, and Tone's own timeouts fire for what has finished sounding, so it
// disconnects and disposes those nodes (and idle PolySynth voices) as it does in live playback. A
// garbage collection now and then lets node-web-audio-api drop them from its graph, so a block
// costs about the same from the first second to the last. The instruments, their parameters and
// every scheduled time are the ones the app uses; only finished, silent nodes leave sooner.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OfflineAudioContext } from 'node-web-audio-api';
import * as Tone from 'tone';
import { levelOscillator, wholeFrameOffsets } from './engine-parity';
import type { NotePump } from './note-schedule';

/** Frames between suspensions: 344 blocks of 128 (just under a second at 44.1 kHz). */
export const stepFrames = 344 * 128;

/** Native nodes made since the last collection (every context's; see collectGarbage). */
let madeSinceCollection = 0;

const waveMaker = Symbol('periodic wave, not yet computed');
type LazyWave = { [waveMaker]: () => PeriodicWave; made?: PeriodicWave };

/**
 * A PeriodicWave that node-web-audio-api computes only when an oscillator is given it. Computing
 * one is a table of 2,048 partials, some 100 ms on the render thread, and Tone's Oscillator makes
 * one for each type and phase it passes through while it is built (three for the pad preset's fat
 * sawtooth), all before the render starts, and plays only the last. The wave played is the one Tone asked for, computed from the same
 * numbers.
 */
function lazyWave(make: () => PeriodicWave): PeriodicWave {
  return { [waveMaker]: make } as LazyWave as unknown as PeriodicWave;
}

function realWave(wave: PeriodicWave): PeriodicWave {
  const lazy = wave as unknown as Partial<LazyWave>;
  const make = lazy[waveMaker];
  return make ? (lazy.made ??= make()) : wave;
}

/** Gives the oscillator the computed wave of a lazy one. */
function wavesWhenUsed(osc: OscillatorNode): OscillatorNode {
  const set = osc.setPeriodicWave;
  Object.defineProperty(osc, 'setPeriodicWave', { configurable: true, value: (wave: PeriodicWave) => set.call(osc, realWave(wave)) });
  return osc;
}

/** A Tone context that behaves like a live one (it disposes finished sources) over an
 * OfflineAudioContext whose clock the driver advances. */
export class SteppedContext extends Tone.Context {
  constructor(readonly raw: OfflineAudioContext) {
    const step = stepFrames / raw.sampleRate;
    // No look-ahead while the graph is built: a value set then (a track's volume and pan) takes
    // effect at now(), which must be 0 as in Tone.Offline, not a step later. stepping() sets it.
    super({ context: raw as unknown as Tone.BaseContext['rawContext'], clockSource: 'offline', updateInterval: step, lookAhead: 0 });
    // Tone makes its nodes through these factory methods: they are counted, to know when
    // collecting garbage is worth its time, and made to sound as Chromium's (engine-parity.ts).
    const factories = raw as unknown as Record<string, unknown>;
    const parity: Record<string, (node: never) => unknown> = {
      createOscillator: (node: OscillatorNode) => wavesWhenUsed(levelOscillator(raw, node)),
      createBufferSource: (node: AudioBufferSourceNode) => wholeFrameOffsets(raw, node),
    };
    // A periodic wave is computed when an oscillator first plays it (see lazyWave).
    const makeWave = factories.createPeriodicWave;
    if (typeof makeWave === 'function') {
      factories.createPeriodicWave = (...args: unknown[]) => lazyWave(() => (makeWave as (...a: unknown[]) => PeriodicWave).apply(raw, args));
    }
    for (const name of ['createBufferSource', 'createConstantSource', 'createGain', 'createOscillator', 'createBiquadFilter', 'createWaveShaper', 'createIIRFilter']) {
      const make = factories[name];
      if (typeof make !== 'function') continue;
      factories[name] = (...args: unknown[]) => {
        madeSinceCollection++;
        const node = (make as (...a: unknown[]) => unknown).apply(raw, args) as never;
        return parity[name]?.(node) ?? node;
      };
    }
  }

  /** Tone reads the rate on every conversion; node-web-audio-api answers it through a native call. */
  declare private rate?: number;
  override get sampleRate(): number {
    return (this.rate ??= this.rawContext.sampleRate);
  }

  /** From now on each tick schedules a step and a block ahead, so the notes of the next step are
   * all scheduled before it renders. */
  stepping(): void {
    this.lookAhead = (stepFrames + 128) / this.sampleRate;
  }

  /** Resolves when the AudioWorklet modules Tone asked for (PluckSynth's comb filter) are loaded. */
  ready(): Promise<void> {
    return this.workletsAreReady();
  }

  /** The OfflineAudioContext reads "suspended" between steps; to Tone it is always running. */
  override get state(): AudioContextState {
    return 'running';
  }
}

/** Nodes made between two collections. */
const collectEvery = 300;
let fullGc: (() => void) | null | undefined;

/**
 * Collects garbage once enough nodes were made since the last time. A finished note's nodes stay
 * in node-web-audio-api's render graph (and cost time in every block) until their JavaScript
 * wrappers are collected; they live a step or two, long enough to be promoted out of the young
 * generation, so only a full collection frees them. One costs some 10–30 ms, so it runs per few
 * hundred nodes made, not per step: a sparse track pays almost nothing.
 */
function collectGarbage(): void {
  if (madeSinceCollection < collectEvery) return;
  madeSinceCollection = 0;
  if (fullGc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      fullGc = runInNewContext('gc') as () => void;
    } catch {
      fullGc = null;
    }
  }
  fullGc?.();
}

export interface SteppedPart {
  context: SteppedContext;
  /** Builds the graph in Tone's current context (set to this part's context while it runs); may
   * return what plays the notes due before a time, called at every tick after Tone's own clocks. */
  build(): NotePump | void;
  /** Built only once this has resolved (the piano's samples decoded); see renderInSteps. */
  after?: Promise<unknown>;
}

/** A suspension was refused: it reached node-web-audio-api after rendering had begun. The render
 * would miss notes; it is abandoned, and may be tried again with fresh contexts. */
export class StepRefused extends Error {}

/** Waits until earlier calls to node-web-audio-api's async runtime have run: its tasks run in the
 * order queued, so a tiny render queued after them comes back after them; twice, a moment apart,
 * for a runtime thread the system paused in between. */
async function settle(sampleRate: number): Promise<void> {
  await new OfflineAudioContext(1, 128, sampleRate).startRendering();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await new OfflineAudioContext(1, 128, sampleRate).startRendering();
}

/**
 * Renders each part's graph in its own OfflineAudioContext, all side by side (node-web-audio-api
 * renders each on a thread of its runtime), and resolves with their buffers. Parts start in
 * batches: consecutive parts with the same `after` (none, or one promise) are built together once
 * it has resolved and start rendering at once, while the next batch waits or is built; so the first
 * parts render while the piano's samples are still decoding. `onProgress` hears the fraction
 * rendered (of the slowest part). Rejects with StepRefused if a suspension came too late (see
 * settle), having stopped every part.
 */
export async function renderInSteps(parts: SteppedPart[], onProgress: (fraction: number) => void = () => undefined): Promise<AudioBuffer[]> {
  const reached = parts.map(() => 0);
  const suspensions: Promise<void>[] = [];
  const results: Promise<AudioBuffer>[] = [];
  let abandoned = false;
  // Awaited all together at the end; a rejection before then is not "unhandled".
  const held = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => undefined);
    return promise;
  };
  for (let first = 0; first < parts.length; ) {
    let end = first + 1;
    while (end < parts.length && parts[end]?.after === parts[first]?.after) end++;
    await parts[first]?.after;
    for (let index = first; index < end; index++) {
      const { context, build } = parts[index] as SteppedPart;
      const { raw } = context;
      let pump: NotePump | void = undefined;
      const tick = (): void => {
        // Nodes made in this tick belong to this part's context, whatever context ticked last.
        Tone.setContext(context);
        context.emit('tick');
        // As a clock would: the notes up to now() (a step ahead of the audio).
        if (pump) pump(context.now());
      };
      Tone.setContext(context);
      pump = build();
      context.stepping();
      tick();
      await context.ready();
      // Every suspension is registered before rendering starts (node-web-audio-api refuses later ones).
      for (let at = stepFrames; at < raw.length; at += stepFrames) {
        // Half a frame early: the context rounds the time up to a block, and must land on `at` exactly.
        suspensions.push(
          held(
            raw.suspend((at - 0.5) / raw.sampleRate).then(async () => {
              // An abandoned render stays suspended: it costs nothing more and is dropped with its thread.
              if (abandoned) return;
              collectGarbage();
              tick();
              reached[index] = at / raw.length;
              onProgress(Math.min(...reached));
              await raw.resume();
            }),
          ),
        );
      }
    }
    await settle(parts[first]?.context.raw.sampleRate ?? 44_100);
    for (let index = first; index < end; index++) {
      results.push(
        held(
          (parts[index] as SteppedPart).context.raw.startRendering().then((buffer) => {
            // A part shorter than the render (a stretch of one voice) is through before its last step.
            reached[index] = 1;
            onProgress(Math.min(...reached));
            return buffer;
          }),
        ),
      );
    }
    first = end;
  }
  try {
    const [buffers] = await Promise.all([Promise.all(results), Promise.all(suspensions)]);
    onProgress(1);
    return buffers;
  } catch (err) {
    abandoned = true;
    throw new StepRefused(`the offline audio context refused a step (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}
