// `montage train music --data PATH… --config melody-2bar|melody-4bar|drums-2bar [--steps N]
// [--name NAME] [--seed N] [--json]`: "train on my music". PATH may be MIDI files or folders (read
// for *.mid and *.midi, recursively); more paths may follow as plain arguments. The host extracts
// the configuration's examples (src/main/services/training-service.ts), runs a 'train-music' job and
// registers the model (origin 'trained') in the data folder's registry.
//
// It reads files from disk (the API's `training` service takes uploads up to 6 MB), so this runs a host of its own; with Montage
// running for the data folder it refuses and says so. On a terminal (not with --json) it shows the
// job's progress on stderr; Ctrl-C cancels the job. On success it prints a summary or, with --json,
// one object {modelId, name, config, examples (all found), heldOut (of those, held out), skipped:
// [{reason, count}], lossFirst, lossLast, accuracyHeldOut, steps, seconds}.
// Exit codes: 0 ok, 1 failed (too few examples, training failed or was cancelled, Montage running), 2 bad usage.
//
// Test-only: MONTAGE_TRAIN_TINY=1 trains a tiny model (16 units, latent 8, batches of 8) so the
// integration test runs in seconds; it is not for real models.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { StudioError } from '../shared/api';
import { musicModelConfigNames, type MusicModelConfigName, type MusicModelOverrides } from '../shared/jobs/task-kinds';
import { createHost, type Host } from '../main/host';
import { describeHolder, InstanceLockedError } from '../main/instance-lock';
import { defaultDataDir } from '../main/paths';
import { maxTrainingFiles, type TrainMusicRequest } from '../main/services/training-service';
import { fail } from './host-session';
import { numberFlag, UsageError } from './cli-flags';
import { trainScenesCommand } from './train-scenes';

export interface TrainFlags {
  data: string[];
  config?: string;
  steps?: string;
  name?: string;
  seed?: string;
  json?: boolean;
  dataDir?: string;
}

export const trainUsage = `usage: montage train music --data DIR|FILE… --config ${musicModelConfigNames.join('|')} [--steps N] [--name NAME] [--seed N] [--json]`;

class Refusal extends Error {}

const isMidiName = (name: string): boolean => /\.midi?$/i.test(name);

/** The MIDI files under the given paths (files as given, folders recursively), named relative to their folder. */
export function collectMidiFiles(paths: readonly string[]): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  const seen = new Set<string>();
  const add = (name: string, path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    if (out.length >= maxTrainingFiles) throw new Refusal(`More than ${maxTrainingFiles} MIDI files were found; train on fewer at a time.`);
    out.push({ name, path });
  };
  const walk = (root: string, dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(root, path);
      else if (entry.isFile() && isMidiName(entry.name)) add(relative(root, path), path);
    }
  };
  for (const raw of paths) {
    const path = resolve(raw);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new Refusal(`${raw} does not exist.`);
    }
    if (stat.isDirectory()) walk(path, path);
    else add(raw.replace(/^.*[\\/]/, ''), path);
  }
  return out;
}

const tinyModel: MusicModelOverrides = { encoderUnits: 16, decoderUnits: 16, conductorUnits: 16, latentSize: 8 };

