// The job kinds a worker runs, one entry per kind of the shared list (shared/jobs/task-kinds.ts):
// how to check its config (zod, since it arrived over IPC) and how to run it to its typed result.
// ml-worker.ts looks kinds up here; a new kind (training, evaluation, render) is a new entry, and
// the compiler refuses a registry that misses a kind of the shared list.
import type { MlBackendName } from '../../shared/api/benchmarks';
import { StudioError } from '../../shared/api/errors';
import {
  workerTaskConfigs,
  type WorkerResultOf,
  type WorkerTaskConfig,
  type WorkerTaskKind,
} from '../../shared/jobs/protocol';
import { runBenchmark } from './benchmark-task';
import { runTrainMusic } from './train-music-task';
import { runTrainScenes } from './train-scenes-task';
import { runEvaluateRecommenders } from './evaluate-recommenders-task';
import type { TaskContext } from './task-context';

/** What the worker process knows that a task may need. */
export interface TaskEnv {
  /** The ML backend the task runs on, as its result reports it. */
  backendName: string;
}

export interface TaskDefinition<K extends WorkerTaskKind> {
  kind: K;
  /** Validates a config from the host (throws StudioError 'invalid-argument'). */
  parse(config: unknown): WorkerTaskConfig<K>;
  /** The backend the config asks for, when it forces one. */
  forcedBackend?(config: WorkerTaskConfig<K>): MlBackendName | undefined;
  run(config: WorkerTaskConfig<K>, context: TaskContext, env: TaskEnv): Promise<WorkerResultOf<K>>;
}

/** Parses with the kind's shared schema; a refusal is a sentence naming the first field at fault, plus every issue. */
function parseWith<K extends WorkerTaskKind>(kind: K) {
  return (config: unknown): WorkerTaskConfig<K> => {
    const parsed = workerTaskConfigs[kind].safeParse(config);
    if (parsed.success) return parsed.data as WorkerTaskConfig<K>;
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    const where = first?.path ? ` (${first.path})` : '';
    throw new StudioError('invalid-argument', `The ${kind} job's settings are not valid${where}: ${first?.message ?? 'unknown problem'}.`, issues);
  };
}

export const taskRegistry: { readonly [K in WorkerTaskKind]: TaskDefinition<K> } = {
  benchmark: {
    kind: 'benchmark',
    parse: parseWith('benchmark'),
    forcedBackend: (config) => config.backend,
    run: (config, context, env) => runBenchmark(config, context, { backendName: env.backendName }),
  },
  'train-music': {
    kind: 'train-music',
    parse: parseWith('train-music'),
    forcedBackend: (config) => config.backend,
    run: (config, context) => runTrainMusic(config, context),
  },
  'train-scenes': {
    kind: 'train-scenes',
    parse: parseWith('train-scenes'),
    forcedBackend: (config) => config.backend,
    run: (config, context) => runTrainScenes(config, context),
  },
  'evaluate-recommenders': {
    kind: 'evaluate-recommenders',
    parse: parseWith('evaluate-recommenders'),
    run: (config, context) => runEvaluateRecommenders(config, context),
  },
};

/** The definition of a kind, or undefined for a name no worker runs. */
export function findTask(kind: string): TaskDefinition<WorkerTaskKind> | undefined {
  return Object.hasOwn(taskRegistry, kind) ? (taskRegistry[kind as WorkerTaskKind] as TaskDefinition<WorkerTaskKind>) : undefined;
}
