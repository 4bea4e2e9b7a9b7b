// `montage models` as a user runs it: the built CLI (dist/cli/montage.js) in its own process, on a
// temp data folder whose models were registered by a host of the test's own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../shared/api';
import { createHost } from '../main/host';
import { packageRoot } from '../main/paths';
import { writeModelFixture } from '../main/test/model-fixture';
import { tempHome } from '../main/test/temp-home';

const cli = join(packageRoot(), 'dist', 'cli', 'montage.js');
/** The models in the repository's models/shipped/, which every data folder gets. */
const shippedWithMontage = [
  ['Scene drafter (small)', 'scenes', 'shipped'],
  ['drums-2bar', 'drums', 'shipped'],
  ['melody-2bar', 'melody', 'shipped'],
];

function run(home: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--data-dir', join(home, 'data')], { cwd: home, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Registers a trained model "Lullabies" and a shipped "Basic drums" in the home's data folder. */
async function seed(home: string): Promise<{ trained: ModelInfo }> {
  const shipped = join(home, 'shipped');
  writeModelFixture(join(shipped, 'drums-basic'), { manifest: { kind: 'drums', name: 'Basic drums', configName: 'drums-2bar', metrics: { accuracy: 0.91 } } });
  const host = createHost({ dataDir: join(home, 'data'), shell: 'cli', probe: false, shippedModelsDir: shipped });
  try {
    await host.shippedModels;
    const trained = await host.models.register({
      from: writeModelFixture(host.models.stagingDir('job-1')),
      mode: 'move',
      origin: 'trained',
      name: 'Lullabies',
      data: { examples: 12, skipped: [], sources: [{ name: 'groove.mid', examples: 12 }] },
    });
    return { trained };
  } finally {
    host.close();
  }
}

describe('montage models (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
  });
  afterEach(() => home.remove());

  it('lists the models that ship with Montage on a fresh data folder, as text and as one JSON object', () => {
    home = tempHome();
    const json = run(home.dir, ['models', '--json']);
    expect(json).toMatchObject({ code: 0, err: '' });
    const { models } = JSON.parse(json.out) as { models: ModelInfo[] };
    expect(models.map((m) => [m.name, m.kind, m.origin]).sort()).toEqual(shippedWithMontage);
    const table = run(home.dir, ['models']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^melody-2bar\s+melody\s+melody-2bar \(32 steps\)\s+shipped\s.*accuracy 0\.\d+/m);
  });

  it('lists registered models as a table and as {"models": [...]}', async () => {
    home = tempHome();
    const { trained } = await seed(home.dir);
    const json = run(home.dir, ['models', '--json']);
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    expect(json.out.trim().split('\n')).toHaveLength(1);
    const { models } = JSON.parse(json.out) as { models: ModelInfo[] };
    expect(models.map((m) => [m.name, m.kind, m.origin]).sort()).toEqual([['Basic drums', 'drums', 'shipped'], ['Lullabies', 'melody', 'trained'], ...shippedWithMontage].sort());
    expect(models.find((m) => m.name === 'Lullabies')).toEqual(trained);

    const table = run(home.dir, ['models', 'list']);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+CONFIG\s+ORIGIN\s+CREATED\s+METRICS$/);
    expect(lines.find((l) => l.startsWith('Lullabies'))).toMatch(/melody\s+melody-2bar-tiny \(32 steps\)\s+trained\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+accuracy 0\.625, loss 1\.83, kl 12\.5$/);
    expect(lines.find((l) => l.startsWith('Basic drums'))).toMatch(/drums\s+drums-2bar \(32 steps\)\s+shipped\s+.*accuracy 0\.91$/);
  });

  it('deletes a trained model by name, and refuses shipped, unknown and missing names with their exit codes', async () => {
    home = tempHome();
    const { trained } = await seed(home.dir);
    expect(run(home.dir, ['models', 'delete'])).toMatchObject({ code: 2, err: expect.stringMatching(/^montage: usage: montage models/) });
    expect(run(home.dir, ['models', 'rename', 'x'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown models command "rename"/) });
    expect(run(home.dir, ['models', 'delete', 'Nobody'])).toMatchObject({ code: 1, err: expect.stringMatching(/No model is named or has the id “Nobody”/) });
    expect(run(home.dir, ['models', 'delete', 'basic DRUMS'])).toMatchObject({
      code: 1,
      err: 'montage: “Basic drums” came with Montage and cannot be deleted; only models trained here can be.\n',
    });

    const deleted = run(home.dir, ['models', 'delete', 'lullabies', '--json']);
    expect(deleted.err).toBe('');
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.out)).toEqual({ deleted: { id: trained.id, name: 'Lullabies', kind: 'melody' } });
    expect(existsSync(join(home.dir, 'data', 'models', trained.id))).toBe(false);
    const { models } = JSON.parse(run(home.dir, ['models', '--json']).out) as { models: ModelInfo[] };
    expect(models.map((m) => m.name).sort()).toEqual(['Basic drums', 'Scene drafter (small)', 'drums-2bar', 'melody-2bar']);
  });
});
