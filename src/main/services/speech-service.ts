// The `speech` service: which engines can run and the one the user chose (a setting in SQLite,
// kept across restarts), transcripts of a project's audio files, and dictation (dictation.ts).
//
// Why a transcription is a host job and not a task of the ML worker: the work already happens
// outside the host's event loop (the file is decoded in a worker thread, pocketsphinx recognises
// in a process of its own, started without a shell and killed on cancel), so the host only waits
// and relays progress. A worker process would add the tfjs import and the backend choice (about a
// second, and ~200 MB) in front of every transcription, and another hop for the result, for nothing
// it computes; and workers may not import the host's speech engines. The job manager runs such
// jobs in a lane of their own (HostJobSpec), so a transcription does not queue behind training.
import { soundfontMime } from '../../shared/assets/audio-sniff';
import {
  StudioError,
  type Asset,
  type AssetTranscript,
  type Job,
  type SpeechService,
  type SpeechStatus,
  type TranscribeJobResult,
} from '../../shared/api';
import { defaultSpeechEngine, isSpeechEngineName, realTimeFactor, speechEngineNames, type SpeechEngineName } from '../../shared/speech/transcript';
import type { AssetsRepo } from '../db/assets-repo';
import { retryStorageWrite } from '../db/storage-errors';
import type { TranscriptsRepo } from '../db/transcripts-repo';
import type { JobManager } from '../jobs/job-manager';
import { dataPaths } from '../paths';
import { DictationManager, type DictationOptions } from '../speech/dictation';
import { unavailableEngine, type SpeechEngine } from '../speech/speech-engine';
import { createSpeechEngine, type SpeechEngineSetup } from '../speech/speech-engines';
import type { CallContext } from './call-context';

/** The settings table's key for the chosen engine. */
export const speechEngineSetting = 'speech.engine';

export interface SpeechServiceDeps {
  dataRoot: string;
  settings: { setting<T>(key: string): T | undefined; setSetting(key: string, value: unknown): void };
  assets: Pick<AssetsRepo, 'get'>;
  /** The file behind an asset (the assets service's lookup). */
  assetFile(projectId: string, hash: string): Promise<{ path: string } | null>;
  transcripts: TranscriptsRepo;
  jobs: JobManager;
  /** The engine of a name (tests give their own); default createSpeechEngine for the data folder. */
  engine?: (name: SpeechEngineName) => SpeechEngine;
  /** Engine options (e.g. the decoding thread's entry) for the default engines. */
  setup?: Omit<SpeechEngineSetup, 'dataDir'>;
  dictation?: DictationOptions;
  /** How often idle dictations are looked for (default 5 s). */
  sweepEveryMs?: number;
}

/** The service's methods, each also told who calls (dictations belong to the window that started them). */
type WithContext<F> = F extends (args: infer A) => infer R ? (args: A, context?: CallContext) => R : never;

export type HostSpeechService = { [K in keyof SpeechService]: WithContext<SpeechService[K]> } & {
  /** Drops dictations idle past their limit; answers how many. */
  sweepIdle(): number;
  /** A window went away: its dictations go too. */
  dropClient(clientId: string): void;
  close(): void;
};

const assetGone = (): StudioError => new StudioError('not-found', 'That audio file no longer exists — it may have been deleted in another window.');

/** The engine's error, with the asset's stored file path replaced by the name the user knows. */
function aboutAsset(err: unknown, path: string, asset: Asset): StudioError {
  const e = StudioError.from(err);
  if (!e.message.includes(path)) return e;
  return new StudioError(e.code, e.message.split(path).join(`“${asset.name}”`), e.issues);
}

