// Speed-ups for Tone.js in the render thread that change no sample it renders: sources that can no
// longer be heard stop playing. node-web-audio-api processes every playing source node (with its
// params and whatever it still feeds) in every 128-frame block, heard or not, until it stops.
//
// - Every one-shot source Tone makes (the oscillators of each note, each noise hit, each piano
//   sample) plays through a gain that Tone ramps to exactly 0 by the source's stop time; a timeout
//   then stops the native node, not at that time but at now(), a look-ahead later (in the stepped
//   render a whole step, ~1 s), plus two release times more for the piano Sampler's exponential
//   fade (2 s): most of the piano's rendering was silence. Here the node stops when that timeout
//   runs, at the context's current time, which Tone's rule puts at or after the stop time.
// - A disposed Signal (every voice has several: frequency, detune, envelope, FM index…) asks its
//   ConstantSourceNode to stop, but Tone's own check then finds it "stopped" already and never
//   stops the native node, which goes on running, disconnected, for the rest of the render: every
//   voice a PolySynth freed (it frees idle ones) left its signals behind. Here the native node stops.
//
// If Tone's classes do not look as expected (another Tone version), nothing is changed.
import { OfflineAudioContext } from 'node-web-audio-api';
import * as Tone from 'tone';

type OneShot = {
  context: { currentTime: number };
  _stopTime: number;
  _stopSource(time?: number): void;
  _source?: { stop(time?: number): void };
};

/** When the stop timeout may stop the native node: now, never before the gain reached 0. */
function silentFrom(source: OneShot, time: number): number {
  return source._stopTime >= 0 ? Math.min(time, Math.max(source.context.currentTime, source._stopTime)) : time;
}

/** ToneConstantSource (Signal's source) is not exported: its prototype, from a throwaway Signal. */
function constantSourcePrototype(): OneShot | null {
  const context = new Tone.Context({ context: new OfflineAudioContext(1, 128, 44_100) as unknown as Tone.BaseContext['rawContext'], clockSource: 'offline' });
  try {
    const signal = new Tone.Signal({ context });
    const source = (signal as unknown as { _constantSource?: object })._constantSource;
    signal.dispose();
    return source ? (Object.getPrototypeOf(source) as OneShot) : null;
  } catch {
    return null;
  } finally {
    try {
      void context.dispose();
    } catch {
      // Nothing of it is used again.
    }
  }
}

const own = (proto: object, name: string): boolean => Object.prototype.hasOwnProperty.call(proto, name) && typeof (proto as Record<string, unknown>)[name] === 'function';

export function stopSilentSources(): boolean {
  const oneShots = [Tone.ToneBufferSource.prototype, Tone.ToneOscillatorNode.prototype] as unknown as OneShot[];
  const constant = constantSourcePrototype();
  if (!constant || ![...oneShots, constant].every((p) => own(p, '_stopSource'))) return false;
  for (const proto of oneShots) {
    const stopSource = proto._stopSource;
    proto._stopSource = function (this: OneShot, time?: number) {
      // Only the stop timeout passes a time (a buffer's native `ended` event passes none).
      stopSource.call(this, typeof time === 'number' ? silentFrom(this, time) : time);
    };
  }
  const stopConstant = constant._stopSource;
  constant._stopSource = function (this: OneShot, time?: number) {
    if (typeof time !== 'number' || this._stopTime < 0) return stopConstant.call(this, time);
    // Tone skips the native stop when its state already reads "stopped", as it always does by the
    // time its stop timeout runs; its gain is 0 from _stopTime on.
    try {
      this._source?.stop(silentFrom(this, time));
    } catch {
      // Already stopped.
    }
  };
  return true;
}
