// `montage eval recommend [--data FILE] [--format movielens-csv|udata|csv --user COL --item COL
// --time COL] [--seed N] [--models NAME,…] [--json]`: the leave-one-out harness
// (shared/recommend/evaluate.ts) on an interactions file, or on the local history (its studio
// sessions and projects as the users) read from the data folder's database without a host.
//
// Every model gets the same split and negatives; the table has HR@10, NDCG@10 and fit time per
// model. The file is read in chunks with progress on stderr (not with --json). --json prints one
// object: {protocol, rows, import?} where import is {rowsRead, rowsImported, rowsSkipped,
// skipped[]}. Exit codes: 0 ok, 1 failed (unreadable file, not that format), 2 bad usage.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { openDatabaseReadOnly } from '../main/db/read-only-database';
import { createEventsRepo } from '../main/db/events-repo';
import { dataPaths, defaultDataDir } from '../main/paths';
import { evaluate, formatEvaluation } from '../shared/recommend/evaluate';
import { InteractionsBuilder } from '../shared/recommend/interactions';
import { contextInteractions } from '../shared/recommend/local-history';
import { describeSkips, guessCsvDelimiter, importFailure, RatingsImporter, RatingsImportError, type ImportReport, type RatingsFormat } from '../shared/recommend/ratings-import';
import type { Interactions, Recommender } from '../shared/recommend/types';
import { classicalRecommenders, recommenderNames, type RecommenderName } from '../shared/recommend/catalogue';
import { numberFlag, UsageError } from './cli-flags';
import { fail } from './host-session';

export interface EvalRecommendFlags {
  data?: string[];
  format?: string;
  user?: string;
  item?: string;
  time?: string;
  seed?: string;
  models?: string;
  json?: boolean;
  dataDir?: string;
}

const formats: readonly RatingsFormat[] = ['movielens-csv', 'udata', 'csv'];

function guessFormat(path: string): RatingsFormat {
  if (/u\.data$|\.data$|\.tsv$/i.test(path)) return 'udata';
  return 'movielens-csv';
}

/** The separator of a generic CSV, guessed from its header line (the file's first 64 KB). */
function csvDelimiterOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1 << 16);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    return guessCsvDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  } finally {
    closeSync(fd);
  }
}

/** Reads the file in 1 MB chunks through the importer; progress on stderr unless quiet. */
function readInteractions(path: string, format: RatingsFormat, columns: { user: string; item: string; time?: string } | undefined, quiet: boolean): { interactions: Interactions; report: ImportReport } {
  const importer = new RatingsImporter({ format, ...(columns ? { columns } : {}), ...(format === 'csv' ? { delimiter: csvDelimiterOf(path) } : {}) });
  const builder = new InteractionsBuilder();
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.alloc(1 << 20);
  let done = 0;
  let shown = -1;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      done += n;
      for (const row of importer.push(decoder.decode(buffer.subarray(0, n), { stream: true }))) builder.add(row);
      const percent = Math.floor((100 * done) / Math.max(1, size));
      if (!quiet && percent !== shown && process.stderr.isTTY) process.stderr.write(`\r${progressBar((shown = percent) / 100)} reading ${builder.size.toLocaleString('en')} rows`);
    }
    for (const row of importer.push(decoder.decode())) builder.add(row);
    for (const row of importer.end()) builder.add(row);
  } finally {
    closeSync(fd);
    if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
  }
  return { interactions: builder.build().interactions, report: importer.report() };
}

