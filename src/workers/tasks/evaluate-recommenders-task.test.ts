// The evaluate-recommenders task in-process, on real files: it reads a ratings file with damaged
// rows and runs the harness, refuses a file of another format by name, and stops when cancelled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticInteractions } from '../../shared/recommend/synthetic';
import { runEvaluateRecommenders } from './evaluate-recommenders-task';
import { TaskCancelledError, type TaskContext } from './task-context';

/** A ratings file of seeded latent-factor data and two damaged rows at its end; answers its path and row count. */
function ratings(dir: string): { path: string; rows: number } {
  const data = syntheticInteractions({ users: 80, items: 150, factors: 4, interactionsPerUser: 20, popularitySkew: 0.8, seed: 2 });
  const lines = ['userId,movieId,rating,timestamp'];
  for (let i = 0; i < data.user.length; i++) lines.push(`${data.user[i]},${data.item[i]},4,${Math.round(data.time[i]!)}`);
  lines.push('oops', '1,2,4,yesterday');
  const path = join(dir, 'ratings.csv');
  writeFileSync(path, lines.join('\n'));
  return { path, rows: data.user.length };
}

function context(abort = false): TaskContext & { fractions: number[]; messages: string[] } {
  const controller = new AbortController();
  if (abort) controller.abort();
  const fractions: number[] = [];
  const messages: string[] = [];
  return { signal: controller.signal, progress: (p) => fractions.push(p.fraction), message: (m) => messages.push(m), fractions, messages };
}

describe('evaluate-recommenders task', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file, reports the skipped rows, and ranks the models', async () => {
    dir = mkdtempSync(join(tmpdir(), 'montage-eval-'));
    const ctx = context();
    const file = ratings(dir);
    const result = await runEvaluateRecommenders({ path: file.path, name: 'ratings.csv', format: 'movielens-csv', models: ['popularity', 'itemknn'], seed: 4 }, ctx);
    expect(result.task).toBe('evaluate-recommenders');
    expect(result.import).toMatchObject({ rowsRead: file.rows + 2, rowsImported: file.rows, rowsSkipped: 2 });
    expect(result.import.skipped.map((s) => s.lines).flat().sort((a, b) => a - b)).toEqual([file.rows + 2, file.rows + 3]);
    expect(result.protocol).toMatchObject({ users: 80, interactions: file.rows, seed: 4, k: 10 });
    expect(result.protocol.evaluatedUsers).toBeGreaterThan(70);
    expect(result.rows.map((r) => r.name)).toEqual(['popularity', 'itemknn']);
    expect(result.rows[1]!.hr10).toBeGreaterThan(result.rows[0]!.hr10);
    expect(ctx.messages[0]).toBe(`Read ${(file.rows + 2).toLocaleString('en-US')} rows: ${file.rows.toLocaleString('en-US')} imported, 2 skipped.`);
    expect(ctx.fractions.every((f, i) => i === 0 || f >= ctx.fractions[i - 1]!)).toBe(true);
    expect(ctx.fractions.at(-1)).toBeCloseTo(1);
  });

  it('reads a generic CSV separated by semicolons, with its columns named', async () => {
    dir = mkdtempSync(join(tmpdir(), 'montage-eval-'));
    const path = join(dir, 'plays.csv');
    const rows = ['listener;track;"played; at"'];
    for (let u = 0; u < 12; u++) for (let i = 0; i < 6; i++) rows.push(`u${u};t${(u % 3) * 6 + i};${u * 10 + i}`);
    writeFileSync(path, rows.join('\n'));
    const result = await runEvaluateRecommenders(
      { path, name: 'plays.csv', format: 'csv', delimiter: ';', columns: { user: 'listener', item: 'track', time: 'played; at' }, models: ['popularity'], seed: 1 },
      context(),
    );
    expect(result.import).toMatchObject({ rowsImported: 72, rowsSkipped: 0 });
    expect(result.protocol).toMatchObject({ users: 12, items: 18, interactions: 72 });
  });

  it('names the problem with a file of another format', async () => {
    dir = mkdtempSync(join(tmpdir(), 'montage-eval-'));
    const path = join(dir, 'notes.csv');
    writeFileSync(path, 'when,who,what\n1,a,b\n');
    await expect(runEvaluateRecommenders({ path, name: 'notes.csv', format: 'csv', columns: { user: 'who', item: 'track' }, models: ['popularity'], seed: 1 }, context())).rejects.toThrow(
      /“notes\.csv” is not a csv file: there is no column "track"/,
    );
    await expect(runEvaluateRecommenders({ path: join(dir, 'gone.csv'), name: 'gone.csv', format: 'udata', models: ['popularity'], seed: 1 }, context())).rejects.toThrow(/could not read “gone\.csv” \(ENOENT\)/);
  });

  it('stops when cancelled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'montage-eval-'));
    await expect(runEvaluateRecommenders({ path: ratings(dir).path, name: 'ratings.csv', format: 'movielens-csv', models: ['popularity'], seed: 1 }, context(true))).rejects.toBeInstanceOf(TaskCancelledError);
  });
});
