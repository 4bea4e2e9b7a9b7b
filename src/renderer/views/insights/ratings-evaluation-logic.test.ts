import { describe, expect, it } from 'vitest';
import { guessCsvDelimiter } from '../../../shared/recommend/ratings-import';
import type { RatingsEvaluation } from '../../../shared/api';
import {
  bestRows,
  checkRatingsFile,
  evaluateArgs,
  failureText,
  firstLine,
  formatWarning,
  guessColumns,
  guessFormat,
  headerColumns,
  importLine,
  modelLabel,
  parseCsvLine,
  protocolLine,
  ratingsCsv,
  ratingsCsvFileName,
  readRatingsEvaluation,
  setupBlocker,
  skipWhere,
  toggleModel,
  uploadLine,
  type RatingsSetup,
} from './ratings-evaluation-logic';

const text = (s: string) => new TextEncoder().encode(s);
const all = ['popularity', 'itemknn', 'als', 'bpr', 'ease', 'neumf'] as const;
const setup = (patch: Partial<RatingsSetup> = {}): RatingsSetup => ({ format: 'movielens-csv', columns: { user: '', item: '', time: '' }, delimiter: ',', models: [...all], seed: '', ...patch });

const evaluation = (): RatingsEvaluation => ({
  protocol: { users: 610, items: 9724, interactions: 100836, evaluatedUsers: 600, negatives: 100, seed: 42, k: 10 },
  rows: [
    { name: 'popularity', hr10: 0.31, ndcg10: 0.17, fitSeconds: 0.012 },
    { name: 'itemknn', hr10: 0.52, ndcg10: 0.3012345, fitSeconds: 1.5 },
    { name: 'ease', hr10: 0.5, ndcg10: 0.28, fitSeconds: 9.25 },
  ],
  import: { rowsRead: 302, rowsImported: 300, rowsSkipped: 2, skipped: [{ reason: 'wrong number of fields (expected 4)', count: 2, lines: [57, 120] }] },
  file: 'ratings.csv',
});

