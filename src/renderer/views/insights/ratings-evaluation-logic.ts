// What "Evaluate on a ratings file…" decides without the host: the formats and models offered, the
// refusal of a file before any byte is sent (size, an archive, not text), the format guessed from
// the name and first line, the header's columns and which ones look like the user, item and time,
// the evaluateRatings arguments, reading a job's result, the table's best row, its CSV and the
// sentences of the protocol, the import report and the upload's progress.
import { evaluatedModels, maxRatingsBytes, type CsvDelimiter, type LocalEvaluationRow, type RatingsEvaluation, type ratingsFormats } from '../../../shared/api/recommend';
import { formatBytes } from '../audio/upload-logic';
import { toCsv } from './insights-logic';

export type RatingsFormat = (typeof ratingsFormats)[number];
export type EvaluatedModel = (typeof evaluatedModels)[number];

/** What the file input offers (drops are not limited by name, only by the checks below). */
export const ratingsAccept = '.csv,.data,.tsv,.txt';

export const formatLabels: Readonly<Record<RatingsFormat, string>> = {
  'movielens-csv': 'MovieLens ratings.csv (userId, movieId, rating, timestamp)',
  udata: 'MovieLens 100k u.data (tab-separated, no header)',
  csv: 'CSV with a header (choose the columns)',
};

export const evaluatedModelLabels: Readonly<Record<EvaluatedModel, string>> = {
  popularity: 'Popularity',
  itemknn: 'Item k-NN',
  als: 'ALS',
  bpr: 'BPR',
  ease: 'EASE',
  neumf: 'NeuMF',
};

/** The models that take the longest on a large file (said beside their checkboxes). */
export const slowModels: ReadonlySet<EvaluatedModel> = new Set<EvaluatedModel>(['ease', 'neumf']);

/** A model's name as shown; the host's row names are the catalogue's, matched without case. */
export function modelLabel(name: string): string {
  const key = evaluatedModels.find((m) => m === name.toLowerCase().replace(/[^a-z]/g, ''));
  return key ? evaluatedModelLabels[key] : name;
}

export const movielensHeader = ['userId', 'movieId', 'rating', 'timestamp'] as const;

// The file ------------------------------------------------------------------------------------------

/** A refusal to show before any byte is sent, or null. `head` is the file's first bytes (a few KB). */
export function checkRatingsFile(name: string, size: number, head: Uint8Array): string | null {
  if (size === 0) return `“${name}” is empty.`;
  if (size > maxRatingsBytes) return `“${name}” is ${formatBytes(size)}; Montage evaluates interaction files up to ${formatBytes(maxRatingsBytes)}.`;
  if (head[0] === 0x50 && head[1] === 0x4b) return `“${name}” is a ZIP archive: unzip it and choose the ratings.csv or u.data inside.`;
  if (head[0] === 0x1f && head[1] === 0x8b) return `“${name}” is gzip-compressed: decompress it first.`;
  if (head.includes(0)) return `“${name}” is not a text file: choose a CSV, a u.data or another text file of interactions.`;
  return null;
}

/** The first line of a text (without its line break, a carriage return or a byte order mark). */
export function firstLine(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
}

/** The fields of one CSV line (quotes as RFC 4180: "a, b" and "say ""hi""" are one field), trimmed. */
export function parseCsvLine(line: string, delimiter = ','): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

const isUdataLine = (line: string): boolean => /^\s*\d+\t\d+\t[\d.]+\t\d+\s*$/.test(line);
const isMovielensHeader = (line: string): boolean => parseCsvLine(line).join(',') === movielensHeader.join(',');

/** u.data / .data / .tsv (or a first line of four tab-separated numbers) → udata; the MovieLens header → movielens-csv; else csv. */
export function guessFormat(name: string, line: string): RatingsFormat {
  if (/(^|[\\/])u\.data$/i.test(name) || /\.(data|tsv)$/i.test(name) || isUdataLine(line)) return 'udata';
  if (isMovielensHeader(line)) return 'movielens-csv';
  return 'csv';
}

export interface ColumnChoice {
  user: string;
  item: string;
  /** '' for none: rows are then timed by their order in the file. */
  time: string;
}

/** The header's names, each once and non-empty, in order (what the column selects offer). */
export function headerColumns(line: string, delimiter: string = ','): string[] {
  return [...new Set(parseCsvLine(line, delimiter).filter((f) => f !== ''))].slice(0, 500);
}

