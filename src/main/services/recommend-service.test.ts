// "For you" from a real event log on SQLite: events → contexts → the harness's model → ranked,
// named items with explanations; the cold start; items whose referent is gone are never offered.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { tempHome } from '../test/temp-home';
import { startSourceThread } from '../test/source-thread';
import { EventLog } from './event-log';
import { createRecommendService as createService, databaseItemNames, type RecommendServiceDeps } from './recommend-service';

const names: Record<string, string> = { 'model:m1': 'Lullabies', 'model:m2': 'Breakbeats' };
const lookup = databaseItemNames({
  document: () => undefined,
  model: (id) => (names[`model:${id}`] ? { name: names[`model:${id}`] as string } : undefined),
  project: (id) => ({ name: `Project ${id}` }),
  asset: () => undefined,
});

// The ranking thread from its source (no dist/ needed); every service's thread ends after its test.
const started: { close(): void }[] = [];
const createRecommendService = (deps: RecommendServiceDeps) => {
  const service = createService({ startThread: () => startSourceThread('src/workers/recommend/recommend-thread.ts'), ...deps });
  started.push(service);
  return service;
};

describe('recommend service', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let db: Db | undefined;
  afterEach(() => {
    for (const service of started.splice(0)) service.close();
    db?.close();
    home?.remove();
  });

  const start = () => {
    home = tempHome();
    db = openDatabase(join(home.dir, 'montage.db'));
    let clock = 1_000_000;
    const sessions = ['s1', 's2', 's3'];
    // One EventLog per studio session, as each host start has.
    const logs = sessions.map((sessionId) => new EventLog(createEventsRepo(db!), { now: () => (clock += 1000), sessionId, log: () => undefined }));
    return { logs, now: () => clock };
  };

  it('says there is nothing yet on an empty history', async () => {
    const { logs } = start();
    const result = await createRecommendService({ log: logs[0]!, names: lookup }).forYou({ limit: 5 });
    expect(result).toMatchObject({ items: [], coldStart: true, interactions: 0 });
    expect(result.message).toMatch(/Nothing to suggest yet/);
  });

  it('learns what is used together across projects, ranks it for now, and says why', async () => {
    const { logs, now } = start();
    // Twelve projects: in each, piano goes with bass (and the melody model), or guitar with strings (and the drum model).
    for (let p = 0; p < 12; p++) {
      const log = logs[p % 3]!;
      const projectId = `p${p}`;
      const pair = p % 2 === 0 ? ['instrument:0', 'instrument:33', 'model:m1'] : ['instrument:25', 'instrument:48', 'model:m2'];
      log.record({ type: 'document.edited', item: 'instrument:127', projectId, data: { p } });
      for (const item of pair) log.record({ type: item.startsWith('model') ? 'generation.kept' : 'document.edited', item, projectId, data: { p } });
    }
    // A model that was deleted since: never offered.
    logs[0]!.record({ type: 'generation.kept', item: 'model:gone', projectId: 'p0' });
    for (const other of logs) other.flush();
    // A month later, in a new session: a new project where the guitar was just taken up.
    let clock = now() + 30 * 86_400_000;
    const log = new EventLog(createEventsRepo(db!), { now: () => (clock += 1000), sessionId: 's4', log: () => undefined });
    log.record({ type: 'document.edited', item: 'instrument:25', projectId: 'new' });
    const service = createRecommendService({ log, names: lookup, now: () => clock });
    const result = await service.forYou({ projectId: 'new' as never, limit: 6 });
    expect(result.coldStart).toBe(false);
    expect(result.model).not.toBe('popularity');
    expect(service.evaluation()?.protocol.evaluatedUsers).toBeGreaterThanOrEqual(8);
    const labels = result.items.map((i) => i.label);
    // Strings and the drum model (used with guitar) come before piano, bass and the melody model.
    const rank = (label: string) => labels.indexOf(label);
    expect(rank('String Ensemble 1')).toBeGreaterThanOrEqual(0);
    expect(rank('Breakbeats')).toBeGreaterThanOrEqual(0);
    for (const other of ['Acoustic Grand Piano', 'Electric Bass (finger)', 'Lullabies']) {
      if (rank(other) >= 0) expect(rank(other)).toBeGreaterThan(Math.max(rank('String Ensemble 1'), rank('Breakbeats')));
    }
    expect(labels).not.toContain('model:gone');
    const strings = result.items.find((i) => i.label === 'String Ensemble 1');
    expect(strings?.because).toContain('Often used with “Acoustic Guitar (steel)”');
    const drumsModel = result.items.find((i) => i.label === 'Breakbeats');
    expect(drumsModel?.because[0]).toBe('You kept 6 generated clips from it');
    // Only the asked kinds, and never an excluded item.
    const models = await service.forYou({ projectId: 'new' as never, kinds: ['model'], exclude: ['model:m2'], limit: 6 });
    expect(models.items.map((i) => i.item)).toEqual(['model:m1']);
    // New events are read on the next call; cleared history is forgotten, the model choice too.
    log.record({ type: 'document.edited', item: 'instrument:40', projectId: 'new' });
    expect((await service.forYou({ projectId: 'new' as never })).interactions).toBe(result.interactions + 1);
    log.clear();
    expect(await service.forYou({})).toMatchObject({ items: [], coldStart: true, interactions: 0 });
    expect(service.evaluation()).toBeNull();
  });

  it('orders generated clips and scene suggestions by what was kept before', async () => {
    const { logs } = start();
    const log = logs[0]!;
    const service = createRecommendService({ log, names: lookup });
    const clip = (density: number) => ({ notes: density * 2, density, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: 1 });
    const candidates = { clips: [{ clip: clip(14), temperature: 1 }, { clip: clip(2), temperature: 1 }] };
    expect(await service.rankGenerated(candidates)).toEqual({ scores: null, learntFrom: 0 });
    // This user keeps sparse clips and discards busy ones.
    for (let i = 0; i < 8; i++) {
      log.record({ type: 'generation.kept', item: 'model:m1', data: { mode: 'generate', clip: clip(1 + (i % 3)), index: i } });
      log.record({ type: 'generation.discarded', item: 'model:m1', data: { mode: 'generate', clip: clip(10 + (i % 4)), index: i } });
    }
    const ranked = await service.rankGenerated({ modelId: 'm1', ...candidates });
    expect(ranked.learntFrom).toBe(16);
    expect(ranked.scores![1]).toBeGreaterThan(0.8);
    expect(ranked.scores![0]).toBeLessThan(0.2);
    // Scenes: night scenes accepted, day scenes rejected.
    for (let i = 0; i < 4; i++) {
      log.record({ type: 'scene.accepted', item: 'model:m2', data: { mode: 'generate', args: { index: i }, scene: { intExt: 'INT', time: 'NIGHT', characters: 2, beatWords: 6 + i } } });
      log.record({ type: 'scene.rejected', item: 'model:m2', data: { mode: 'generate', args: { index: i }, scene: { intExt: 'EXT', time: 'DAY', characters: 2, beatWords: 6 + i } } });
    }
    const scenes = await service.rankGenerated({ modelId: 'm2', scenes: [{ intExt: 'EXT', time: 'DAY', characters: 1, beatWords: 5 }, { intExt: 'INT', time: 'NIGHT', characters: 1, beatWords: 5 }] });
    expect(scenes.scores![1]).toBeGreaterThan(scenes.scores![0]!);
  });

  it('names presets by their model and settings, and never one whose model is gone', () => {
    const names = databaseItemNames({ document: () => undefined, project: () => undefined, asset: () => undefined, model: (id) => (id === '00000000-0000-4000-8000-000000000001' ? { name: 'Lullabies' } : undefined) });
    expect(names.resolve('preset:00000000-0000-4000-8000-000000000001/generate/t0.8/k9m/d6')).toEqual({ label: 'Lullabies · generate · T 0.8 · A minor · 6 per bar', projectId: null, projectName: null });
    expect(names.resolve('preset:00000000-0000-4000-8000-000000000002/generate/t0.8')).toBeNull();
    expect(names.resolve('instrument:drums')).toMatchObject({ label: 'Drum kit' });
    expect(names.resolve('instrument:128')).toBeNull();
  });

  it('offers clips and scenes worked on with what is open now, named, and never one that is gone', async () => {
    const { logs, now } = start();
    const docs: Record<string, { name: string; projectId: string; kind: string }> = {
      s1: { name: 'Pilot', projectId: 'p0', kind: 'script' },
      g1: { name: 'Theme', projectId: 'p0', kind: 'song' },
    };
    const clips: Record<string, { name: string; projectId: string }> = { a1: { name: 'Rain on glass.wav', projectId: 'p0' } };
    const named = databaseItemNames({ document: (id) => docs[id], model: () => undefined, project: (id) => ({ name: `Project ${id}` }), asset: (id) => clips[id] });
    const kitchen = 'scene:s1/INT.%20KITCHEN%20-%20NIGHT';
    // In project after project the theme song goes with the rain clip and the kitchen scene.
    for (let p = 0; p < 10; p++) {
      const log = logs[p % 3]!;
      for (const item of ['song:g1', 'asset:a1', kitchen]) log.record({ type: item.startsWith('asset') ? 'clip.played' : 'document.edited', item, projectId: `p${p}`, data: { p } });
      log.record({ type: 'clip.played', item: 'asset:gone', projectId: `p${p}`, data: { p } });
      log.record({ type: 'document.edited', item: 'scene:gone/EXT.%20ROOF%20-%20DAY', projectId: `p${p}`, data: { p } });
    }
    for (const other of logs) other.flush();
    let clock = now() + 86_400_000;
    const log = new EventLog(createEventsRepo(db!), { now: () => (clock += 1000), sessionId: 's9', log: () => undefined });
    log.record({ type: 'document.opened', item: 'song:g1', projectId: 'p20' });
    const result = await createRecommendService({ log, names: named, now: () => clock }).forYou({ projectId: 'p20' as never, kinds: ['asset', 'scene'], limit: 6 });
    expect(result.items.map((i) => i.item).sort()).toEqual(['asset:a1', kitchen]);
    expect(result.items.find((i) => i.kind === 'asset')).toMatchObject({ label: 'Rain on glass.wav', projectId: 'p0', projectName: 'Project p0' });
    expect(result.items.find((i) => i.kind === 'scene')).toMatchObject({ label: 'INT. KITCHEN - NIGHT · Pilot', projectId: 'p0' });
    expect(result.items.find((i) => i.kind === 'scene')?.because.join(' ')).toMatch(/Theme/);
    // A scene item of a song (not a script) names nothing.
    expect(named.resolve('scene:g1/INT.%20KITCHEN%20-%20NIGHT')).toBeNull();
  });

  it("blends images' tags into the ranking: an image used now brings up others with its tags", async () => {
    const { logs, now } = start();
    const clips: Record<string, { name: string; projectId: string }> = {};
    for (const id of ['dog1', 'dog2', 'dog3', 'sea', 'rain', 'wind']) clips[id] = { name: `${id}.jpg`, projectId: 'p0' };
    const named = databaseItemNames({ document: () => undefined, model: () => undefined, project: (id) => ({ name: `Project ${id}` }), asset: (id) => clips[id] });
    const tags: Record<string, string[]> = { 'asset:dog1': ['dog'], 'asset:dog2': ['dog', 'grass'], 'asset:dog3': ['dog'], 'asset:sea': ['boat'], 'asset:rain': ['umbrella'], 'asset:wind': ['kite'] };
    // Twelve projects: six use the sea, rain and wind photos; six a dog photo with the theme song.
    for (let p = 0; p < 12; p++) {
      const log = logs[p % 3]!;
      const used = p % 2 ? [`asset:dog${1 + ((p >> 1) % 2)}`, 'song:theme'] : ['asset:sea', 'asset:rain', 'asset:wind'];
      for (const item of used) log.record({ type: item.startsWith('song') ? 'document.opened' : 'clip.played', item, projectId: `p${p}`, data: { p } });
    }
    for (const other of logs) other.flush();
    let clock = now() + 86_400_000;
    const log = new EventLog(createEventsRepo(db!), { now: () => (clock += 1000), sessionId: 's9', log: () => undefined });
    // Now: a third dog photo, never used with anything.
    log.record({ type: 'clip.played', item: 'asset:dog3', projectId: 'p20' });
    const ask = async (withTags: boolean) =>
      (
        await createRecommendService({ log, names: named, now: () => clock, ...(withTags ? { itemFeatures: () => tags } : {}) }).forYou({
          projectId: 'p20' as never,
          kinds: ['asset'],
          exclude: ['asset:dog3'],
          limit: 5,
        })
      ).items.map((i) => i.item);
    // The model alone puts the popular photos first; with the tags, the other photo of just a dog
    // joins the most used one at the top.
    const plain = await ask(false);
    const tagged = await ask(true);
    expect(plain.slice(0, 3).sort()).toEqual(['asset:rain', 'asset:sea', 'asset:wind']);
    expect(tagged.slice(0, 2)).toContain('asset:dog1');
    expect(tagged.every((i) => i.startsWith('asset:'))).toBe(true);
  });
});
