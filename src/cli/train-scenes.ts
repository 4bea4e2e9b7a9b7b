// `montage train scenes --data DIR|FILE… [--steps N] [--name NAME] [--seed N] [--json]`: "train on
// my scripts". PATH may be .fountain/.fdx files or folders (read recursively). The host reads them
// (readScriptBytes; an unreadable file is skipped with its reason), runs a 'train-scenes' job
// (src/main/services/scene-training.ts) and registers the scene model (origin 'trained'). Like
// `montage train music` it runs a host of its own and refuses while Montage runs for the data
// folder; on a terminal it shows progress on stderr and Ctrl-C cancels. --json prints {modelId,
// name, scripts, scenes, steps, outlineSteps, perplexity, outlinePerplexity, lossFirst, lossLast,
// seconds}. Exit codes: 0 ok, 1 failed, 2 bad usage. MONTAGE_TRAIN_TINY=1 (tests) trains a tiny model.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { StudioError } from '../shared/api';
import { createHost, type Host } from '../main/host';
import { describeHolder, InstanceLockedError } from '../main/instance-lock';
import { defaultDataDir } from '../main/paths';
import { tinySceneModel, type TrainScenesRequest } from '../main/services/scene-training';
import { fail } from './host-session';
import { numberFlag, UsageError } from './cli-flags';
import type { TrainFlags } from './train-command';

export const trainScenesUsage = 'usage: montage train scenes --data DIR|FILE… [--steps N] [--name NAME] [--seed N] [--json]';
const maxScriptFiles = 20_000;
const isScriptName = (name: string): boolean => /\.(fountain|spmd|fdx)$/i.test(name);

/** The script files under the given paths (files as given, folders recursively). */
export function collectScriptFiles(paths: readonly string[]): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  const walk = (root: string, dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(root, path);
      else if (entry.isFile() && isScriptName(entry.name)) out.push({ name: relative(root, path), path });
      if (out.length > maxScriptFiles) throw new Error(`More than ${maxScriptFiles} script files were found; train on fewer at a time.`);
    }
  };
  for (const raw of paths) {
    const path = resolve(raw);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new Error(`${raw} does not exist.`);
    }
    if (stat.isDirectory()) walk(path, path);
    else out.push({ name: raw.replace(/^.*[\\/]/, ''), path });
  }
  return out;
}

export async function trainScenesCommand(paths: readonly string[], flags: TrainFlags): Promise<number> {
  let request: Omit<TrainScenesRequest, 'scripts'>;
  try {
    if (paths.length === 0) throw new UsageError(`--data DIR|FILE is required (your .fountain or .fdx scripts, or folders of them); ${trainScenesUsage}`);
    if (flags.config !== undefined) throw new UsageError(`--config is for music models; ${trainScenesUsage}`);
    if (flags.name !== undefined && flags.name.trim() === '') throw new UsageError('--name must not be empty');
    const steps = numberFlag('steps', flags.steps, 1, 1_000_000, true);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 31 - 1, true);
    const tiny = process.env.MONTAGE_TRAIN_TINY === '1';
    request = {
      ...(steps === undefined ? {} : { steps, evalEvery: Math.max(1, Math.min(100, Math.floor(steps / 4) || 1)) }),
      ...(seed === undefined ? {} : { seed }),
      ...(flags.name === undefined ? {} : { name: flags.name.trim() }),
      ...(tiny ? { model: tinySceneModel, batchSize: 4, ...(steps === undefined ? { steps: 12, evalEvery: 4 } : {}) } : {}),
    };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  let scripts: TrainScenesRequest['scripts'];
  try {
    scripts = collectScriptFiles(paths).map((f) => ({ name: f.name, bytes: readFileSync(f.path) }));
  } catch (err) {
    return fail(1, err instanceof Error ? err.message : String(err));
  }
  if (scripts.length === 0) return fail(1, `No script files (.fountain, .fdx) were found in ${paths.join(', ')}.`);

  const started = performance.now();
  const showProgress = !flags.json && process.stderr.isTTY === true;
  let host: Host;
  try {
    host = createHost({ dataDir: flags.dataDir ?? defaultDataDir(), shell: 'cli', probe: false });
  } catch (err) {
    if (err instanceof InstanceLockedError) return fail(1, `${describeHolder(err.holder, err.lockFile)} Training from the command line needs it closed; or train from the app.`);
    return fail(1, StudioError.from(err).message);
  }
  let onSigint: (() => void) | undefined;
  try {
    await host.shippedModels;
    const start = await host.training.trainScenes({ ...request, scripts });
    const { job, corpus } = start;
    if (!flags.json) console.log(`Training a scene model: ${corpus.summary}.`);
    onSigint = () => {
      if (showProgress) console.error('Cancelling…');
      host.jobs.cancel(job.id);
    };
    process.on('SIGINT', onSigint);
    let lastLine = 0;
    const off = showProgress
      ? host.bus.on('onJobChanged', (j) => {
          if (j.id === job.id && j.status === 'running' && j.progressText && Date.now() - lastLine >= 2000) {
            lastLine = Date.now();
            console.error(j.progressText);
          }
        })
      : () => undefined;
    let trained;
    try {
      trained = await start.done;
    } finally {
      off();
    }
    const { model, result } = trained;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const summary = {
      modelId: model.id,
      name: model.name,
      scripts: result.scripts,
      scenes: result.scenes,
      steps: result.draft.steps,
      outlineSteps: result.outline.steps,
      perplexity: result.draft.heldOutPerplexity,
      outlinePerplexity: result.outline.heldOutPerplexity,
      lossFirst: result.draft.lossFirst,
      lossLast: result.draft.lossLast,
      seconds,
    };
    if (flags.json) console.log(JSON.stringify(summary));
    else {
      console.log(
        `Trained “${model.name}” (${model.id}) on ${result.scenes} scenes in ${seconds} s: held-out perplexity ${result.draft.heldOutPerplexity.toFixed(1)} (drafts), ` +
          `${result.outline.heldOutPerplexity.toFixed(1)} (next scene).`,
      );
      for (const u of corpus.unreadable) console.log(`  skipped ${u.name}: ${u.reason}`);
      console.log('Evaluate it with `montage eval scenes --model ID`.');
    }
    return 0;
  } catch (err) {
    return fail(1, StudioError.from(err).message);
  } finally {
    if (onSigint) process.off('SIGINT', onSigint);
    host.close();
  }
}
