// `montage eval music [--model NAME|ID] [--n N] [--seed S] [--temperature T] [--data DIR|FILE…]
// [--json]`: MGEval/MusPy/MuseGAN-style figures of a music model's generated set against held-out
// real examples (the API's evaluation.music, src/main/services/evaluation-service.ts), through the
// running host's API or a host of its own (host-session.ts).
//
// The held-out set is the sample the model folder keeps (heldout.bin, from the seeded split the
// model was not trained on; the shipped models carry one), or with --data the examples extracted
// from those MIDI files by the training pipeline (the same windows `montage train music` takes).
// Without --model every shipped model is evaluated.
//
// Prints one aligned table per model (figure | generated | held-out | overlap | KL), then the
// reconstruction and attribute rows; with --json one object: the evaluation of --model, or
// {"evaluations": [...]} for the shipped models. Exit codes: 0 ok, 1 failed (no such model, a
// model that cannot load, unreadable MIDI files), 2 bad usage.
import { readFileSync } from 'node:fs';
import { maxEvaluationExamples, maxReferenceExamples, type ModelInfo, type MusicEvaluation } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { buildTrainingCorpus, trainingShapes } from '../main/services/training-service';
import type { MusicModelConfigName } from '../shared/jobs/task-kinds';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { pickModel } from './models-command';
import { alignedTable, numberFlag, UsageError } from './cli-flags';
import { collectMidiFiles } from './train-command';
import { evalScenesCommand, failEvaluation } from './eval-scenes';
import { evalRecommendCommand } from './eval-recommend';
import { evalImagesCommand } from './eval-images';
import { evalSpeechCommand } from './eval-speech';

export interface EvalFlags {
  model?: string;
  format?: string;
  user?: string;
  item?: string;
  time?: string;
  models?: string;
  /** `eval speech`: the speech engine. */
  engine?: string;
  n?: string;
  seed?: string;
  temperature?: string;
  data?: string[];
  json?: boolean;
  dataDir?: string;
}

export const evalUsage = 'usage: montage eval music [--model NAME|ID] [--n 128] [--seed S] [--temperature T] [--data DIR|FILE…] [--json] | montage eval scenes [--model NAME|ID] [--n 32] [--seed S] [--temperature T] [--json] | montage eval recommend [--data FILE] [--format movielens-csv|udata|csv --user COL --item COL --time COL] [--models NAME,…] [--seed N] [--json] | montage eval speech [--data DIR] [--engine pocketsphinx|whisper] [--json] | montage eval images [--data DIR] [--json]';