/** The columns that look like the user, the item and the time; the first two columns otherwise. */
export function guessColumns(columns: readonly string[]): ColumnChoice {
  const find = (pattern: RegExp, not: readonly string[] = []): string => columns.find((c) => pattern.test(c) && !not.includes(c)) ?? '';
  let user = find(/^(user|customer|member|person|visitor|listener|viewer|reader|session|uid)|user/i);
  let item = find(/^(item|movie|product|song|track|artist|book|article|iid|sku)|item|movie|product/i, [user]);
  if (!user) user = columns.find((c) => c !== item) ?? '';
  if (!item) item = columns.find((c) => c !== user) ?? '';
  const time = find(/time|date|day|^ts$|when|created|epoch|played|[_ ]at$/i, [user, item]);
  return { user, item, time };
}

/** Said under the format when the first line does not look like it (the host will refuse it). */
export function formatWarning(format: RatingsFormat, line: string): string | null {
  if (format === 'movielens-csv' && !isMovielensHeader(line)) return `The first line is not “${movielensHeader.join(',')}”, so this does not look like a MovieLens ratings.csv.`;
  if (format === 'udata' && line.split('\t').length !== 4) return 'The first line does not have four tab-separated fields (user, item, rating, timestamp), so this does not look like a u.data file.';
  if (format === 'csv') {
    const fields = parseCsvLine(line);
    if (fields.length === 1 && /[;\t|]/.test(line)) return 'The first line has a single column: Montage reads comma-separated files, and this one seems separated by something else.';
    if (fields.length < 2) return 'The first line should name at least two columns (a user and an item).';
  }
  return null;
}

// The run -------------------------------------------------------------------------------------------

export interface RatingsSetup {
  format: RatingsFormat;
  columns: ColumnChoice;
  /** A CSV's field separator, guessed from its header (',' for the other formats). */
  delimiter: CsvDelimiter;
  models: readonly EvaluatedModel[];
  /** The text of the seed field; blank for the host's default. */
  seed: string;
}

export function parseSeed(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) && Number(t) <= 2 ** 31 ? Number(t) : null;
}

/** Why Run cannot start yet, or null. */
export function setupBlocker(setup: RatingsSetup): string | null {
  if (setup.models.length === 0) return 'Choose at least one model.';
  if (setup.format === 'csv') {
    if (!setup.columns.user || !setup.columns.item) return 'Choose the user and item columns.';
    if (setup.columns.user === setup.columns.item) return 'The user and item columns must differ.';
    if (setup.columns.time && (setup.columns.time === setup.columns.user || setup.columns.time === setup.columns.item)) return 'The time column must differ from the user and item columns.';
  }
  if (parseSeed(setup.seed) === null) return `The seed is a whole number from 0 to ${2 ** 31}.`;
  return null;
}

export interface EvaluateRatingsArgs {
  uploadId: string;
  format: RatingsFormat;
  columns?: { user: string; item: string; time?: string };
  delimiter?: CsvDelimiter;
  models?: EvaluatedModel[];
  seed?: number;
}

/** recommend.evaluateRatings's arguments: models in the catalogue's order (all six: left out), columns only for csv. */
export function evaluateArgs(uploadId: string, setup: RatingsSetup): EvaluateRatingsArgs {
  const args: EvaluateRatingsArgs = { uploadId, format: setup.format };
  if (setup.format === 'csv') {
    args.columns = { user: setup.columns.user, item: setup.columns.item, ...(setup.columns.time ? { time: setup.columns.time } : {}) };
    if (setup.delimiter !== ',') args.delimiter = setup.delimiter;
  }
  const models = evaluatedModels.filter((m) => setup.models.includes(m));
  if (models.length < evaluatedModels.length) args.models = models;
  const seed = parseSeed(setup.seed);
  if (typeof seed === 'number') args.seed = seed;
  return args;
}

export function toggleModel(models: readonly EvaluatedModel[], model: EvaluatedModel, on: boolean): EvaluatedModel[] {
  return evaluatedModels.filter((m) => (m === model ? on : models.includes(m)));
}

// The result ----------------------------------------------------------------------------------------

