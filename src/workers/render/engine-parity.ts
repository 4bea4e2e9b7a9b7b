// Where node-web-audio-api's nodes sound different from Chromium's (the app's engine), the render
// thread makes them sound the same. Found by rendering the same Tone.js graphs in both and
// comparing (the piano, filters, sine and triangle oscillators, envelopes and gains already agree
// sample for sample):
//
// - The built-in sawtooth and square oscillators have the same band-limited shape in both, but
//   Chromium normalises it as the specification's PeriodicWave does, to a peak of 1, while
//   node-web-audio-api's peaks at the Gibbs overshoot, ~1.179: 1.5 dB louder, and more in FM and
//   AM synths that use them as modulators. Each oscillator plays through a gain that undoes it for
//   those two types (1 for the others and for custom PeriodicWaves, which already agree).
// - A buffer source started at an offset between two samples interpolates between them, which
//   lowers and dulls white noise; Chromium reads whole frames there. Tone starts every noise hit
//   (hi-hats, snares, claps) at a random offset, so offsets are rounded to a whole frame.

/** Chromium's band-limited sawtooth and square peak at 1; node-web-audio-api's at this. */
export const gibbsPeak = 1.17898;

const levelFor = (type: string): number => (type === 'sawtooth' || type === 'square' ? 1 / gibbsPeak : 1);

type Connectable = { connect(...args: unknown[]): unknown; disconnect(...args: unknown[]): unknown };

function ownAccessor(target: object, name: string): PropertyDescriptor | undefined {
  for (let p: object | null = target; p; p = Object.getPrototypeOf(p)) {
    const found = Object.getOwnPropertyDescriptor(p, name);
    if (found) return found;
  }
  return undefined;
}

/** Puts a level gain after the oscillator (its connections go from the gain) that follows its type.
 * The gain is made only once the type needs one (a sawtooth or a square): a sine, a triangle or a
 * custom wave plays straight into its connections, as a gain of 1 would pass it, with one node
 * fewer to render in every block. */
export function levelOscillator(context: BaseAudioContext, osc: OscillatorNode): OscillatorNode {
  const type = ownAccessor(osc, 'type');
  if (!type?.get || !type.set) return osc;
  const native = osc as unknown as Connectable;
  const connect = native.connect;
  const disconnect = native.disconnect;
  let level: GainNode | null = null;
  /** The connections made while there was no gain, to move behind it when it comes. */
  let direct: unknown[][] = [];
  const setLevel = (value: number): void => {
    if (level) {
      level.gain.value = value;
      return;
    }
    if (value === 1) return;
    level = context.createGain();
    level.gain.value = value;
    disconnect.call(osc);
    connect.call(osc, level);
    for (const args of direct) (level as unknown as Connectable).connect(...args);
    direct = [];
  };
  const setWave = osc.setPeriodicWave.bind(osc);
  Object.defineProperties(osc, {
    type: {
      configurable: true,
      get: () => type.get?.call(osc),
      set: (value: OscillatorType) => {
        type.set?.call(osc, value);
        setLevel(levelFor(value));
      },
    },
    setPeriodicWave: {
      configurable: true,
      value: (wave: PeriodicWave) => {
        setWave(wave);
        setLevel(1);
      },
    },
    connect: {
      configurable: true,
      value: (...args: unknown[]) => {
        if (level) return (level as unknown as Connectable).connect(...args);
        direct.push(args);
        return connect.apply(osc, args);
      },
    },
    disconnect: {
      configurable: true,
      value: (...args: unknown[]) => {
        if (level) return (level as unknown as Connectable).disconnect(...args);
        // What is disconnected is no longer to move behind a gain.
        direct = args.length === 0 ? [] : direct.filter((made) => made[0] !== args[0]);
        return disconnect.apply(osc, args);
      },
    },
  });
  // A new oscillator is a sine: no gain until its type asks for one.
  setLevel(levelFor(type.get.call(osc) as string));
  return osc;
}

/** Rounds the start offset of a buffer source to a whole frame. */
export function wholeFrameOffsets(context: BaseAudioContext, source: AudioBufferSourceNode): AudioBufferSourceNode {
  const start = source.start.bind(source);
  const rate = context.sampleRate;
  Object.defineProperty(source, 'start', {
    configurable: true,
    value: (when?: number, offset?: number, duration?: number) => {
      const whole = offset === undefined ? undefined : Math.round(offset * rate) / rate;
      if (duration !== undefined) return start(when, whole, duration);
      if (whole !== undefined) return start(when, whole);
      return when === undefined ? start() : start(when);
    },
  });
  return source;
}
