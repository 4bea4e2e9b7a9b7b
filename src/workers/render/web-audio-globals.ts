// Makes node-web-audio-api look like a browser's Web Audio to Tone.js, inside the render thread
// only (never the host or CLI thread: these globals would leak into everything there). Tone and
// standardized-audio-context read `window` and the Web Audio classes once, when first imported,
// so this runs before Tone is loaded (render-thread.ts imports render-core.js after it).
//
// What is installed: `window` and `self` (this thread's globalThis: standardized-audio-context
// looks for the first, Tone for the second, its start-up banner silenced), and every Web Audio
// class but AudioContext, which would open the sound card: without it Tone makes no realtime
// context, and renders use the OfflineAudioContext they are given. `isSecureContext`, since
// browsers allow AudioWorklet (Tone's PluckSynth comb filter) only there and
// standardized-audio-context checks it; and Promise.withResolvers, which Node 20 lacks and
// node-web-audio-api's AudioWorklet uses.
import * as webAudio from 'node-web-audio-api';

export function installWebAudioGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.window ??= globalThis;
  g.self ??= globalThis;
  g.TONE_SILENCE_LOGGING = true;
  g.isSecureContext ??= true;
  for (const [name, value] of Object.entries(webAudio)) {
    if (name === 'AudioContext' || name === 'mediaDevices' || name === 'default' || name in g) continue;
    g[name] = value;
  }
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const made = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise: made, resolve, reject };
  };
}
