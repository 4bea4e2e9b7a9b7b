// ModelsService on a real host (real SQLite, real folders in a temp data folder), called through
// Host.dispatch as both transports call it, plus the host-only register and shipped discovery.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rename as renameAsync } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedMethods, type ModelInfo, type StudioEvents } from '../../shared/api';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';
import { writeModelFixture } from '../test/model-fixture';
import { DamagedCheckpointError, inspectCheckpoint } from './models-service';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('models service', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host | undefined;
  let logged: string[];
  afterEach(() => {
    vi.restoreAllMocks();
    host?.close();
    host = undefined;
    home?.remove();
  });

  const start = async (shipped: string | null = null): Promise<Host> => {
    logged = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
    host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: shipped });
    await host.shippedModels;
    return host;
  };
  const call = (method: string, args: unknown) => host!.dispatch('models', method, args);
  const events = (h: Host) => {
    const seen: StudioEvents['onModelsChanged'][] = [];
    h.bus.on('onModelsChanged', (e) => seen.push(e));
    return seen;
  };
  /** A finished training folder in the host's staging area. */
  const trained = (h: Host, key: string, options: Parameters<typeof writeModelFixture>[1] = {}) => writeModelFixture(h.models.stagingDir(key), options);

  it('registers a trained model from its staging folder, lists it with its metrics, and gets it', async () => {
    home = tempHome();
    const h = await start();
    const seen = events(h);
    const from = trained(h, 'job-1');
    const model = await h.models.register({
      from,
      mode: 'move',
      origin: 'trained',
      name: 'Lullabies',
      data: { examples: 312, skipped: [{ reason: 'no notes in the window', label: 'silent', count: 28 }], sources: [{ name: 'Demo', examples: 312 }] },
      curve: { steps: [1, 2], loss: [3, 2], kl: [1, 1.5], accuracy: [0.1, 0.2] },
    });
    expect(model).toMatchObject({ name: 'Lullabies', kind: 'melody', configName: 'melody-2bar-tiny', origin: 'trained', vocabulary: 90, steps: 32 });
    expect(model.metrics).toEqual({ accuracy: 0.625, loss: 1.8341, kl: 12.5 });
    expect(model).not.toHaveProperty('dir');
    expect(seen).toEqual([{ reason: 'registered', id: model.id, kind: 'melody' }]);
    // Moved into <data>/models/<id>/, private; the staging folder is gone.
    const folder = join(h.paths.models, model.id);
    expect(h.models.folder(model.id)).toBe(folder);
    expect(readdirSync(folder).sort()).toEqual(['model.json', 'music-model.json', 'weights-00000010.bin']);
    expect(mode(folder)).toBe(0o700);
    expect(existsSync(from)).toBe(false);
    expect(await call('list', {})).toEqual([model]);
    expect(await call('list', { kind: 'drums' })).toEqual([]);
    expect(await call('get', { id: model.id })).toEqual(model);
  });

  it('renames, refusing a name another model of its kind has (any case) but not one of the other kind', async () => {
    home = tempHome();
    const h = await start();
    const a = await h.models.register({ from: trained(h, 'a'), mode: 'move', origin: 'trained', name: 'Lullabies' });
    const b = await h.models.register({ from: trained(h, 'b'), mode: 'move', origin: 'trained', name: 'Marches' });
    const drums = await h.models.register({ from: trained(h, 'c', { manifest: { kind: 'drums' } }), mode: 'move', origin: 'trained', name: 'Beats' });
    const seen = events(h);
    await expect(call('rename', { id: b.id, name: ' LULLABIES ' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/A melody model named “LULLABIES” already exists/) });
    expect(await call('rename', { id: drums.id, name: 'lullabies' })).toMatchObject({ name: 'lullabies', kind: 'drums' });
    expect(await call('rename', { id: a.id, name: 'Cradle songs' })).toMatchObject({ id: a.id, name: 'Cradle songs' });
    expect(seen.map((e) => e.reason)).toEqual(['renamed', 'renamed']);
    await expect(call('rename', { id: a.id, name: '' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'name' }] });
    await expect(call('rename', { id: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'invalid-argument', issues: [{ path: 'id' }] });
    await expect(call('rename', { id: '7d4f6a36-4d55-4a0e-9c53-8f6a3e0e1a11', name: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('gives a registered model a free name when its name is taken, so a finished training is never lost', async () => {
    home = tempHome();
    const h = await start();
    await h.models.register({ from: trained(h, 'a'), mode: 'move', origin: 'trained', name: 'Take' });
    const second = await h.models.register({ from: trained(h, 'b'), mode: 'move', origin: 'trained', name: 'take' });
    expect(second.name).toBe('take (2)');
  });

  it('deletes a trained model with its folder, and refuses a shipped one with a clear message', async () => {
    home = tempHome();
    const shipped = join(home.dir, 'shipped');
    writeModelFixture(join(shipped, 'melody-basic'), { manifest: { name: 'Basic melodies' } });
    const h = await start(shipped);
    const [basic] = (await call('list', {})) as ModelInfo[];
    expect(basic).toMatchObject({ name: 'Basic melodies', origin: 'shipped' });
    const mine = await h.models.register({ from: trained(h, 'a'), mode: 'move', origin: 'trained', name: 'Mine' });
    const seen = events(h);
    expect(await call('delete', { id: mine.id })).toEqual({ id: mine.id });
    expect(existsSync(join(h.paths.models, mine.id))).toBe(false);
    expect(seen).toEqual([{ reason: 'deleted', id: mine.id, kind: 'melody' }]);
    await expect(call('delete', { id: mine.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('delete', { id: basic!.id })).rejects.toMatchObject({
      code: 'conflict',
      message: '“Basic melodies” came with Montage and cannot be deleted; only models trained here can be.',
    });
    expect(existsSync(join(h.paths.models, basic!.id, 'model.json'))).toBe(true);
    expect(((await call('list', {})) as ModelInfo[]).map((m) => m.id)).toEqual([basic!.id]);
  });

  it('keeps the folder when removing the row fails (another program holds the database)', async () => {
    home = tempHome();
    const h = await start();
    const mine = await h.models.register({ from: trained(h, 'a'), mode: 'move', origin: 'trained', name: 'Mine' });
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(h.paths.database);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(call('delete', { id: mine.id })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/holding it locked/) });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(readdirSync(join(h.paths.models, mine.id))).toContain('model.json');
    expect(await call('get', { id: mine.id })).toMatchObject({ name: 'Mine' });
  });

  it('refuses a damaged checkpoint with a clear error and registers nothing', async () => {
    home = tempHome();
    const h = await start();
    const cases: [Parameters<typeof writeModelFixture>[1], RegExp][] = [
      [{ noManifest: true }, /music-model\.json is missing/],
      [{ rawManifest: '{not json' }, /music-model\.json is not valid JSON/],
      [{ manifest: { format: 'something-else' } }, /music-model\.json is not a Montage model manifest \(format: format must be "montage-music-model"/],
      [{ manifest: { kind: 'bass' } }, /music-model\.json is not a Montage model manifest \(kind:/],
      [{ noModelJson: true }, /model\.json is missing/],
      [{ noWeights: true }, /the weights file weights-00000010\.bin is missing/],
      [{ weightBytes: 20 }, /weights-00000010\.bin holds 20 bytes where model\.json needs 32/],
    ];
    for (const [i, [options, reason]] of cases.entries()) {
      const from = trained(h, `bad-${i}`, options);
      const attempt = h.models.register({ from, mode: 'move', origin: 'trained', name: `Bad ${i}` });
      await expect(attempt).rejects.toBeInstanceOf(DamagedCheckpointError);
      await expect(attempt).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(new RegExp(`^The checkpoint ${from} is damaged: `)) });
      await expect(attempt).rejects.toThrow(reason);
      // The folder stays where it was for the user (or the job) to look at.
      expect(existsSync(from)).toBe(true);
    }
    expect(await call('list', {})).toEqual([]);
    expect(readdirSync(h.paths.models).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('refuses a model.json that points outside its folder', async () => {
    home = tempHome();
    const dir = writeModelFixture(join(home.dir, 'evil'));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    json.weightsManifest[0]!.paths = ['../../etc/passwd'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expect(inspectCheckpoint(dir)).rejects.toThrow(/names a weights file outside the folder/);
  });

  it('is not an API a page can call to register a model', () => {
    expect([...allowedMethods].filter((m) => m.startsWith('models.')).sort()).toEqual(['models.delete', 'models.get', 'models.list', 'models.rename']);
  });

  it('registers shipped models at start-up once, skips a damaged one without failing start-up, and updates a changed one in place', async () => {
    home = tempHome();
    const shipped = join(home.dir, 'shipped');
    writeModelFixture(join(shipped, 'melody-basic'), { manifest: { name: 'Basic melodies' }, card: '# Basic melodies\n' });
    writeModelFixture(join(shipped, 'drums-basic'), { manifest: { kind: 'drums', name: 'Basic drums', configName: 'drums-2bar' } });
    writeModelFixture(join(shipped, 'broken'), { weightBytes: 7 });
    let h = await start(shipped);
    const scan = await h.shippedModels;
    expect(scan.registered.sort()).toEqual(['drums-basic', 'melody-basic']);
    expect(scan.skipped).toEqual([{ folder: 'broken', reason: expect.stringMatching(/is damaged: weights-00000010\.bin holds 7 bytes where model\.json needs 32/) }]);
    expect(logged.some((l) => l.includes('skipped the shipped model') && l.includes('broken'))).toBe(true);
    const first = (await call('list', {})) as ModelInfo[];
    expect(first.map((m) => [m.name, m.kind, m.origin]).sort()).toEqual([
      ['Basic drums', 'drums', 'shipped'],
      ['Basic melodies', 'melody', 'shipped'],
    ]);
    const melody = first.find((m) => m.kind === 'melody')!;
    expect(readdirSync(join(h.paths.models, melody.id)).sort()).toEqual(['MODEL_CARD.md', 'model.json', 'music-model.json', 'weights-00000010.bin']);
    expect(mode(join(h.paths.models, melody.id, 'weights-00000010.bin'))).toBe(0o600);
    host!.close();

    // The same folders again: nothing new.
    h = await start(shipped);
    const again = await h.shippedModels;
    expect(again.registered).toEqual([]);
    expect(again.unchanged.sort()).toEqual(['drums-basic', 'melody-basic']);
    expect(await call('list', {})).toEqual(first);
    host!.close();

    // A new version of one shipped model: same id and name, new metrics.
    writeModelFixture(join(shipped, 'melody-basic'), { manifest: { name: 'Basic melodies', metrics: { accuracy: 0.9 } } });
    h = await start(shipped);
    const third = await h.shippedModels;
    expect(third.updated).toEqual(['melody-basic']);
    const updated = (await call('get', { id: melody.id })) as ModelInfo;
    expect(updated).toMatchObject({ id: melody.id, name: 'Basic melodies', metrics: { accuracy: 0.9 } });
    expect(readdirSync(h.paths.models).filter((n) => n.startsWith('.partial-') || n.startsWith('.deleting-'))).toEqual([]);
  });

  it('registers nothing and says nothing when the shipped folder does not exist', async () => {
    home = tempHome();
    const h = await start(join(home.dir, 'no-such-folder'));
    expect(await h.shippedModels).toEqual({ registered: [], updated: [], unchanged: [], skipped: [] });
    expect(logged).toEqual([]);
    expect(await call('list', {})).toEqual([]);
  });

  it('re-copies a shipped model whose folder in the data folder went missing', async () => {
    home = tempHome();
    const shipped = join(home.dir, 'shipped');
    writeModelFixture(join(shipped, 'melody-basic'));
    let h = await start(shipped);
    const [m] = (await call('list', {})) as ModelInfo[];
    host!.close();
    await renameAsync(join(h.paths.models, m!.id), join(home.dir, 'moved-away'));
    h = await start(shipped);
    expect((await h.shippedModels).updated).toEqual(['melody-basic']);
    expect(existsSync(join(h.paths.models, m!.id, 'music-model.json'))).toBe(true);
  });

  it('updates a shipped model whose continuation companion alone was retrained', async () => {
    home = tempHome();
    const shipped = join(home.dir, 'shipped');
    writeModelFixture(join(shipped, 'melody-basic'));
    writeFileSync(join(shipped, 'melody-basic', 'continuation.json'), JSON.stringify({ accuracy: 0.6 }));
    await start(shipped);
    const [m] = (await call('list', {})) as ModelInfo[];
    host!.close();
    let h = await start(shipped);
    expect((await h.shippedModels).unchanged).toEqual(['melody-basic']);
    host!.close();
    writeFileSync(join(shipped, 'melody-basic', 'continuation.json'), JSON.stringify({ accuracy: 0.7 }));
    h = await start(shipped);
    expect((await h.shippedModels).updated).toEqual(['melody-basic']);
    expect(JSON.parse(readFileSync(join(h.paths.models, m!.id, 'continuation.json'), 'utf8'))).toEqual({ accuracy: 0.7 });
  });

  it('tidies temp folders a crash left in models/ at start-up', async () => {
    home = tempHome();
    const models = join(home.dir, 'data', 'models');
    mkdirSync(join(models, '.partial-x'), { recursive: true });
    mkdirSync(join(models, '.deleting-y'), { recursive: true });
    mkdirSync(join(models, 'keep-me'), { recursive: true });
    await start();
    expect(readdirSync(models).sort()).toEqual(['keep-me']);
  });
});
