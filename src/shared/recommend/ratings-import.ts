// Reads interaction files for Montage's recommender (MovieLens ratings.csv, MovieLens 100k u.data,
// or any CSV with a header and a column mapping) as a stream of text chunks, so a file of millions
// of rows is read in pieces with progress. Produces rows for interactions.ts and a report of what it
// skipped and why; throws when the text is not the chosen format at all.
import { csvDelimiters, type CsvDelimiter } from '../api/recommend';
import type { InteractionRow } from './interactions';

export type RatingsFormat = 'movielens-csv' | 'udata' | 'csv';

/** Header names of the columns to read (format 'csv'). */
export interface ColumnMapping {
  user: string;
  item: string;
  /** Without it, rows are timed by their order in the file. */
  time?: string;
  /** Without it, every row weighs 1. */
  weight?: string;
  context?: string;
}

export interface RatingsImportOptions {
  format: RatingsFormat;
  /** Required for 'csv'. */
  columns?: ColumnMapping;
  /** Field separator for 'csv' (one character); ',' by default (guessCsvDelimiter reads a header). */
  delimiter?: string;
  /**
   * Rows rated below this are skipped (MovieLens: the rating; 'csv': the weight column). Without it,
   * every rated row is kept as one implicit interaction of weight 1, the usual MovieLens protocol.
   */
  minRating?: number;
  /** How many line numbers each skip reason keeps; 5 by default. */
  examples?: number;
}

export interface SkipGroup {
  reason: string;
  count: number;
  /** The first few line numbers (1-based, counting the header) that had this problem. */
  lines: number[];
}

export interface ImportReport {
  format: RatingsFormat;
  /** Data rows seen (the header and blank lines are not rows). */
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** In order of first appearance. */
  skipped: SkipGroup[];
}

/** The text is not the chosen format (a missing column, a wrong header, no header at all). */
export class RatingsImportError extends Error {
  override name = 'RatingsImportError';
}

interface Layout {
  fields: number;
  user: number;
  item: number;
  time: number;
  weight: number;
  context: number;
}

const MOVIELENS_COLUMNS = ['userId', 'movieId', 'rating', 'timestamp'] as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** A refusal as one sentence about the file: "ratings.csv is not a MovieLens ratings.csv: …", "plays.csv is not a csv file: …". */
export function importFailure(file: string, format: RatingsFormat, message: string): string {
  return message.startsWith('not a ') ? `${file} is ${message}` : `${file} is not a ${format} file: ${message}`;
}

/** Feed text with push(chunk) as it arrives and end() after the last; each returns the rows it completed. */
export class RatingsImporter {
  /** Characters pushed so far (for progress against the file's length). */
  charsRead = 0;
  private pending = '';
  private line = 1;
  private started = false;
  private ended = false;
  private layout: Layout | undefined;
  private header: string[] | undefined;
  private rowsRead = 0;
  private rowsImported = 0;
  private readonly groups = new Map<string, SkipGroup>();
  private readonly delimiter: string;
  private readonly quotes: boolean;
  private readonly examples: number;

  constructor(private readonly options: RatingsImportOptions) {
    this.delimiter = options.format === 'udata' ? '\t' : (options.delimiter ?? ',');
    this.quotes = options.format !== 'udata';
    this.examples = options.examples ?? 5;
    if (this.delimiter.length !== 1 || this.delimiter === '"' || this.delimiter === '\n') throw new RatingsImportError(`the delimiter must be one character other than a quote or newline, not ${JSON.stringify(this.delimiter)}`);
    if (options.format === 'csv') {
      if (!options.columns) throw new RatingsImportError("format 'csv' needs a column mapping ({user, item, time?, weight?})");
      if (options.minRating !== undefined && options.columns.weight === undefined) throw new RatingsImportError('minRating needs a weight column in the mapping');
    }
  }

  push(chunk: string): InteractionRow[] {
    if (this.ended) throw new Error('push() after end()');
    this.charsRead += chunk.length;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    return this.consume(this.pending + chunk, false);
  }