const isNum = (v: unknown): v is number => typeof v === 'number';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A succeeded job's result as a RatingsEvaluation, or null when it is not one. */
export function readRatingsEvaluation(result: unknown): RatingsEvaluation | null {
  if (!isObj(result) || !isObj(result.protocol) || !Array.isArray(result.rows) || !isObj(result.import)) return null;
  const p = result.protocol;
  const imp = result.import;
  const keys = ['users', 'items', 'interactions', 'evaluatedUsers', 'negatives', 'seed'] as const;
  if (!keys.every((k) => isNum(p[k]))) return null;
  const rows = result.rows.filter((r): r is LocalEvaluationRow => isObj(r) && typeof r.name === 'string' && isNum(r.hr10) && isNum(r.ndcg10) && isNum(r.fitSeconds));
  if (rows.length !== result.rows.length) return null;
  if (!isNum(imp.rowsRead) || !isNum(imp.rowsImported) || !isNum(imp.rowsSkipped)) return null;
  const skipped = Array.isArray(imp.skipped)
    ? imp.skipped
        .filter((s): s is Record<string, unknown> => isObj(s) && typeof s.reason === 'string' && isNum(s.count))
        .map((s) => ({ reason: s.reason as string, count: s.count as number, lines: Array.isArray(s.lines) ? s.lines.filter(isNum) : [] }))
    : [];
  return {
    protocol: { users: p.users as number, items: p.items as number, interactions: p.interactions as number, evaluatedUsers: p.evaluatedUsers as number, negatives: p.negatives as number, seed: p.seed as number, k: isNum(p.k) ? p.k : 10 },
    rows,
    import: { rowsRead: imp.rowsRead, rowsImported: imp.rowsImported, rowsSkipped: imp.rowsSkipped, skipped },
    file: typeof result.file === 'string' ? result.file : '',
  };
}

/** The best row(s): highest NDCG@10, then HR@10; none when every model scored 0. */
export function bestRows(rows: readonly LocalEvaluationRow[]): Set<string> {
  const finite = rows.filter((r) => Number.isFinite(r.ndcg10));
  const top = Math.max(0, ...finite.map((r) => r.ndcg10));
  if (top <= 0) return new Set();
  const atTop = finite.filter((r) => r.ndcg10 === top);
  const hr = Math.max(...atTop.map((r) => (Number.isFinite(r.hr10) ? r.hr10 : 0)));
  return new Set(atTop.filter((r) => r.hr10 === hr).map((r) => r.name));
}

const round = (v: number, places: number): number | null => (Number.isFinite(v) ? Math.round(v * 10 ** places) / 10 ** places : null);

/** The table as CSV: one row per model, the best marked. */
export function ratingsCsv(evaluation: RatingsEvaluation): string {
  const best = bestRows(evaluation.rows);
  return toCsv(
    ['model', 'model id', 'HR@10', 'NDCG@10', 'fit seconds', 'best'],
    evaluation.rows.map((r) => [modelLabel(r.name), r.name, round(r.hr10, 4), round(r.ndcg10, 4), round(r.fitSeconds, 3), best.has(r.name) ? 'yes' : '']),
  );
}

/** "montage-ratings-evaluation-ratings-2024-05-01.csv". */
export function ratingsCsvFileName(file: string, now: number): string {
  const stem = file
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `montage-ratings-evaluation${stem ? `-${stem}` : ''}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** "610 users × 9,724 items · 100,836 interactions · 610 users evaluated · each held-out item ranked among 100 others · seed 42". */
export function protocolLine(p: RatingsEvaluation['protocol']): string {
  return [
    `${plural(p.users, 'user')} × ${plural(p.items, 'item')}`,
    plural(p.interactions, 'interaction'),
    `${count(p.evaluatedUsers)} of ${plural(p.users, 'user')} evaluated (latest item held out)`,
    `each held-out item ranked among ${plural(p.negatives, 'sampled other')}`,
    `top ${p.k}`,
    `seed ${p.seed}`,
  ].join(' · ');
}

/** "302 rows read · 300 imported · 2 skipped". */
export function importLine(imp: RatingsEvaluation['import']): string {
  return `${plural(imp.rowsRead, 'row')} read · ${count(imp.rowsImported)} imported · ${count(imp.rowsSkipped)} skipped`;
}

/** "1 row, line 57" · "3 rows, lines 4, 9, 12" · "40 rows, first lines 4, 9, 12, 20, 31". */
export function skipWhere(group: { count: number; lines: readonly number[] }): string {
  const lines = group.lines.map(count).join(', ');
  const rows = plural(group.count, 'row');
  if (group.lines.length === 0) return rows;
  if (group.count > group.lines.length) return `${rows}, first lines ${lines}`;
  return `${rows}, ${group.lines.length === 1 ? 'line' : 'lines'} ${lines}`;
}

/** "1.5 MB of 6.2 MB". */
export function uploadLine(sent: number, total: number): string {
  return `${formatBytes(sent)} of ${formatBytes(total)}`;
}

/** A failed run in words: the host's reason, after the file's name unless the reason already says it. */
export function failureText(file: string, message: string): string {
  const reason = sentence(message || 'the evaluation failed');
  return reason.includes(`“${file}”`) ? `Could not evaluate: ${reason}` : `“${file}” could not be evaluated: ${reason}`;
}

/** The error's text as a sentence (the host's import errors end without a full stop). */
export const sentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