/** [██████░░░░░░]  50% (Ctrl+C stops; nothing is written). */
function progressBar(fraction: number): string {
  const width = 24;
  const full = Math.round(fraction * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.round(fraction * 100)).padStart(3)}%`;
}

function localHistory(dataDir: string): Interactions {
  const db = openDatabaseReadOnly(dataPaths(dataDir).database);
  if (!db) return contextInteractions([]).interactions;
  try {
    return contextInteractions(createEventsRepo(db).interactions()).interactions;
  } finally {
    db.close();
  }
}

/**
 * NeuMF trains on the engine (tfjs), loaded only when asked for. It runs on one WebAssembly
 * thread, its fastest (two threads were 1.9× slower on its small matrices).
 */
async function withNeuMf(names: readonly RecommenderName[], models: Recommender[]): Promise<Recommender[]> {
  if (!names.includes('neumf')) return models;
  // One thread unless the user asked for more (MONTAGE_WASM_THREADS), read when the backend starts.
  process.env.MONTAGE_WASM_THREADS ??= '1';
  const [{ NeuMfRecommender }, { selectBackend }] = await Promise.all([import('../workers/models/neumf'), import('../workers/backend/select-backend')]);
  await selectBackend({ force: 'wasm' });
  return [...models, new NeuMfRecommender()];
}

export async function evalRecommendCommand(extra: readonly string[], flags: EvalRecommendFlags): Promise<number> {
  let seed: number;
  let names: RecommenderName[];
  let format: RatingsFormat | undefined;
  const file = flags.data?.[0];
  try {
    if (extra.length > 0 || (flags.data?.length ?? 0) > 1) throw new UsageError(`eval recommend takes one --data FILE (got "${extra[0] ?? flags.data?.[1]}")`);
    seed = numberFlag('seed', flags.seed, 0, 2 ** 31, true) ?? 1;
    names = (flags.models ?? recommenderNames.join(',')).split(',').map((n) => n.trim()) as RecommenderName[];
    const unknown = names.find((n) => !(recommenderNames as readonly string[]).includes(n));
    if (unknown !== undefined) throw new UsageError(`--models: "${unknown}" is not a model (${recommenderNames.join(', ')})`);
    if (flags.format !== undefined && !(formats as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
    if (file === undefined && (flags.format || flags.user || flags.item || flags.time)) throw new UsageError('--format, --user, --item and --time describe a --data file');
    format = flags.format as RatingsFormat | undefined;
    if (format === 'csv' && (!flags.user || !flags.item)) throw new UsageError('--format csv needs --user COL and --item COL (and --time COL for the order)');
    if (format !== 'csv' && format !== undefined && (flags.user || flags.item || flags.time)) throw new UsageError('--user, --item and --time are for --format csv');
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  let interactions: Interactions;
  let report: ImportReport | undefined;
  try {
    if (file !== undefined) {
      const chosen = format ?? guessFormat(file);
      const columns = chosen === 'csv' ? { user: flags.user as string, item: flags.item as string, ...(flags.time ? { time: flags.time } : {}) } : undefined;
      ({ interactions, report } = readInteractions(file, chosen, columns, Boolean(flags.json)));
    } else {
      interactions = localHistory(flags.dataDir ?? defaultDataDir());
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      err instanceof RatingsImportError
        ? importFailure(file ?? '', format ?? guessFormat(file ?? ''), err.message)
        : code === 'ENOENT'
          ? `${file}: no such file`
          : code === 'EISDIR'
            ? `${file} is a folder; --data takes one interactions file`
            : code === 'EACCES'
              ? `${file} cannot be read (permission denied)`
              : err instanceof Error
                ? err.message
                : String(err);
    return fail(1, message);
  }
  if (interactions.user.length === 0) {
    return fail(1, file ? `${file} has no interactions to evaluate on${report ? ` (${report.rowsSkipped} rows skipped)` : ''}` : 'The history has no interactions yet: use the studio a while (open, play, keep things), or evaluate a file with --data.');
  }
  const models = await withNeuMf(names, classicalRecommenders(names));
  const result = await evaluate(interactions, models, {
    seed,
    ...(flags.json || !process.stderr.isTTY ? {} : { onProgress: (f: number, stage: string) => process.stderr.write(`\r${progressBar(f)} ${stage.padEnd(16)}`) }),
  });
  if (!flags.json && process.stderr.isTTY) process.stderr.write('\n');
  if (flags.json) {
    console.log(JSON.stringify({ protocol: result.protocol, rows: result.rows, ...(report ? { import: report } : {}) }));
    return 0;
  }
  if (report) {
    console.log(`Read ${report.rowsRead.toLocaleString('en')} rows: ${report.rowsImported.toLocaleString('en')} imported, ${report.rowsSkipped.toLocaleString('en')} skipped.`);
    for (const line of describeSkips(report)) console.log(`  ${line}`);
  } else console.log('The local history: its studio sessions and projects are the users.');
  console.log(formatEvaluation(result));
  return 0;
}
