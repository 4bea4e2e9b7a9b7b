// "Evaluate the recommenders on an interactions file", in the worker: the file is read in 1 MB
// chunks through the ratings importer (the first 30 % of the progress, by bytes read), then the
// leave-one-out harness fits and scores each chosen model (the rest). The job's signal stops
// both; a cancelled run writes nothing. NeuMF trains on this worker's backend.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StudioError } from '../../shared/api/errors';
import type { WorkerResultOf } from '../../shared/jobs/protocol';
import type { EvaluateRecommendersConfig } from '../../shared/jobs/task-kinds';
import { classicalRecommenders, type RecommenderName } from '../../shared/recommend/catalogue';
import { evaluate } from '../../shared/recommend/evaluate';
import { InteractionsBuilder } from '../../shared/recommend/interactions';
import { describeSkips, importFailure, RatingsImporter, RatingsImportError } from '../../shared/recommend/ratings-import';
import type { Interactions } from '../../shared/recommend/types';
import { NeuMfRecommender } from '../models/neumf';
import { TaskCancelledError, TaskFailedError, yieldForCancel, type TaskContext } from './task-context';

const importShare = 0.3;

async function readFile(config: EvaluateRecommendersConfig, context: TaskContext): Promise<{ interactions: Interactions; importer: RatingsImporter }> {
  const importer = new RatingsImporter({ format: config.format, ...(config.columns ? { columns: config.columns } : {}), ...(config.delimiter ? { delimiter: config.delimiter } : {}) });
  const builder = new InteractionsBuilder();
  let fd: number;
  try {
    fd = openSync(config.path, 'r');
  } catch (err) {
    throw new TaskFailedError(`Montage could not read “${config.name}” (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  try {
    const size = fstatSync(fd).size;
    const decoder = new TextDecoder('utf-8');
    const buffer = Buffer.alloc(1 << 20);
    let done = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      done += n;
      for (const row of importer.push(decoder.decode(buffer.subarray(0, n), { stream: true }))) builder.add(row);
      context.progress({ fraction: (importShare * done) / Math.max(1, size), text: `reading “${config.name}” · ${builder.size.toLocaleString('en-US')} rows` });
      await yieldForCancel(context.signal);
    }
    for (const row of importer.push(decoder.decode())) builder.add(row);
    for (const row of importer.end()) builder.add(row);
  } catch (err) {
    if (err instanceof RatingsImportError) throw new TaskFailedError(importFailure(`“${config.name}”`, config.format, err.message));
    throw err;
  } finally {
    closeSync(fd);
  }
  return { interactions: builder.build().interactions, importer };
}

export async function runEvaluateRecommenders(config: EvaluateRecommendersConfig, context: TaskContext): Promise<WorkerResultOf<'evaluate-recommenders'>> {
  const { interactions, importer } = await readFile(config, context);
  const report = importer.report();
  context.message(`Read ${report.rowsRead.toLocaleString('en-US')} rows: ${report.rowsImported.toLocaleString('en-US')} imported, ${report.rowsSkipped.toLocaleString('en-US')} skipped.`);
  for (const line of describeSkips(report)) context.message(line);
  if (interactions.user.length === 0) throw new StudioError('invalid-argument', `“${config.name}” has no interactions to evaluate on.`);
  const names = config.models as RecommenderName[];
  const models = [...classicalRecommenders(names), ...(names.includes('neumf') ? [new NeuMfRecommender()] : [])];
  try {
    const result = await evaluate(interactions, models, {
      seed: config.seed,
      signal: context.signal,
      onProgress: (fraction, stage) => context.progress({ fraction: importShare + (1 - importShare) * fraction, text: stage }),
    });
    return {
      task: 'evaluate-recommenders',
      protocol: { ...result.protocol },
      rows: result.rows,
      import: { rowsRead: report.rowsRead, rowsImported: report.rowsImported, rowsSkipped: report.rowsSkipped, skipped: report.skipped },
    };
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw new TaskCancelledError();
    throw err;
  }
}
