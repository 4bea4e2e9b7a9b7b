// The render thread's entry (dist/workers/render-thread.js): a worker thread that renders a song to
// WAV with the app's instruments, Tone.js on node-web-audio-api (render-core.ts does the work;
// render-off-thread.ts starts it). The Web Audio globals must exist before Tone.js is first
// imported, and a bundler hoists every import of a module above its code, so the part that imports
// Tone is a bundle of its own (dist/workers/render-core.js), loaded only after they are installed.
import { installWebAudioGlobals } from './web-audio-globals';

installWebAudioGlobals();
const core = new URL('./render-core.js', import.meta.url).href;
await import(core);
