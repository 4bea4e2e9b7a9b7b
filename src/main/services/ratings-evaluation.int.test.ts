// Evaluating an interactions file in the studio: chunked upload into the data folder, then an
// evaluate-recommenders job in a real worker process (dist/workers), its result on the job, and the
// uploaded file removed when the job ends; cancelled uploads, refused sizes and wrong chunk order.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxRatingsBytes, type Job, type RatingsEvaluation } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { createHost, type Host } from '../host';
import { jobFinished } from '../test/host-jobs';
import { tempHome } from '../test/temp-home';

/** Two taste groups of listeners, a MovieLens ratings.csv, with one damaged row. */
function ratingsCsv(): string {
  const lines = ['userId,movieId,rating,timestamp'];
  for (let u = 0; u < 60; u++) for (let k = 0; k < 8; k++) lines.push(`${u},${(u % 2) * 20 + ((k * 3 + u) % 20)},4,${k}`);
  lines.splice(5, 0, '7,,4,1');
  return lines.join('\n');
}

describe('evaluating a ratings file in the studio', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  const call = <T>(method: string, args: unknown) => host.dispatch('recommend', method, args) as Promise<T>;
  const uploadsDir = () => join(home.dir, 'uploads', 'ratings');
  const finished = (id: string): Promise<Job> => jobFinished(host, id);
  const upload = async (text: string, chunk = 1000): Promise<string> => {
    const bytes = Buffer.from(text);
    const { uploadId } = await call<{ uploadId: string }>('beginRatingsUpload', { name: 'ratings.csv', bytes: bytes.length });
    for (let i = 0; i * chunk < bytes.length; i++) await call('uploadRatingsChunk', { uploadId, index: i, data: bytes.subarray(i * chunk, (i + 1) * chunk).toString('base64') });
    return uploadId;
  };

  beforeEach(() => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'serve', probe: false, shippedModelsDir: null });
  });
  afterEach(() => {
    host.close();
    home.remove();
  });

  it('uploads the file, runs the harness as a job, keeps the table on the job and removes the file', async () => {
    const uploadId = await upload(ratingsCsv());
    expect(readdirSync(uploadsDir())).toEqual([`${uploadId}.part`]);
    const job = await call<Job>('evaluateRatings', { uploadId, format: 'movielens-csv', models: ['popularity', 'itemknn'], seed: 2 });
    expect(job).toMatchObject({ kind: 'evaluate-recommenders', title: 'Evaluate recommenders on “ratings.csv”' });
    const done = await finished(job.id);
    expect(done.status).toBe('succeeded');
    const result = done.result as unknown as RatingsEvaluation;
    expect(result.file).toBe('ratings.csv');
    expect(result.import).toMatchObject({ rowsRead: 481, rowsImported: 480, rowsSkipped: 1 });
    expect(result.protocol).toMatchObject({ users: 60, items: 40, interactions: 480, seed: 2 });
    expect(result.rows.map((r) => r.name)).toEqual(['popularity', 'itemknn']);
    expect(result.rows[1]!.hr10).toBeGreaterThan(result.rows[0]!.hr10);
    expect(done.messages.map((m) => m.text)).toContain('Read 481 rows: 480 imported, 1 skipped.');
    await expect.poll(() => readdirSync(uploadsDir())).toEqual([]);
    // The upload is gone: it cannot be evaluated twice.
    expect((await rejection(call('evaluateRatings', { uploadId, format: 'movielens-csv' }))).code).toBe('not-found');
  });

  it('fails the job with the reason when the file is not the format, and removes it', async () => {
    const uploadId = await upload('when,who,what\n1,a,b\n');
    const job = await call<Job>('evaluateRatings', { uploadId, format: 'csv', columns: { user: 'who', item: 'track' }, models: ['popularity'] });
    const done = await finished(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/“ratings\.csv” is not a csv file: there is no column "track"/);
    await expect.poll(() => readdirSync(uploadsDir())).toEqual([]);
  });

  it('refuses what is too big, out of order or unfinished, and forgets a cancelled upload', async () => {
    expect((await rejection(call('beginRatingsUpload', { name: 'huge.csv', bytes: maxRatingsBytes + 1 }))).message).toMatch(/up to 256 MB/);
    const { uploadId } = await call<{ uploadId: string }>('beginRatingsUpload', { name: 'r.csv', bytes: 10 });
    expect((await rejection(call('uploadRatingsChunk', { uploadId, index: 1, data: Buffer.from('abc').toString('base64') }))).message).toMatch(/chunk 0 was expected/);
    await call('uploadRatingsChunk', { uploadId, index: 0, data: Buffer.from('abc').toString('base64') });
    expect((await rejection(call('evaluateRatings', { uploadId, format: 'udata' }))).message).toMatch(/Only 3 of the 10 bytes/);
    expect((await rejection(call('evaluateRatings', { uploadId, format: 'csv' }))).message).toMatch(/needs its user and item columns/);
    await call('cancelRatingsUpload', { uploadId });
    expect(readdirSync(uploadsDir())).toEqual([]);
    expect((await rejection(call('uploadRatingsChunk', { uploadId, index: 1, data: 'YWJj' }))).code).toBe('not-found');
    expect(existsSync(join(home.dir, 'uploads', 'ratings'))).toBe(true);
  });
});