export async function trainCommand(sub: string | undefined, extraPaths: readonly string[], flags: TrainFlags): Promise<number> {
  let request: Omit<TrainMusicRequest, 'midiFiles'>;
  const paths = [...flags.data, ...extraPaths];
  // `montage train scenes`: a scene model on screenplays (train-scenes.ts).
  if (sub === 'scenes') return trainScenesCommand(paths, flags);
  try {
    if (sub !== 'music') throw new UsageError(sub === undefined ? `say what to train; ${trainUsage}` : `unknown train target "${sub}"; ${trainUsage}`);
    if (paths.length === 0) throw new UsageError(`--data DIR|FILE is required (your MIDI files, or folders of them); ${trainUsage}`);
    if (!flags.config) throw new UsageError(`--config is required; ${trainUsage}`);
    if (!(musicModelConfigNames as readonly string[]).includes(flags.config)) throw new UsageError(`--config must be one of ${musicModelConfigNames.join(', ')}, not "${flags.config}"`);
    if (flags.name !== undefined && flags.name.trim() === '') throw new UsageError('--name must not be empty');
    const steps = numberFlag('steps', flags.steps, 1, 1_000_000, true);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 31 - 1, true);
    const tiny = process.env.MONTAGE_TRAIN_TINY === '1';
    request = {
      configName: flags.config as MusicModelConfigName,
      ...(steps === undefined ? {} : { steps, evalEvery: Math.min(50, steps) }),
      ...(seed === undefined ? {} : { seed }),
      ...(flags.name === undefined ? {} : { name: flags.name.trim() }),
      ...(tiny ? { model: tinyModel, batchSize: 8 } : {}),
    };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }

  let files: TrainMusicRequest['midiFiles'];
  try {
    files = collectMidiFiles(paths).map((f) => ({ name: f.name, bytes: readFileSync(f.path) }));
  } catch (err) {
    if (err instanceof Refusal) return fail(1, err.message);
    return fail(1, `Could not read the MIDI files: ${err instanceof Error ? err.message : String(err)}`);
  }

  const started = performance.now();
  const showProgress = !flags.json && process.stderr.isTTY === true;
  let host: Host;
  try {
    host = createHost({ dataDir: flags.dataDir ?? defaultDataDir(), shell: 'cli', probe: false });
  } catch (err) {
    if (err instanceof InstanceLockedError) {
      return fail(1, `${describeHolder(err.holder, err.lockFile)} Training from the command line needs it closed; or train from the app.`);
    }
    return fail(1, StudioError.from(err).message);
  }
  let onSigint: (() => void) | undefined;
  try {
    await host.shippedModels;
    const start = await host.training.trainMusic({ ...request, midiFiles: files });
    const { job, corpus } = start;
    if (!flags.json) console.log(`Training ${request.configName}: ${corpus.summary} (${files.length} ${files.length === 1 ? 'file' : 'files'} read).`);
    onSigint = () => {
      if (showProgress) console.error('Cancelling…');
      host.jobs.cancel(job.id);
    };
    process.on('SIGINT', onSigint);
    const offs: (() => void)[] = [];
    if (showProgress) {
      let lastLine = 0;
      let messages = 0;
      offs.push(
        host.bus.on('onJobChanged', (j) => {
          if (j.id !== job.id) return;
          for (const m of j.messages.slice(messages)) console.error(m.text);
          messages = j.messages.length;
          const now = Date.now();
          if (j.status === 'running' && j.progressText && now - lastLine >= 2000) {
            lastLine = now;
            console.error(j.progressText);
          }
        }),
      );
    }
    let trained;
    try {
      trained = await start.done;
    } finally {
      for (const off of offs) off();
    }
    const { model, result } = trained;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const summary = {
      modelId: model.id,
      name: model.name,
      config: request.configName,
      examples: corpus.examples,
      heldOut: result.heldOut,
      skipped: corpus.skipped.map((s) => ({ reason: s.reason, count: s.count })),
      lossFirst: result.lossFirst,
      lossLast: result.lossLast,
      accuracyHeldOut: result.accuracyHeldOut,
      steps: result.steps,
      seconds,
    };
    if (flags.json) console.log(JSON.stringify(summary));
    else {
      console.log(
        `Trained “${model.name}” (${model.id}): ${result.steps} steps${result.stoppedEarly ? ' (stopped early)' : ''} in ${seconds} s, ` +
          `loss ${result.lossFirst.toFixed(2)} → ${result.lossLast.toFixed(2)}, held-out accuracy ${(100 * result.accuracyHeldOut).toFixed(1)}% ` +
          `on ${result.heldOut} of ${corpus.examples} examples.`,
      );
      for (const u of corpus.unreadable) console.log(`  skipped ${u.name}: ${u.reason}`);
      console.log('See it with `montage models`; use it with `montage generate --model ID`.');
    }
    return 0;
  } catch (err) {
    const e = StudioError.from(err);
    return fail(1, e.message);
  } finally {
    if (onSigint) process.off('SIGINT', onSigint);
    host.close();
  }
}
