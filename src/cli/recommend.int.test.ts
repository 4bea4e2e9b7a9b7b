// `montage eval recommend` and `montage history` as a user runs them: the built CLI in its own
// process, on an interactions file with damaged rows, on a CSV with a column mapping, on the local
// history of a data folder, and with bad usage.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../main/host';
import { packageRoot } from '../main/paths';
import { tempHome } from '../main/test/temp-home';
import { syntheticInteractions } from '../shared/recommend/synthetic';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');

function run(home: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd: home, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A MovieLens ratings.csv of seeded latent-factor data, with three damaged rows. */
function ratingsFile(dir: string): string {
  const data = syntheticInteractions({ users: 120, items: 300, factors: 4, interactionsPerUser: 25, popularitySkew: 0.8, seed: 5 });
  const lines = ['userId,movieId,rating,timestamp'];
  for (let i = 0; i < data.user.length; i++) lines.push(`${data.user[i]! + 1},${data.item[i]! + 1},4.0,${Math.round(data.time[i]!)}`);
  lines.splice(10, 0, ',5,4.0,100', '7,8,4.0', '9,10,4.0,not-a-time');
  const file = join(dir, 'ratings.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

describe('montage eval recommend and history', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  afterEach(() => home?.remove());

  it('evaluates every model on a ratings file, reports the damaged rows, and beats popularity', () => {
    home = tempHome();
    const file = ratingsFile(home.dir);
    const r = run(home.dir, ['eval', 'recommend', '--data', file, '--models', 'popularity,itemknn,als,bpr,ease', '--seed', '3', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { protocol: Record<string, number>; rows: { name: string; hr10: number; ndcg10: number; fitSeconds: number }[]; import: { rowsRead: number; rowsSkipped: number; skipped: { reason: string; count: number; lines: number[] }[] } };
    expect(result.import.rowsSkipped).toBe(3);
    expect(result.import.skipped.map((s) => s.lines).flat().sort()).toEqual([11, 12, 13]);
    expect(result.protocol).toMatchObject({ users: 120, negatives: 99, seed: 3, k: 10 });
    expect(result.protocol.items).toBeGreaterThan(250);
    expect(result.rows.map((row) => row.name)).toEqual(['popularity', 'itemknn', 'als', 'bpr', 'ease']);
    const hr = Object.fromEntries(result.rows.map((row) => [row.name, row.hr10]));
    for (const name of ['itemknn', 'als', 'ease']) expect(hr[name]).toBeGreaterThan(hr.popularity! + 0.05);
    // The same seed gives the same table.
    const again = JSON.parse(run(home.dir, ['eval', 'recommend', '--data', file, '--models', 'popularity,itemknn', '--seed', '3', '--json']).out) as typeof result;
    expect(again.rows.map((row) => row.hr10)).toEqual(result.rows.slice(0, 2).map((row) => row.hr10));
  });

  it('reads a CSV with a column mapping and prints the table; a mapping that does not fit is refused by name', () => {
    home = tempHome();
    const file = join(home.dir, 'plays.csv');
    const rows = ['when,who,what'];
    // Three groups of ten listeners share six tracks each; each listener's last track differs.
    for (let u = 0; u < 30; u++) for (let k = 0; k < 6; k++) rows.push(`${u * 10 + ((k + u) % 6)},listener ${u},"track, take ${(u % 3) * 6 + k}"`);
    writeFileSync(file, rows.join('\n'));
    const ok = run(home.dir, ['eval', 'recommend', '--data', file, '--format', 'csv', '--user', 'who', '--item', 'what', '--time', 'when', '--models', 'popularity,itemknn']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Read 180 rows: 180 imported, 0 skipped\.$/m);
    expect(ok.out).toMatch(/Leave-one-out on 30 users × 18 items, 180 interactions, seed 1/);
    // Every listener's last track is among their group's: item CF ranks it first, popularity ties it with the rest.
    expect(ok.out).toMatch(/^itemknn\s+1\.0000/m);
    expect(ok.out).toMatch(/^popularity\s+0\.0000/m);
    const bad = run(home.dir, ['eval', 'recommend', '--data', file, '--format', 'csv', '--user', 'who', '--item', 'track']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/plays\.csv is not a csv file: there is no column "track" \(mapped as item\); the header \(line 1\) has columns: "when", "who", "what"/);
    expect(run(home.dir, ['eval', 'recommend', '--data', join(home.dir, 'nope.csv')]).err).toMatch(/nope\.csv: no such file/);
  });

  it('evaluates the local history and lists, pauses and clears it', async () => {
    home = tempHome();
    const host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
    try {
      for (let p = 0; p < 6; p++) {
        const project = await host.api.projects.create({ name: `P${p}` });
        for (const item of ['instrument:0', 'instrument:33', `instrument:${40 + (p % 2)}`]) await host.api.history.record({ type: 'recommendation.clicked', item, projectId: project.id });
      }
    } finally {
      host.close();
    }
    const listed = run(home.dir, ['history', 'list', '--type', 'recommendation.clicked', '--limit', '5', '--json']);
    expect(listed.code).toBe(0);
    const events = (JSON.parse(listed.out) as { events: { type: string; item: string }[] }).events;
    expect(events).toHaveLength(5);
    expect(events[0]).toMatchObject({ type: 'recommendation.clicked', item: 'instrument:41' });
    const table = run(home.dir, ['eval', 'recommend', '--models', 'popularity,itemknn']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/The local history: its studio sessions and projects are the users\./);
    expect(table.out).toMatch(/^itemknn\s+\d\.\d{4}/m);
    expect(JSON.parse(run(home.dir, ['history', 'pause', '--json']).out)).toMatchObject({ paused: true, events: 24 });
    expect(run(home.dir, ['history', 'status']).out).toMatch(/^24 events, .* Recording is paused\.$/m);
    expect(JSON.parse(run(home.dir, ['history', 'clear', '--json']).out)).toEqual({ deleted: 24 });
    const empty = run(home.dir, ['eval', 'recommend']);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/The history has no interactions yet/);
  });

  it('refuses bad usage with exit code 2', () => {
    home = tempHome();
    expect(run(home.dir, ['eval', 'recommend', '--models', 'magic']).err).toMatch(/"magic" is not a model/);
    expect(run(home.dir, ['eval', 'recommend', '--data', 'x.csv', '--format', 'csv']).code).toBe(2);
    expect(run(home.dir, ['eval', 'recommend', '--format', 'udata']).err).toMatch(/describe a --data file/);
    expect(run(home.dir, ['history', 'list', '--type', 'nope']).code).toBe(2);
    expect(run(home.dir, ['history', 'frobnicate']).code).toBe(2);
  });
});
