// `montage eval scenes [--model NAME|ID] [--n 32] [--seed S] [--temperature T] [--json]`: held-out
// figures of a scene model (the scene writer's next-scene and draft models), through the running
// host's API or a host of its own (scripts.evaluateScenes, src/main/services/scene-generation-service.ts):
// the perplexity of both language models on the held-out scenes the model folder keeps, the
// valid-heading rate of next-scene proposals (first draw, and after drawing again and repairing),
// the character consistency of drafts (cues unconstrained: the share naming the scene's own
// characters) and distinct-1/2 of the drafts. Without --model every shipped scene model is
// evaluated. Exit codes: 0 ok, 1 failed, 2 bad usage.
import { StudioError, type ModelInfo, type SceneModelEvaluation } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { pickModel } from './models-command';
import { alignedTable, numberFlag, UsageError } from './cli-flags';

export interface EvalScenesFlags {
  model?: string;
  n?: string;
  seed?: string;
  temperature?: string;
  json?: boolean;
  dataDir?: string;
}

export const evalScenesUsage = 'usage: montage eval scenes [--model NAME|ID] [--n 32] [--seed S] [--temperature T] [--json]';

const fixed = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const percent = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`);

export function sceneEvaluationReport(e: SceneModelEvaluation): string {
  const m = e.metrics;
  const rows = [
    ['FIGURE', 'VALUE', 'DETAIL'],
    ['draft model: held-out perplexity', fixed(m.draftPerplexity, 2), `next-token accuracy ${percent(m.draftAccuracy)}`],
    ['next-scene model: held-out perplexity', fixed(m.outlinePerplexity, 2), `next-token accuracy ${percent(m.outlineAccuracy)}`],
    ['valid heading, first draw', percent(m.validHeadingRate), `${m.proposals ?? 0} proposals`],
    ['valid heading, as answered (drawn again / repaired)', percent(m.validHeadingRateFinal), ''],
    ['character consistency of drafts (cues unconstrained)', percent(m.characterConsistency), `${m.cues ?? 0} cues in ${m.drafts ?? 0} drafts`],
    ['distinct-1 / distinct-2 of drafts', `${fixed(m.distinct1)} / ${fixed(m.distinct2)}`, `${fixed(m.meanWords, 1)} words per draft`],
  ];
  return [`“${e.model.name}” (scenes): seed ${e.seed}, temperature ${e.temperature}, ${e.count} proposals and drafts from held-out scenes`, '', alignedTable(rows), '', `${e.ms} ms.`].join('\n');
}

export async function evalScenesCommand(extra: readonly string[], flags: EvalScenesFlags): Promise<number> {
  let args: { count?: number; seed?: number; temperature?: number };
  try {
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; ${evalScenesUsage}`);
    const count = numberFlag('n', flags.n, 1, 512, true);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 32 - 1, true);
    const temperature = numberFlag('temperature', flags.temperature, 0, 2, false);
    args = { ...(count === undefined ? {} : { count }), ...(seed === undefined ? {} : { seed }), ...(temperature === undefined ? {} : { temperature }) };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  let session: StudioSession | undefined;
  const results: SceneModelEvaluation[] = [];
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'evaluate the model');
    let targets: ModelInfo[];
    if (flags.model !== undefined) {
      const picked = await pickModel(session, flags.model, 'use');
      if (typeof picked === 'number') return picked;
      if (picked.kind !== 'scenes') return fail(1, `“${picked.name}” is a ${picked.kind} model; \`montage eval scenes\` evaluates scene models (use \`montage eval music\` for it).`);
      targets = [picked];
    } else {
      targets = ((await session.call('models', 'list', { kind: 'scenes' })) as ModelInfo[]).filter((m) => m.origin === 'shipped').sort((a, b) => a.name.localeCompare(b.name));
      if (targets.length === 0) return fail(1, 'There is no shipped scene model to evaluate; name one with --model (see `montage models`).');
    }
    for (const model of targets) {
      const result = (await session.call('scripts', 'evaluateScenes', { model: model.id, ...args })) as SceneModelEvaluation;
      results.push(result);
      if (!flags.json) console.log(`${results.length > 1 ? '\n' : ''}${sceneEvaluationReport(result)}`);
    }
  } catch (err) {
    return failEvaluation(err);
  } finally {
    session?.close();
  }
  if (flags.json) console.log(JSON.stringify(flags.model !== undefined ? results[0] : { evaluations: results }));
  return 0;
}

/** Says why an evaluation stopped: a request the API refused as malformed is bad usage (exit 2); anything else (no held-out sample, a model that cannot load) failed (exit 1). */
export function failEvaluation(err: unknown): number {
  if (err instanceof CliRefusal) return fail(1, err.message);
  const e = StudioError.from(err);
  return fail(e.code === 'invalid-argument' && e.message.startsWith('Invalid ') ? 2 : 1, e.message);
}