  end(): InteractionRow[] {
    if (this.ended) return [];
    const rows = this.consume(this.pending, true);
    this.ended = true;
    if (!this.layout && this.options.format !== 'udata') throw new RatingsImportError('the file is empty: there is no header row');
    return rows;
  }

  report(): ImportReport {
    return {
      format: this.options.format,
      rowsRead: this.rowsRead,
      rowsImported: this.rowsImported,
      rowsSkipped: this.rowsRead - this.rowsImported,
      skipped: [...this.groups.values()].map((g) => ({ ...g, lines: g.lines.slice() })),
    };
  }

  /** Splits `text` into records; an incomplete last record waits in `pending` unless `final`. */
  private consume(text: string, final: boolean): InteractionRow[] {
    const out: InteractionRow[] = [];
    let pos = 0;
    let quote = this.quotes ? text.indexOf('"') : -1;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote === -1 || (nl !== -1 && quote > nl)) {
        // No quote on this line: a plain split.
        if (nl === -1) {
          if (!final) break;
          nl = text.length;
        }
        this.record(text.slice(pos, nl).split(this.delimiter), false, out);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const parsed = parseQuoted(text, pos, this.delimiter, final);
      if (!parsed) break;
      this.record(parsed.fields, parsed.unterminated, out);
      this.line += 1 + parsed.newlines;
      pos = parsed.next;
    }
    this.pending = text.slice(pos);
    return out;
  }

  private record(raw: string[], unterminated: boolean, out: InteractionRow[]): void {
    const fields = raw.map((f) => f.trim());
    if (fields.length === 1 && fields[0] === '' && !unterminated) return;
    if (!this.layout) {
      this.layout = this.readHeader(fields);
      if (this.options.format !== 'udata') {
        this.header = fields;
        return;
      }
    }
    this.rowsRead++;
    const reason = unterminated ? 'a quoted field is not closed before the end of the file' : this.toRow(fields, this.layout, out);
    if (reason === undefined) this.rowsImported++;
    else this.skip(reason);
  }

  private readHeader(fields: string[]): Layout {
    const { format } = this.options;
    if (format === 'udata') {
      if (fields.length !== 4) throw new RatingsImportError(`not a u.data file: line ${this.line} has ${fields.length} tab-separated field${fields.length === 1 ? '' : 's'}, expected 4 (user, item, rating, timestamp)`);
      return { fields: 4, user: 0, item: 1, weight: 2, time: 3, context: -1 };
    }
    const has = `the header (line ${this.line}) has ${fields.length === 1 ? 'one column' : 'columns'}: ${fields.map((f) => JSON.stringify(f)).join(', ')}`;
    const hint = fields.length === 1 && /[;\t|]/.test(fields[0] ?? '') ? ' (is the file separated by something other than the delimiter?)' : '';
    const find = (name: string | undefined, role: string): number => {
      if (name === undefined) return -1;
      const at = fields.indexOf(name.trim());
      if (at === -1) {
        const what = format === 'movielens-csv' ? `not a MovieLens ratings.csv: there is no column "${name}"` : `there is no column "${name}" (mapped as ${role})`;
        throw new RatingsImportError(`${what}; ${has}${hint}`);
      }
      return at;
    };
    if (format === 'movielens-csv') {
      const [user, item, rating, time] = MOVIELENS_COLUMNS.map((c) => find(c, c)) as [number, number, number, number];
      return { fields: fields.length, user, item, weight: rating, time, context: -1 };
    }
    const columns = this.options.columns as ColumnMapping;
    return {
      fields: fields.length,
      user: find(columns.user, 'user'),
      item: find(columns.item, 'item'),
      time: find(columns.time, 'time'),
      weight: find(columns.weight, 'weight'),
      context: find(columns.context, 'context'),
    };
  }

  /** Appends the row, or returns why it was skipped. */
  private toRow(fields: string[], layout: Layout, out: InteractionRow[]): string | undefined {
    const header = this.header;
    if (header && fields[0] === header[0] && fields.length === header.length && fields.every((f, c) => f === header[c])) return 'duplicate header';
    if (fields.length !== layout.fields) return `wrong number of fields (expected ${layout.fields})`;
    const user = fields[layout.user] ?? '';
    const item = fields[layout.item] ?? '';
    if (user === '') return 'the user column is empty';
    if (item === '') return 'the item column is empty';
    let time = this.rowsRead;
    if (layout.time !== -1) {
      const text = fields[layout.time] ?? '';
      if (text === '') return 'the time column is empty';
      const parsed = parseTime(text, this.options.format === 'csv');
      if (parsed === undefined) return 'time is not a number';
      time = parsed;
    }
    const row: InteractionRow = { user, item, time };
    if (layout.weight !== -1) {
      const csv = this.options.format === 'csv';
      const text = fields[layout.weight] ?? '';
      const value = NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value)) return csv ? 'weight is not a number' : 'rating is not a number';
      const min = this.options.minRating;
      if (min !== undefined && value < min) return `${csv ? 'weight' : 'rating'} is below minRating ${min}`;
      if (csv) row.weight = value;
    }
    if (layout.context !== -1 && fields[layout.context]) row.context = fields[layout.context];
    out.push(row);
    return undefined;
  }

  private skip(reason: string): void {
    let group = this.groups.get(reason);
    if (!group) {
      group = { reason, count: 0, lines: [] };
      this.groups.set(reason, group);
    }
    group.count++;
    if (group.lines.length < this.examples) group.lines.push(this.line);
  }
}

