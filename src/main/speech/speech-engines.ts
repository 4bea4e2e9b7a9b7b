// The speech engines by name, made for a data folder (whisper looks for its model in the data
// folder's models folder). The one place that knows which class each name is.
import { speechEngineNames, type SpeechEngineName } from '../../shared/speech/transcript';
import { dataPaths, packageRoot } from '../paths';
import { PocketsphinxEngine, type PocketsphinxOptions } from './pocketsphinx-engine';
import type { SpeechEngine, SpeechEngineStatus } from './speech-engine';
import { WhisperEngine, type WhisperOptions } from './whisper-engine';

export interface SpeechEngineSetup {
  /** The data folder (its models/ holds whisper's ggml files). */
  dataDir: string;
  /** The app's folder (default: this package's root), where optional bindings are installed. */
  appDir?: string;
  pocketsphinx?: PocketsphinxOptions;
  whisper?: Partial<WhisperOptions>;
}

export function createSpeechEngine(name: SpeechEngineName, setup: SpeechEngineSetup): SpeechEngine {
  switch (name) {
    case 'pocketsphinx':
      return new PocketsphinxEngine(setup.pocketsphinx);
    case 'whisper':
      return new WhisperEngine({ appDir: setup.appDir ?? packageRoot(), modelsDir: dataPaths(setup.dataDir).models, ...setup.whisper });
  }
}

/** Every engine's status, in the order of `speechEngineNames` (for a settings page or `doctor`). */
export function speechEngineStatuses(setup: SpeechEngineSetup): Promise<SpeechEngineStatus[]> {
  return Promise.all(speechEngineNames.map((name) => createSpeechEngine(name, setup).status()));
}
