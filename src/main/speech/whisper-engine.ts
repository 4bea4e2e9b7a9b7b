// The slot for whisper.cpp, which recognises far better than pocketsphinx but needs two things
// Montage does not ship: its Node binding (`@fugood/whisper.node`, native, installed by the user in
// the app's folder) and a ggml model file (tens to hundreds of MB) in the models folder of the data
// folder. Both are looked for when asked, at run time: the binding by resolving and importing it
// from the app's folder inside try/catch, the model by name (ggml-*.bin) and its first bytes. The
// status says exactly what is missing and how to add it.
//
// With both present, recognition runs in the binding's native threads (the event loop stays free):
// the audio is decoded to 16 kHz mono as for every engine, handed over as 16-bit PCM, and
// recognised with one segment per word (`maxLen: 1`, token timestamps), whose times (in 10 ms units)
// are the words' times. Progress comes from the binding's callback; cancel calls its stop. The
// first model file found (by name) is used, loaded once per engine and kept.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StudioError } from '../../shared/api';
import { speechSampleRate, type Transcript, type TranscriptWord } from '../../shared/speech/transcript';
import { loadSpeechAudio } from './speech-audio';
import { cancelledTranscription, silenceNote, throwIfCancelled, unavailableEngine, type SpeechEngine, type SpeechEngineStatus, type SpeechInput, type TranscribeOptions } from './speech-engine';

export const whisperBindingPackage = '@fugood/whisper.node';
/** Where to get a model file (any ggml whisper model; base.en is a good first one). */
export const whisperModelSource = 'https://huggingface.co/ggerganov/whisper.cpp (e.g. ggml-base.en.bin)';

export interface WhisperOptions {
  /** The app's folder (with its package.json and node_modules), where the binding is installed. */
  appDir: string;
  /** The models folder of the data folder, where ggml-*.bin files are looked for. */
  modelsDir: string;
  /** Loads the binding (tests replace it); default: resolve it from appDir and import it. */
  loadBinding?: () => Promise<unknown>;
}

/** What Montage uses of the binding (`@fugood/whisper.node`'s API). */
interface WhisperSegment {
  text: string;
  /** Centiseconds. */
  t0: number;
  t1: number;
}
interface WhisperContext {
  transcribeData(pcm: ArrayBuffer, options: Record<string, unknown>): { stop: () => Promise<void>; promise: Promise<{ segments: WhisperSegment[]; isAborted: boolean }> };
  release(): Promise<void>;
}
interface WhisperBinding {
  initWhisper(options: { filePath: string; useGpu?: boolean }): Promise<WhisperContext>;
}

function asBinding(module: unknown): WhisperBinding {
  const m = module as { initWhisper?: unknown; default?: { initWhisper?: unknown } };
  const init = m.initWhisper ?? m.default?.initWhisper;
  if (typeof init !== 'function') throw new StudioError('unavailable', `${whisperBindingPackage} is installed but has no initWhisper: reinstall it (npm install ${whisperBindingPackage}).`);
  return { initWhisper: init as WhisperBinding['initWhisper'] };
}

/** Words from one-word segments: trimmed, empty and bracketed non-speech marks ([BLANK_AUDIO], (music)) left out. */
export function wordsOfSegments(segments: readonly WhisperSegment[]): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const s of segments) {
    const word = s.text.trim();
    if (word === '' || /^[[(].*[\])]$/.test(word)) continue;
    const start = Math.max(0, s.t0 / 100);
    words.push({ word, start, end: Math.max(start, s.t1 / 100) });
  }
  return words;
}

/** 16-bit little-endian PCM of −1…1 samples. */
function pcm16(samples: Float32Array): ArrayBuffer {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round((samples[i] as number) * 32767)));
  return out.buffer;
}

/** The binding as installed in the app's folder; rejects when it is not there or does not load. */
export async function importWhisperBinding(appDir: string): Promise<unknown> {
  const resolved = createRequire(join(appDir, 'package.json')).resolve(whisperBindingPackage);
  return import(pathToFileURL(resolved).href);
}

const ggmlMagic = 'lmgg'; // 0x67676d6c, little-endian, at the start of every whisper.cpp ggml model
const ggufMagic = 'GGUF';

