// The host: opens the database, builds the services of the Studio API and the job manager, and
// offers `dispatch`, the one entry both transports (Electron IPC, WebSocket) call. Every argument
// is validated against the contract's zod schema here, so services only ever see valid input.
import { readFileSync } from 'node:fs';
import type { ZodType } from 'zod';
import { join } from 'node:path';
import { StudioError, allowedMethods, studioContract, type StudioApi, type SystemInfo } from '../shared/api';
import { createBenchmarkRunsRepo } from './db/benchmark-runs-repo';
import { startBackups } from './db/backups';
import { openDatabase, type Db } from './db/database';
import { asStorageError } from './db/storage-errors';
import { createEventsRepo } from './db/events-repo';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { createJobsRepo } from './db/jobs-repo';
import { createProjectsRepo } from './db/projects-repo';
import { createDocumentsRepo } from './db/documents-repo';
import { createAssetsRepo } from './db/assets-repo';
import { createModelsRepo } from './db/models-repo';
import { createTranscriptsRepo } from './db/transcripts-repo';
import { createImageClassifiersRepo } from './db/image-classifiers-repo';
import { createImagesRepo } from './db/images-repo';
import { JobManager } from './jobs/job-manager';
import { probeBackend } from './jobs/probe-backend';
import { dataPaths, ensureDataDirs, packageRoot, shippedModelsDir, workerEntry as defaultWorkerEntry, type DataPaths } from './paths';
import { createAssetsService } from './services/assets-service';
import { createBenchmarksService } from './services/benchmarks-service';
import type { CallContext } from './services/call-context';
import { createDocumentsService, songKind } from './services/documents-service';
import { createScriptsService, scriptReader } from './services/scripts-service';
import { createDocumentStore } from './documents/document-store';
import { createGenerationService } from './services/generation-service';
import { createEvaluationService } from './services/evaluation-service';
import { EventLog } from './services/event-log';
import { createHistoryService } from './services/history-service';
import { createRecommendService, databaseItemNames } from './services/recommend-service';
import { createInsightsService } from './services/insights-service';
import { createRatingsEvaluation } from './services/ratings-evaluation';
import { recordDocumentChange } from './services/edit-events';
import { createSceneGenerationService } from './services/scene-generation-service';
import { parseMidiOffThread, warmMidiThread } from './documents/parse-midi-off-thread';
import { createEventBus, type EventBus } from './services/event-bus';
import { createJobsService } from './services/jobs-service';
import { createModelsService, type HostModelsService, type ShippedScan } from './services/models-service';
import { createProjectsService } from './services/projects-service';
import { createSystemService } from './services/system-service';
import { createSpeechService } from './services/speech-service';
import { createImagesService, type HostImagesService } from './services/images-service';
import { createTrainingService, type TrainingService } from './services/training-service';
import { SessionManager } from './sessions';
import { findIllFormedText } from './well-formed-args';

export interface HostOptions {
  dataDir: string;
  shell: SystemInfo['shell'];
  /** better_sqlite3.node built for Electron's ABI. */
  nativeBinding?: string;
  workerEntry?: string;
  maxConcurrentJobs?: number;
  /** Run a probe worker at start to learn the ML backend (default true). */
  probe?: boolean;
  /**
   * Take the data folder's lock first (default true; instance-lock.ts): a second host on the same
   * folder would fail this one's running jobs at start-up and race it on SQLite. Throws
   * InstanceLockedError, naming the running host, when it is held.
   */
  lock?: boolean;
  /** How long reading one MIDI file may take before the import is refused (default 20 s). */
  midiParseTimeoutMs?: number;
  /** How long an upload may sit idle before it is cancelled (default 10 min; tests shorten it). */
  uploadIdleMs?: number;
  /**
   * The models shipped with the app, registered at start-up (default <package>/models/shipped;
   * null: none). A missing folder registers nothing; a damaged model is logged and skipped.
   */
  shippedModelsDir?: string | null;
  /** The model-session program (default dist/workers/model-session.js). */
  sessionWorkerEntry?: string;
  /** Unload a model session after this long without requests (default the manager's 120 s; tests shorten it). */
  sessionIdleMs?: number;
}