describe('choosing a ratings file', () => {
  it('refuses empty, oversized, archived and binary files before sending a byte', () => {
    expect(checkRatingsFile('r.csv', 100, text('userId,movieId'))).toBeNull();
    expect(checkRatingsFile('r.csv', 0, text(''))).toBe('“r.csv” is empty.');
    expect(checkRatingsFile('big.csv', 300 * 1024 * 1024, text('a,b'))).toBe('“big.csv” is 300 MB; Montage evaluates interaction files up to 256 MB.');
    expect(checkRatingsFile('r.csv', 256 * 1024 * 1024, text('a,b'))).toBeNull();
    expect(checkRatingsFile('ml.csv', 100, Uint8Array.from([0x50, 0x4b, 3, 4]))).toMatch(/ZIP archive: unzip it/);
    expect(checkRatingsFile('r.csv.gz', 100, Uint8Array.from([0x1f, 0x8b, 8]))).toMatch(/gzip/);
    expect(checkRatingsFile('r.txt', 100, Uint8Array.from([65, 0, 66]))).toMatch(/not a text file/);
  });

  it('reads the first line without its BOM or carriage return, and splits quoted fields', () => {
    expect(firstLine('\ufeffuserId,movieId\r\n1,2\r\n')).toBe('userId,movieId');
    expect(firstLine('only')).toBe('only');
    expect(parseCsvLine('a, "b, c" ,"say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(headerColumns('user,item,,user, time ')).toEqual(['user', 'item', 'time']);
  });

  it('guesses the format from the name, then from the first line', () => {
    expect(guessFormat('u.data', '196\t242\t3\t881250949')).toBe('udata');
    expect(guessFormat('ml-100k/u.data', '')).toBe('udata');
    expect(guessFormat('ratings.tsv', 'anything')).toBe('udata');
    expect(guessFormat('U1.BASE.data', 'x')).toBe('udata');
    expect(guessFormat('export.txt', '1\t2\t4.5\t964982703')).toBe('udata');
    expect(guessFormat('ratings.csv', 'userId,movieId,rating,timestamp')).toBe('movielens-csv');
    expect(guessFormat('mine.txt', '"userId","movieId","rating","timestamp"')).toBe('movielens-csv');
    expect(guessFormat('ratings.csv', 'userId,movieId,tag,timestamp')).toBe('csv');
    expect(guessFormat('plays.csv', 'listener,track,when')).toBe('csv');
  });

  it('offers the columns that look like the user, the item and the time', () => {
    expect(guessColumns(['customer_id', 'product_id', 'stars', 'review_date'])).toEqual({ user: 'customer_id', item: 'product_id', time: 'review_date' });
    expect(guessColumns(['userId', 'movieId', 'rating', 'timestamp'])).toEqual({ user: 'userId', item: 'movieId', time: 'timestamp' });
    expect(guessColumns(['listener', 'track', 'played_at'])).toEqual({ user: 'listener', item: 'track', time: 'played_at' });
    expect(guessColumns(['a', 'b', 'c'])).toEqual({ user: 'a', item: 'b', time: '' });
    expect(guessColumns(['only'])).toEqual({ user: 'only', item: '', time: '' });
    expect(guessColumns([])).toEqual({ user: '', item: '', time: '' });
  });

  it('warns when the first line does not fit the chosen format', () => {
    expect(formatWarning('movielens-csv', 'userId,movieId,rating,timestamp')).toBeNull();
    expect(formatWarning('movielens-csv', 'user,item')).toMatch(/does not look like a MovieLens ratings.csv/);
    expect(formatWarning('udata', '1\t2\t3\t4')).toBeNull();
    expect(formatWarning('udata', '1,2,3,4')).toMatch(/four tab-separated fields/);
    expect(formatWarning('csv', 'user;item;time')).toMatch(/separated by something else/);
    expect(formatWarning('csv', 'user')).toMatch(/at least two columns/);
    expect(formatWarning('csv', 'user,item')).toBeNull();
  });
});

describe('starting a run', () => {
  it('blocks Run until the choices make sense', () => {
    expect(setupBlocker(setup())).toBeNull();
    expect(setupBlocker(setup({ models: [] }))).toBe('Choose at least one model.');
    expect(setupBlocker(setup({ format: 'csv' }))).toBe('Choose the user and item columns.');
    expect(setupBlocker(setup({ format: 'csv', columns: { user: 'a', item: 'a', time: '' } }))).toBe('The user and item columns must differ.');
    expect(setupBlocker(setup({ format: 'csv', columns: { user: 'a', item: 'b', time: 'b' } }))).toMatch(/time column must differ/);
    expect(setupBlocker(setup({ format: 'csv', columns: { user: 'a', item: 'b', time: '' } }))).toBeNull();
    expect(setupBlocker(setup({ seed: '-1' }))).toMatch(/seed is a whole number/);
    expect(setupBlocker(setup({ seed: ' 7 ' }))).toBeNull();
  });

  it('builds the evaluateRatings arguments: columns only for csv, models only when not all six, the seed when given', () => {
    expect(evaluateArgs('u1', setup({ columns: { user: 'x', item: 'y', time: '' } }))).toEqual({ uploadId: 'u1', format: 'movielens-csv' });
    expect(evaluateArgs('u1', setup({ format: 'csv', columns: { user: 'x', item: 'y', time: '' }, models: ['itemknn', 'popularity'], seed: '9' }))).toEqual({
      uploadId: 'u1',
      format: 'csv',
      columns: { user: 'x', item: 'y' },
      models: ['popularity', 'itemknn'],
      seed: 9,
    });
    expect(evaluateArgs('u1', setup({ format: 'csv', columns: { user: 'x', item: 'y', time: 't' } })).columns).toEqual({ user: 'x', item: 'y', time: 't' });
    // A semicolon- or tab-separated CSV says so; a comma is the default and left out.
    expect(evaluateArgs('u1', setup({ format: 'csv', delimiter: ';', columns: { user: 'x', item: 'y', time: '' } })).delimiter).toBe(';');
    expect(evaluateArgs('u1', setup({ format: 'udata', delimiter: '\t' })).delimiter).toBeUndefined();
  });

  it('reads the columns of a header separated by commas, semicolons, tabs or bars', () => {
    expect(guessCsvDelimiter('user;item;"when; exactly"')).toBe(';');
    expect(guessCsvDelimiter('user\titem\tts')).toBe('\t');
    expect(guessCsvDelimiter('user|item')).toBe('|');
    expect(guessCsvDelimiter('user,item,rating')).toBe(',');
    expect(guessCsvDelimiter('single')).toBe(',');
    expect(headerColumns('listener;track;"played; at"', ';')).toEqual(['listener', 'track', 'played; at']);
  });

  it('toggles a model and keeps the catalogue order', () => {
    expect(toggleModel(['ease'], 'popularity', true)).toEqual(['popularity', 'ease']);
    expect(toggleModel(all, 'neumf', false)).toEqual(['popularity', 'itemknn', 'als', 'bpr', 'ease']);
  });

  it('says the upload in bytes', () => {
    expect(uploadLine(1.5 * 1024 * 1024, 6 * 1024 * 1024)).toBe('1.5 MB of 6.0 MB');
  });
});

describe('the result', () => {
  it('reads a job result, and refuses what is not one', () => {
    expect(readRatingsEvaluation(evaluation())).toEqual(evaluation());
    const noK = evaluation() as unknown as { protocol: Record<string, unknown> };
    delete noK.protocol.k;
    expect(readRatingsEvaluation(noK)?.protocol.k).toBe(10);
    expect(readRatingsEvaluation(null)).toBeNull();
    expect(readRatingsEvaluation({ runId: 'x' })).toBeNull();
    expect(readRatingsEvaluation({ ...evaluation(), rows: [{ name: 'x' }] })).toBeNull();
  });

  it('marks the best row by NDCG@10 (then HR@10), and none when every model scored 0', () => {
    expect([...bestRows(evaluation().rows)]).toEqual(['itemknn']);
    expect([...bestRows([{ name: 'a', hr10: 0.5, ndcg10: 0.3, fitSeconds: 0 }, { name: 'b', hr10: 0.6, ndcg10: 0.3, fitSeconds: 0 }])]).toEqual(['b']);
    expect(bestRows([{ name: 'a', hr10: 0, ndcg10: 0, fitSeconds: 0 }]).size).toBe(0);
    expect(bestRows([]).size).toBe(0);
  });

  it('exports the table as CSV with the best row marked', () => {
    expect(ratingsCsv(evaluation())).toBe(
      'model,model id,HR@10,NDCG@10,fit seconds,best\r\nPopularity,popularity,0.31,0.17,0.012,\r\nItem k-NN,itemknn,0.52,0.3012,1.5,yes\r\nEASE,ease,0.5,0.28,9.25,\r\n',
    );
    expect(ratingsCsvFileName('ml-latest-small/Ratings.csv', Date.UTC(2024, 4, 1, 12))).toBe('montage-ratings-evaluation-ml-latest-small-ratings-2024-05-01.csv');
    expect(ratingsCsvFileName('', Date.UTC(2024, 4, 1))).toBe('montage-ratings-evaluation-2024-05-01.csv');
  });

  it('says the protocol, the import and each skip reason with its lines', () => {
    expect(protocolLine(evaluation().protocol)).toBe(
      '610 users × 9,724 items · 100,836 interactions · 600 of 610 users evaluated (latest item held out) · each held-out item ranked among 100 sampled others · top 10 · seed 42',
    );
    expect(importLine(evaluation().import)).toBe('302 rows read · 300 imported · 2 skipped');
    expect(skipWhere({ count: 1, lines: [57] })).toBe('1 row, line 57');
    expect(skipWhere({ count: 2, lines: [57, 120] })).toBe('2 rows, lines 57, 120');
    expect(skipWhere({ count: 4000, lines: [3, 9, 12, 20, 31] })).toBe('4,000 rows, first lines 3, 9, 12, 20, 31');
    expect(skipWhere({ count: 3, lines: [] })).toBe('3 rows');
  });

  it('says a failure once with the file’s name', () => {
    expect(failureText('a.csv', '“a.csv” is not a csv file: there is no column "x"')).toBe('Could not evaluate: “a.csv” is not a csv file: there is no column "x".');
    expect(failureText('a.csv', 'The disk is full.')).toBe('“a.csv” could not be evaluated: The disk is full.');
    expect(failureText('a.csv', '')).toBe('“a.csv” could not be evaluated: the evaluation failed.');
  });

  it('names the models as the catalogue does, whatever the case', () => {
    expect([modelLabel('itemknn'), modelLabel('NeuMF'), modelLabel('item-knn'), modelLabel('mystery')]).toEqual(['Item k-NN', 'NeuMF', 'Item k-NN', 'mystery']);
  });
});