function fileStart(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    return b.subarray(0, readSync(fd, b, 0, 4, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** The ggml model files in the folder, and those named so that are not models (wrong first bytes). */
export function findWhisperModels(modelsDir: string): { models: string[]; invalid: string[] } {
  let names: string[];
  try {
    names = readdirSync(modelsDir).filter((n) => /^ggml-.+\.bin$/i.test(n)).sort();
  } catch {
    return { models: [], invalid: [] };
  }
  const models: string[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    const path = join(modelsDir, name);
    try {
      if (!statSync(path).isFile()) continue;
      const magic = fileStart(path);
      (magic === ggmlMagic || magic === ggufMagic ? models : invalid).push(path);
    } catch {
      invalid.push(path);
    }
  }
  return { models, invalid };
}

export class WhisperEngine implements SpeechEngine {
  readonly id = 'whisper' as const;
  private context: { model: string; ready: Promise<WhisperContext> } | null = null;

  constructor(private readonly options: WhisperOptions) {}

  private load(): Promise<unknown> {
    return (this.options.loadBinding ?? (() => importWhisperBinding(this.options.appDir)))();
  }

  /** The loaded model (loaded on first use; a failed load is tried again next time). */
  private contextFor(model: string): Promise<WhisperContext> {
    if (this.context?.model === model) return this.context.ready;
    const ready = this.load().then((m) => asBinding(m).initWhisper({ filePath: model, useGpu: true }));
    this.context = { model, ready };
    ready.catch(() => {
      if (this.context?.ready === ready) this.context = null;
    });
    return ready;
  }

  /** Frees the loaded model. */
  async release(): Promise<void> {
    const held = this.context;
    this.context = null;
    if (held) await (await held.ready.catch(() => null))?.release();
  }

  async status(): Promise<SpeechEngineStatus> {
    const { appDir, modelsDir } = this.options;
    let bindingError: string | null = null;
    try {
      await this.load();
    } catch (err) {
      bindingError = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    }
    const { models, invalid } = findWhisperModels(modelsDir);
    const steps: string[] = [];
    const missing: string[] = [];
    if (bindingError !== null) {
      missing.push(`its Node binding is not installed (${bindingError})`);
      steps.push(`cd ${appDir} && npm install ${whisperBindingPackage}`);
    }
    if (models.length === 0) {
      const bad = invalid.length > 0 ? ` (${invalid.join(', ')} ${invalid.length === 1 ? 'is' : 'are'} not a ggml model)` : '';
      missing.push(`there is no ggml model file in ${modelsDir}${bad}`);
      steps.push(`put a ggml model file named ggml-*.bin in ${modelsDir}, from ${whisperModelSource}`);
    }
    if (missing.length > 0) {
      return { engine: this.id, available: false, detail: `whisper cannot run: ${missing.join(', and ')}.`, installHint: steps.join('; then ') };
    }
    return { engine: this.id, available: true, detail: `whisper.cpp (${whisperBindingPackage}), model ${models[0]}.` };
  }

  async transcribe(input: SpeechInput, options: TranscribeOptions = {}): Promise<Transcript> {
    const started = performance.now();
    throwIfCancelled(options.signal);
    const status = await this.status();
    if (!status.available) throw unavailableEngine(status);
    const model = findWhisperModels(this.options.modelsDir).models[0] as string;
    options.onProgress?.({ stage: 'decoding', fraction: 0 });
    const samples = await loadSpeechAudio(input, { signal: options.signal });
    options.onProgress?.({ stage: 'decoding', fraction: 1 });
    const durationSeconds = samples.length / speechSampleRate;
    let words: TranscriptWord[] = [];
    if (samples.length > 0) {
      const context = await this.contextFor(model).catch((err: unknown) => {
        throw new StudioError('unavailable', `whisper could not load ${model}: ${err instanceof Error ? err.message : String(err)}`);
      });
      throwIfCancelled(options.signal);
      options.onProgress?.({ stage: 'recognising', fraction: 0 });
      const job = context.transcribeData(pcm16(samples), {
        language: 'en',
        maxLen: 1,
        tokenTimestamps: true,
        temperature: 0,
        onProgress: (percent: number) => options.onProgress?.({ stage: 'recognising', fraction: Math.min(1, Math.max(0, percent / 100)) }),
      });
      const stop = (): void => void job.stop().catch(() => undefined);
      options.signal?.addEventListener('abort', stop, { once: true });
      // Aborted while the binding was being called (its first progress report comes at once).
      if (options.signal?.aborted) stop();
      try {
        const result = await job.promise;
        if (result.isAborted || options.signal?.aborted) throw cancelledTranscription();
        words = wordsOfSegments(result.segments);
      } finally {
        options.signal?.removeEventListener('abort', stop);
      }
    }
    options.onProgress?.({ stage: 'recognising', fraction: 1 });
    const transcript: Transcript = { engine: this.id, durationSeconds, seconds: (performance.now() - started) / 1000, words, text: words.map((w) => w.word).join(' ') };
    if (words.length === 0) transcript.note = silenceNote(durationSeconds);
    return transcript;
  }
}