export interface Host {
  api: StudioApi;
  bus: EventBus;
  jobs: JobManager;
  paths: DataPaths;
  db: Db;
  /** The model registry, with the host-only register (training jobs) and folder lookups. */
  models: HostModelsService;
  /** Settles when the start-up scan of shipped models is done (it never rejects). */
  shippedModels: Promise<ShippedScan>;
  /** Training ("train on my music"): the API's `training` service plus the CLI's host-internal trainMusic. */
  training: TrainingService;
  /** Long-lived model sessions (src/main/sessions). None starts with the host; close() kills them all. */
  sessions: SessionManager;
  /** Image assets as images: tagging after import, find similar, categories (the API's `images`, and idle() for tests). */
  images: HostImagesService;
  /** The data folder's lock (undefined with `lock: false`); serve mode records its address in it. */
  lock: InstanceLock | undefined;
  /**
   * Validates and runs one API call. Always rejects with a StudioError. `context` names the calling
   * client (a WebSocket connection, an Electron webContents): documents.open subscribes it.
   */
  dispatch(service: string, method: string, args: unknown, context?: CallContext): Promise<unknown>;
  /**
   * The file of a project's asset by content hash (for serve mode's GET /assets/… and Electron's
   * montage-asset:// scheme), or null when no live asset of that project has it.
   */
  assetFile(projectId: string, hash: string): Promise<{ path: string; mime: string; size: number } | null>;
  /** Cancels uploads idle past the limit now (the host also does this every minute). */
  sweepUploads(): Promise<number>;
  /** A transport lost a client (closed WebSocket, destroyed webContents): drop its subscriptions. */
  clientGone(clientId: string): void;
  close(): void;
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function createHost(options: HostOptions): Host {
  const paths = dataPaths(options.dataDir);
  ensureDataDirs(paths);
  // Before the database: the job manager's start-up clean-up must never see another host's jobs.
  const lock = options.lock === false ? undefined : acquireInstanceLock(paths.root, { shell: options.shell });
  let db: Db;
  try {
    db = openDatabase(paths.database, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    lock?.release();
    throw err;
  }
  try {
    return assembleHost(options, paths, db, lock);
  } catch (err) {
    // Start-up writes (backups, job recovery, trash purge) can meet a locked or full database:
    // leave nothing open behind a clear message.
    db.close();
    lock?.release();
    throw asStorageError(err, paths.database) ?? err;
  }
}

function assembleHost(options: HostOptions, paths: DataPaths, db: Db, lock: InstanceLock | undefined): Host {
  const bus = createEventBus();
  const history = new EventLog(createEventsRepo(db));
  const entry = options.workerEntry ?? defaultWorkerEntry('ml-worker');
  const jobs = new JobManager({ repo: createJobsRepo(db), bus, workerEntry: entry, maxConcurrent: options.maxConcurrentJobs ?? 1 });
  const system = createSystemService({ appVersion: appVersion(), shell: options.shell, dataDir: paths.root, bus });
  const midiEntry = defaultWorkerEntry('midi-parse-thread');
  const documentsRepo = createDocumentsRepo(db);
  const modelsRepo = createModelsRepo(db);
  const projectsRepo = createProjectsRepo(db);
  const assetsRepo = createAssetsRepo(db);
  const store = createDocumentStore({ repo: documentsRepo, bus, onChanged: (info, ops, _reason, content) => recordDocumentChange(history, info, ops, content) });
  const documents = createDocumentsService({
    repo: documentsRepo,
    history,
    bus,
    store,
    parseMidi: (bytes) => parseMidiOffThread(bytes, { entry: midiEntry, ...(options.midiParseTimeoutMs ? { timeoutMs: options.midiParseTimeoutMs } : {}) }),
    warmMidi: () => warmMidiThread(midiEntry),
  });
  const assets = createAssetsService({
    repo: assetsRepo,
    history,
    bus,
    dataRoot: paths.root,
    ...(options.uploadIdleMs !== undefined ? { idleMs: options.uploadIdleMs } : {}),
  });
  const models = createModelsService({ repo: modelsRepo, bus, modelsRoot: paths.models });
  // Nothing starts a session process until a model is first opened; close() kills them all.
  const sessions = new SessionManager({
    workerEntry: options.sessionWorkerEntry ?? defaultWorkerEntry('model-session'),
    dataDir: paths.root,
    ...(options.sessionIdleMs ? { idleMs: options.sessionIdleMs } : {}),
  });
  const generation = createGenerationService({ models, sessions, bus });
  const evaluation = createEvaluationService({ models, sessions, generation });
  const readScript = scriptReader(store);
  const training = createTrainingService({ jobs, models, bus, documents, tiny: process.env.MONTAGE_TRAIN_TINY === '1', readScript });
  const historyService = createHistoryService(history);
  // Interaction files evaluated in the studio: chunked uploads, then a job.
  const ratings = createRatingsEvaluation({ jobs, bus, dataRoot: paths.root });
  // The scene writer's drafter: scene models in model sessions, like generation.
  const scenes = createSceneGenerationService({ models, sessions, bus, history, readScript });
  // Speech: the chosen engine is a setting; transcripts are host jobs (speech-service.ts says why).
  const speech = createSpeechService({
    dataRoot: paths.root,
    settings: createEventsRepo(db),
    assets: assetsRepo,
    assetFile: (projectId, hash) => assets.file(projectId, hash),
    transcripts: createTranscriptsRepo(db),
    jobs,
  });
  // Images: tagged in the image-tagger model session after import, one at a time (images-service.ts).
  const images = createImagesService({
    repo: createImagesRepo(db),
    classifiers: createImageClassifiersRepo(db),
    assets: assetsRepo,
    assetFile: (projectId, hash) => assets.file(projectId, hash),
    projectName: (id) => projectsRepo.get(id)?.name ?? null,
    sessions,
    jobs,
    bus,
    history,
    dataRoot: paths.root,
  });
  // For you: fitted in its own thread, ended with the host (close()).
  const recommend = createRecommendService({
    log: history,
    names: databaseItemNames({
      document: (id) => documentsRepo.get(id),
      model: (id) => modelsRepo.get(id),
      project: (id) => projectsRepo.get(id),
      asset: (id) => assetsRepo.get(id),
    }),
    explainImage: (item) => images.explainImage(item),
    itemFeatures: (projectId) => images.itemFeatures(projectId),
  });
  const api: StudioApi = {
    projects: createProjectsService(projectsRepo, history, bus),
    documents,
    scripts: createScriptsService({ store, history, scenes }),
    assets,
    models,
    generation,
    evaluation,
    history: historyService,
    insights: createInsightsService({
      log: history,
      newest: (kind, limit) => documentsRepo.newest(kind, limit),
      readSong: (id) => store.read(id as never, songKind, (doc) => doc.content),
      readScript: async (id) => (await readScript(id)).fountain,
      models: async () => modelsRepo.list(),
    }),
    recommend: {
      ...recommend,
      ...ratings,
    },
    jobs: createJobsService(jobs),
    benchmarks: createBenchmarksService(jobs, createBenchmarkRunsRepo(db), history, bus),
    system,
    training,
    speech,
    images,
  };
  // After the projects service purged the old trash at its creation, so its folders go now too.
  assets.tidyFolders();
  models.tidyFolders();
  // Timers start last, once nothing above can throw: a start that fails leaves none running.
  // Rolling backups (db/backups.ts): one now if the newest is over a day old, then daily.
  const backups = startBackups(db, paths.database);
  // Idle uploads are cancelled within a minute of their limit.
  const sweeper = setInterval(() => {
    void assets.sweepIdle();
    void ratings.sweepIdle();
  }, 60_000);
  sweeper.unref();
  // Images left untagged by the last run are queued now, once nothing above can throw (not by a
  // CLI command's own host, which closes within seconds).
  images.start({ resume: options.shell !== 'cli' });
  // The shipped models are copied in the background (the first start copies their weights); the
  // registry lists them once done. discoverShipped logs a damaged one and never rejects.
  const shippedModels = models.discoverShipped(options.shippedModelsDir === undefined ? shippedModelsDir() : options.shippedModelsDir);

  if (options.probe !== false) {
    probeBackend(entry)
      .then((report) => {
        if (!system.backend()) bus.emit('onBackendChanged', report);
      })
      .catch((err: unknown) => console.error(`montage: could not probe the ML backend: ${StudioError.from(err).message}`));
  }

  let closed = false;
  return {
    api,
    bus,
    jobs,
    paths,
    db,
    lock,
    models,
    training,
    shippedModels,
    sessions,
    images,
    async dispatch(service, method, args, context) {
      if (closed) throw new StudioError('unavailable', 'Montage is shutting down.');
      if (!allowedMethods.has(`${service}.${method}`)) {
        throw new StudioError('invalid-argument', `Unknown API method ${service}.${method}.`);
      }
      // One check for every method and both transports: text must be valid Unicode to be stored.
      const illFormed = findIllFormedText(args);
      if (illFormed !== null) {
        const message = 'Text must be valid Unicode (it holds a lone surrogate).';
        throw new StudioError('invalid-argument', `Invalid ${service}.${method} argument ${illFormed}: ${message}`, [{ path: illFormed, message }]);
      }
      const schema = (studioContract as Record<string, Record<string, ZodType>>)[service]?.[method];
      const parsed = schema?.safeParse(args ?? {});
      if (!schema || !parsed?.success) {
        const issues = parsed?.error?.issues.map((i) => ({ path: i.path.join('.') || '(arguments)', message: i.message })) ?? [];
        const first = issues[0];
        throw new StudioError('invalid-argument', first ? `Invalid ${service}.${method} argument ${first.path}: ${first.message}` : 'Invalid arguments.', issues);
      }
      const fn = (api as unknown as Record<string, Record<string, (a: unknown, c?: CallContext) => Promise<unknown>>>)[service]?.[method];
      try {
        return await fn!.call(api[service as keyof StudioApi], parsed.data, context);
      } catch (err) {
        // A locked, full or read-only database is the user's to fix: say so, not "Unexpected error".
        const e = asStorageError(err, paths.database) ?? StudioError.from(err);
        if (e.code === 'internal') console.error(`montage: ${service}.${method} failed:`, err);
        throw e;
      }
    },
    // An asset's file, else an image's thumbnail (served the same way, by content hash).
    assetFile: async (projectId, hash) => (await assets.file(projectId, hash)) ?? images.thumbnailFile(projectId, hash),
    sweepUploads: async () => (await assets.sweepIdle()) + (await ratings.sweepIdle()),
    clientGone(clientId) {
      documents.dropClient(clientId);
      assets.dropClient(clientId);
      ratings.dropClient(clientId);
      speech.dropClient(clientId);
    },
    close() {
      if (closed) return;
      closed = true;
      backups.stop();
      clearInterval(sweeper);
      void assets.close();
      void ratings.close();
      models.close();
      generation.close();
      scenes.close();
      speech.close();
      images.close();
      sessions.close();
      recommend.close();
      jobs.close();
      history.close();
      db.close();
      lock?.release();
    },
  };
}
