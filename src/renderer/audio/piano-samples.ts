// The renderer's piano samples: the 30 Salamander files Vite copies beside index.html into
// samples/piano/, fetched and decoded once per window (shared/sound/instruments.ts decodes them;
// only where the bytes come from is the renderer's). Imported with the playback engine, since
// decoding needs Tone's context.
import * as Tone from 'tone';
import { decodePianoSamples, type PianoSamples } from '../../shared/sound/instruments';
import { pianoSampleUrl } from '../../shared/sound/playback-logic';

/** Relative to index.html, so it works from file:// (Electron) and in serve mode alike. */
const samplesBase = './samples/piano/';
let pianoBuffers: Promise<PianoSamples> | null = null;

/** A file of the renderer's own folder. Chromium's fetch refuses file: URLs (the Electron window
 * loads index.html from disk), while XMLHttpRequest reads them; serve mode uses fetch. */
function readBytes(url: string): Promise<ArrayBuffer> {
  if (location.protocol !== 'file:') {
    return fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.arrayBuffer();
    });
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'arraybuffer';
    xhr.onload = () => (xhr.response instanceof ArrayBuffer ? resolve(xhr.response) : reject(new Error('no data')));
    xhr.onerror = () => reject(new Error('not readable'));
    xhr.send();
  });
}

/** Fetches and decodes the 30 piano samples once; a failure is thrown and may be retried. */
export function loadPianoSamples(): Promise<PianoSamples> {
  pianoBuffers ??= decodePianoSamples(
    (note) => readBytes(pianoSampleUrl(samplesBase, note)),
    (bytes) => Tone.getContext().decodeAudioData(bytes),
  ).catch((err: unknown) => {
    pianoBuffers = null;
    throw err;
  });
  return pianoBuffers;
}