/** Reads a whole text, or an iterable of chunks, in one call. */
export function importRatings(text: string | Iterable<string>, options: RatingsImportOptions): { rows: InteractionRow[]; report: ImportReport } {
  const importer = new RatingsImporter(options);
  const rows: InteractionRow[] = [];
  const add = (batch: InteractionRow[]): void => {
    for (const row of batch) rows.push(row);
  };
  if (typeof text === 'string') add(importer.push(text));
  else for (const chunk of text) add(importer.push(chunk));
  add(importer.end());
  return { rows, report: importer.report() };
}

/** One line per skip reason, e.g. "3 rows: the user column is empty (lines 17, 40, 92)". */
export function describeSkips(report: ImportReport): string[] {
  return report.skipped.map((g) => {
    const more = g.count > g.lines.length ? ', …' : '';
    return `${g.count} row${g.count === 1 ? '' : 's'}: ${g.reason} (line${g.lines.length === 1 ? '' : 's'} ${g.lines.join(', ')}${more})`;
  });
}

/** A number; for 'csv' also an ISO-8601 date (as milliseconds). */
function parseTime(text: string, allowDate: boolean): number | undefined {
  if (NUMBER.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  if (allowDate && ISO_DATE.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

/**
 * One record from `pos` where a line holds a quote: a field that starts with a quote runs to the
 * closing quote ("" is a quote inside it, newlines are kept); a quote elsewhere is a plain character.
 * Null when the text ends before the record does and more may come.
 */
function parseQuoted(text: string, pos: number, delimiter: string, final: boolean): { fields: string[]; next: number; newlines: number; unterminated: boolean } | null {
  const fields: string[] = [];
  let field = '';
  let i = pos;
  let newlines = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (;;) {
    if (i >= text.length) {
      if (!final) return null;
      fields.push(field);
      return { fields, next: i, newlines, unterminated: inQuotes };
    }
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (i + 1 >= text.length && !final) return null;
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          inQuotes = false;
          i++;
        }
        continue;
      }
      if (c === '\n') newlines++;
      field += c;
      i++;
    } else if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      i++;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
    } else if (c === '\n') {
      fields.push(field);
      return { fields, next: i + 1, newlines, unterminated: false };
    } else {
      field += c;
      // Leading spaces before an opening quote (`a, "b"`) still open a quoted field.
      if (c !== ' ') fieldStart = false;
      i++;
    }
  }
}

/** The separator that splits a header line into the most fields (quoted fields aside); ',' on a tie. */
export function guessCsvDelimiter(header: string): CsvDelimiter {
  const unquoted = header.replace(/"[^"]*"/g, '');
  let best: CsvDelimiter = ',';
  let most = 0;
  for (const d of csvDelimiters) {
    const n = unquoted.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}
