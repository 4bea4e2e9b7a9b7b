// The slot for whisper.cpp, which recognises far better than pocketsphinx but needs two things
// Montage does not ship: its Node binding (`@fugood/whisper.node`, native, installed by the user in
// the app's folder) and a ggml model file (tens to hundreds of MB) in the models folder of the data
// folder. Both are looked for when asked, at run time: the binding by resolving and importing it
// from the app's folder inside try/catch, the model by name (ggml-*.bin) and its first bytes. The
// status says exactly what is missing and how to add it. Recognition itself is not wired to the
// binding yet: with both present, the status says so and transcribing is refused the same way.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Transcript } from '../../shared/speech/transcript';
import { throwIfCancelled, unavailableEngine, type SpeechEngine, type SpeechEngineStatus, type SpeechInput, type TranscribeOptions } from './speech-engine';

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

  constructor(private readonly options: WhisperOptions) {}

  async status(): Promise<SpeechEngineStatus> {
    const { appDir, modelsDir } = this.options;
    let bindingError: string | null = null;
    try {
      await (this.options.loadBinding ?? (() => importWhisperBinding(appDir)))();
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
    return {
      engine: this.id,
      available: false,
      detail: `Found the whisper binding in ${appDir} and the model ${models[0]}, but this version of Montage does not transcribe with whisper yet; use pocketsphinx.`,
    };
  }

  async transcribe(_input: SpeechInput, options: TranscribeOptions = {}): Promise<Transcript> {
    throwIfCancelled(options.signal);
    throw unavailableEngine(await this.status());
  }
}