export function createSpeechService(deps: SpeechServiceDeps): HostSpeechService {
  const engines = new Map<SpeechEngineName, SpeechEngine>();
  const engineOf = (name: SpeechEngineName): SpeechEngine => {
    let engine = engines.get(name);
    if (!engine) {
      engine = deps.engine?.(name) ?? createSpeechEngine(name, { dataDir: deps.dataRoot, ...deps.setup });
      engines.set(name, engine);
    }
    return engine;
  };
  const chosen = (): SpeechEngineName => {
    try {
      const value = deps.settings.setting<unknown>(speechEngineSetting);
      return typeof value === 'string' && isSpeechEngineName(value) ? value : defaultSpeechEngine;
    } catch {
      // An unreadable setting (a locked database) is not worth refusing speech over.
      return defaultSpeechEngine;
    }
  };
  /** The chosen engine, once it says it can run; otherwise 'unavailable' with what to install. */
  const readyEngine = async (): Promise<SpeechEngine> => {
    const engine = engineOf(chosen());
    const status = await engine.status();
    if (!status.available) throw unavailableEngine(status);
    return engine;
  };
  const clientOf = (context?: CallContext): string => context?.clientId ?? 'host';
  const dictations = new DictationManager(deps.dictation);
  /** The transcribe job running or waiting for each asset. */
  const running = new Map<string, string>();
  const sweeper = setInterval(() => dictations.sweepIdle(), deps.sweepEveryMs ?? 5000);
  sweeper.unref();

  const status = async (): Promise<SpeechStatus> => ({
    engines: await Promise.all(speechEngineNames.map((name) => engineOf(name).status())),
    engine: chosen(),
    modelsDir: dataPaths(deps.dataRoot).models,
  });

  return {
    status,

    async setEngine({ engine }) {
      await retryStorageWrite(() => deps.settings.setSetting(speechEngineSetting, engine));
      return status();
    },

    async transcribeAsset({ assetId }) {
      const asset = deps.assets.get(assetId);
      if (!asset) throw assetGone();
      if (asset.kind !== 'audio') throw new StudioError('invalid-argument', `“${asset.name}” is not a recording: only audio files can be transcribed.`);
      if (asset.mime === soundfontMime) throw new StudioError('invalid-argument', `“${asset.name}” is a soundfont, not a recording: it holds no speech to transcribe.`);
      const current = running.get(assetId);
      if (current) {
        const job = deps.jobs.get(current);
        if (job.status === 'queued' || job.status === 'running') return job;
      }
      const engine = await readyEngine();
      const job: Job = deps.jobs.submit({
        kind: 'transcribe',
        title: `Transcribe “${asset.name}”`,
        params: { assetId, engine: engine.id },
        run: async (ctx) => {
          try {
            const file = await deps.assetFile(asset.projectId, asset.hash);
            if (!file) throw assetGone();
            ctx.message(`Recognising speech with ${engine.id}.`);
            let transcript;
            try {
              transcript = await engine.transcribe(file.path, {
                signal: ctx.signal,
                onProgress: (p) =>
                  p.stage === 'decoding'
                    ? ctx.progress(0.1 * p.fraction, 'Decoding the audio…')
                    : ctx.progress(0.1 + 0.9 * p.fraction, `Recognising speech… ${Math.round(p.fraction * 100)} %`),
              });
            } catch (err) {
              throw aboutAsset(err, file.path, asset);
            }
            const stored: AssetTranscript = { ...transcript, assetId: asset.id, createdAt: Date.now() };
            if (!(await retryStorageWrite(() => deps.transcripts.put(stored)))) {
              throw new StudioError('not-found', `“${asset.name}” was deleted while it was being transcribed; nothing was kept.`);
            }
            const rtf = realTimeFactor(transcript);
            ctx.message(
              transcript.note ??
                `${transcript.words.length} word${transcript.words.length === 1 ? '' : 's'} in ${transcript.durationSeconds.toFixed(1)} s of audio (real-time factor ${rtf.toFixed(2)}).`,
            );
            const result: TranscribeJobResult = {
              assetId: asset.id,
              engine: transcript.engine,
              words: transcript.words.length,
              durationSeconds: transcript.durationSeconds,
              seconds: transcript.seconds,
              realTimeFactor: rtf,
              ...(transcript.note ? { note: transcript.note } : {}),
            };
            return { ...result };
          } finally {
            if (running.get(assetId) === job.id) running.delete(assetId);
          }
        },
      });
      if (job.status === 'queued' || job.status === 'running') running.set(assetId, job.id);
      return job;
    },

    async transcript({ assetId }) {
      if (!deps.assets.get(assetId)) throw assetGone();
      return deps.transcripts.get(assetId) ?? null;
    },

    async dictationStart(_args, context) {
      return dictations.start(clientOf(context), await readyEngine());
    },

    async dictationAppend({ dictationId, samples }, context) {
      const bytes = Buffer.from(samples, 'base64');
      return dictations.append(dictationId, clientOf(context), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },

    async dictationFinish({ dictationId }, context) {
      return dictations.finish(dictationId, clientOf(context));
    },

    async dictationCancel({ dictationId }, context) {
      dictations.cancel(dictationId, clientOf(context));
      return { dictationId };
    },

    sweepIdle: () => dictations.sweepIdle(),
    dropClient: (clientId) => dictations.dropClient(clientId),
    close() {
      clearInterval(sweeper);
      dictations.close();
    },
  };
}
