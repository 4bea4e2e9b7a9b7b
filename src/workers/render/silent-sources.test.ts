import { describe, expect, it } from 'vitest';
import { installWebAudioGlobals } from './web-audio-globals';

// As in the render thread: the Web Audio globals first, then Tone.
installWebAudioGlobals();
const Tone = await import('tone');
const { OfflineAudioContext } = await import('node-web-audio-api');
const { renderInSteps, SteppedContext } = await import('./stepped-render');
const { stopSilentSources } = await import('./silent-sources');

type Stoppable = { stop(when?: number): void };
const g = globalThis as unknown as Record<string, { prototype: Stoppable }>;

/** Native stop() calls, by node class: [when, the context's time then]. */
function spyOnStops(): Map<string, number[]> {
  const stops = new Map<string, number[]>();
  for (const name of ['OscillatorNode', 'AudioBufferSourceNode', 'ConstantSourceNode']) {
    const proto = g[name]?.prototype as Stoppable & { context: { currentTime: number } };
    const stop = proto.stop;
    proto.stop = function (this: Stoppable & { context: { currentTime: number } }, when?: number) {
      stops.set(name, [...(stops.get(name) ?? []), when ?? this.context.currentTime]);
      return stop.call(this, when);
    };
  }
  return stops;
}

/** A synth note, a sample with the piano's exponential release, and a voice disposed after it
 * played, rendered in steps (about a second each) as the render thread does. */
async function render(): Promise<Float32Array> {
  const raw = new OfflineAudioContext(1, 5 * 44_100, 44_100);
  const context = new SteppedContext(raw);
  // Played from the Transport, as the song's notes are.
  const build = () => {
    const transport = Tone.getTransport();
    const synth = new Tone.Synth({ envelope: { attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.2 } }).toDestination();
    transport.schedule((time) => synth.triggerAttackRelease(330, 0.2, time), 1.1);
    const buffer = Tone.ToneAudioBuffer.fromArray(Float32Array.from({ length: 44_100 * 3 }, (_, i) => Math.sin(i / 7)));
    transport.schedule((time) => {
      const sample = new Tone.ToneBufferSource({ url: buffer, curve: 'exponential', fadeOut: 0.3 }).toDestination();
      sample.start(time);
      sample.stop(time + 0.3);
    }, 1.05);
    // Freed once it has played (as a PolySynth frees an idle voice): its signals must stop too.
    const voice = new Tone.Synth({ envelope: { attack: 0.01, decay: 0.1, sustain: 0.5, release: 0.1 } }).toDestination();
    transport.schedule((time) => voice.triggerAttackRelease(220, 0.1, time), 1.5);
    transport.schedule(() => voice.dispose(), 2.2);
    transport.start(0);
  };
  const [buffer] = await renderInSteps([{ context, build }]);
  return (buffer as AudioBuffer).getChannelData(0).slice();
}

describe('stopping silent sources', () => {
  it('stops each source when Tone finds it silent, not a step and a tail later, and renders the same samples', async () => {
    const stops = spyOnStops();
    const before = await render();
    const late = { osc: stops.get('OscillatorNode') ?? [], buffer: stops.get('AudioBufferSourceNode') ?? [] };
    const constantStops = stops.get('ConstantSourceNode') ?? [];
    stops.clear();

    expect(stopSilentSources()).toBe(true);
    const after = await render();
    const prompt = { osc: stops.get('OscillatorNode') ?? [], buffer: stops.get('AudioBufferSourceNode') ?? [] };

    // Tone stopped each native node at its stop timeout's now(): a step (~1 s of look-ahead) late,
    // the sample with its exponential fade two fade times (0.6 s) more. Now at the timeout's time.
    expect(late.osc).toHaveLength(2);
    expect(late.buffer).toHaveLength(1);
    expect(prompt.osc).toHaveLength(2);
    expect(prompt.buffer).toHaveLength(1);
    prompt.osc.forEach((t, i) => expect(t).toBeCloseTo((late.osc[i] as number) - 1.0013, 3));
    expect(prompt.buffer[0]).toBeCloseTo((late.buffer[0] as number) - 1.6013, 3);
    // The disposed voice's signals were left running before; now they stop.
    expect(constantStops).toHaveLength(0);
    expect((stops.get('ConstantSourceNode') ?? []).length).toBeGreaterThan(0);

    let peak = 0;
    let diff = 0;
    for (let i = 0; i < before.length; i++) {
      peak = Math.max(peak, Math.abs(before[i] as number));
      diff = Math.max(diff, Math.abs((before[i] as number) - (after[i] as number)));
    }
    expect(peak).toBeGreaterThan(0.1);
    expect(diff).toBe(0);
  });
});