const fixed = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const percent = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`);

/** The evaluation as the printed report: one table of figures, then reconstruction and attribute rows. */
export function evaluationReport(e: MusicEvaluation): string {
  const noun = e.kind === 'drums' ? 'drum patterns' : 'melodies';
  const head =
    `“${e.model.name}” (${e.kind}): ${e.generated.examples} generated ${noun} (seed ${e.seed}, temperature ${e.temperature}) ` +
    `against ${e.heldOut.description}${e.heldOut.source === 'model' ? ', kept with the model' : ''}`;
  const rows = [
    ['FIGURE', 'GENERATED', 'HELD-OUT', 'OVERLAP', 'KL'],
    ...e.figures.map((f) => [f.label, fixed(f.generated), fixed(f.heldOut), fixed(f.overlap), fixed(f.kl)]),
    ...e.histograms.map((h) => [h.label, `${h.generated.length} bins`, `${h.heldOut.length} bins`, fixed(h.overlap), fixed(h.kl)]),
  ];
  const r = e.reconstruction;
  const attributes = [
    ['CHECK', 'ASKED', 'REACHED', 'DETAIL'],
    [
      'reconstruction (held-out, temperature 0)',
      `${r.examples} sequences`,
      `token accuracy ${fixed(r.accuracy)}`,
      `${e.kind === 'drums' ? 'hit-step' : 'event'} accuracy ${fixed(r.eventAccuracy)}, exact ${percent(r.exact)}`,
    ],
    ...e.keys.map((k) => ['key', k.name, `in-scale ${fixed(k.inScaleRate)}`, `${percent(k.reached)} of ${k.variations} at ≥ ${e.keyTarget}`]),
    ...e.densities.map((d) => ['density', `${d.asked}/bar`, `${fixed(d.density, 2)}/bar`, `mean error ${fixed(d.error, 2)} over ${d.variations}`]),
  ];
  return [head, '', alignedTable(rows), '', alignedTable(attributes), '', `Overlap: 1 = same distribution; KL(held-out ‖ generated) in bits: 0 = same. ${e.ms} ms.`].join('\n');
}

/** The model's configuration name for extracting examples from MIDI files. */
function shapeOf(model: ModelInfo): MusicModelConfigName | undefined {
  return (Object.keys(trainingShapes) as MusicModelConfigName[]).find((n) => trainingShapes[n].kind === model.kind && trainingShapes[n].bars * 16 === model.steps);
}

/** Examples of the model's kind and length from the MIDI files, as training extracts them. */
function referenceFrom(model: ModelInfo, files: { name: string; bytes: Uint8Array }[]): { reference: number[][]; name: string } {
  const config = shapeOf(model);
  if (!config) throw new CliRefusal(`“${model.name}” reads ${model.steps}-step ${model.kind} examples, which MIDI files cannot be read as; evaluate it without --data.`);
  const { builder, corpus } = buildTrainingCorpus(config, files);
  if (builder.examples.length === 0) {
    const why = corpus.skipped.map((s) => `${s.count} × ${s.reason}`).join('; ');
    throw new CliRefusal(`No ${trainingShapes[config].bars}-bar ${model.kind === 'drums' ? 'drum patterns' : 'melodies'} could be extracted from the --data files${why ? `: ${why}` : ''}.`);
  }
  // An even spread over the files when there are more than one request may carry.
  const all = builder.examples;
  const step = Math.max(1, all.length / maxReferenceExamples);
  const picked: number[][] = [];
  for (let i = 0; Math.floor(i) < all.length && picked.length < maxReferenceExamples; i += step) picked.push(Array.from(all[Math.floor(i)]!));
  return { reference: picked, name: `${files.length} MIDI file${files.length === 1 ? '' : 's'}` };
}

export async function evalCommand(sub: string | undefined, extra: readonly string[], flags: EvalFlags): Promise<number> {
  // `montage eval recommend`: the recommenders (eval-recommend.ts); `eval scenes`: scene models (eval-scenes.ts).
  if (sub === 'recommend') return evalRecommendCommand(extra, flags);
  if (sub === 'images') return evalImagesCommand(extra, flags);
  if (sub === 'speech') return evalSpeechCommand(extra, flags);
  if (sub === 'scenes') {
    if ((flags.data ?? []).length > 0) return fail(2, '--data is for music models; `montage eval scenes` uses the held-out scenes kept with the model.');
    return evalScenesCommand(extra, flags);
  }
  let args: { count?: number; seed?: number; temperature?: number };
  try {
    if (sub !== 'music') throw new UsageError(sub === undefined ? `say what to evaluate; ${evalUsage}` : `unknown evaluation "${sub}"; ${evalUsage}`);
    if (extra.length > 0 && (flags.data ?? []).length === 0) throw new UsageError(`unexpected argument "${extra[0]}"; ${evalUsage}`);
    const count = numberFlag('n', flags.n, 1, maxEvaluationExamples, true);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 32 - 1, true);
    const temperature = numberFlag('temperature', flags.temperature, 0, 2, false);
    args = { ...(count === undefined ? {} : { count }), ...(seed === undefined ? {} : { seed }), ...(temperature === undefined ? {} : { temperature }) };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  // `--data a b c`: the values after the first are positionals (as `montage train music` reads them).
  const dataPaths = [...(flags.data ?? []), ...((flags.data ?? []).length > 0 ? extra : [])];
  let files: { name: string; bytes: Uint8Array }[] | undefined;
  if (dataPaths.length > 0) {
    try {
      files = collectMidiFiles(dataPaths).map((f) => ({ name: f.name, bytes: readFileSync(f.path) }));
    } catch (err) {
      return fail(1, err instanceof Error ? err.message : String(err));
    }
    if (files.length === 0) return fail(1, `No MIDI files (.mid, .midi) were found in ${dataPaths.join(', ')}.`);
  }

  let session: StudioSession | undefined;
  const results: MusicEvaluation[] = [];
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'evaluate the model');
    let targets: ModelInfo[];
    if (flags.model !== undefined) {
      const picked = await pickModel(session, flags.model, 'use');
      if (typeof picked === 'number') return picked;
      targets = [picked];
    } else {
      // Music models only: scene models have `montage eval scenes`.
      targets = ((await session.call('models', 'list', {})) as ModelInfo[]).filter((m) => m.origin === 'shipped' && m.kind !== 'scenes').sort((a, b) => a.name.localeCompare(b.name));
      if (targets.length === 0) return fail(1, 'There are no shipped models to evaluate; name one with --model (see `montage models`).');
    }
    for (const model of targets) {
      const reference = files ? referenceFrom(model, files) : undefined;
      const result = (await session.call('evaluation', 'music', {
        modelId: model.id,
        ...args,
        ...(reference ? { reference: reference.reference, referenceName: reference.name } : {}),
      })) as MusicEvaluation;
      results.push(result);
      if (!flags.json) console.log(`${results.length > 1 ? '\n' : ''}${evaluationReport(result)}`);
    }
  } catch (err) {
    return failEvaluation(err);
  } finally {
    session?.close();
  }
  if (flags.json) console.log(JSON.stringify(flags.model !== undefined ? results[0] : { evaluations: results }));
  return 0;
}
