// Insights on a real host (SQLite, document store): activity by day and view, keep rates by model
// and temperature, instruments taken up in songs, keys and tempos of songs, characters and
// locations of scripts, recommendation click-through.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';
import { viewOf } from './insights-service';

const day = 86_400_000;

describe('insights', () => {
  let home: ReturnType<typeof tempHome> | undefined;
  let host: Host | undefined;
  afterEach(() => {
    host?.close();
    home?.remove();
  });

  it('sorts event types into the views of the activity chart', () => {
    expect(viewOf('generation.kept', 'model')).toBe('Generate');
    expect(viewOf('document.opened', 'script')).toBe('Scripts');
    expect(viewOf('document.edited', 'instrument')).toBe('Songs');
    expect(viewOf('recommendation.clicked', 'song')).toBe('For you');
    expect(viewOf('benchmark.started', 'job')).toBe('Other');
  });

  it('aggregates the history and reads the songs and scripts', async () => {
    home = tempHome();
    host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
    const { api } = host;
    const project = await api.projects.create({ name: 'Demo' });
    const song = await api.documents.create({ projectId: project.id, kind: 'song', name: 'Tune' });
    const opened = await api.documents.open({ id: song.id });
    const track = { id: 't1', name: 'Bass', program: 33, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [] };
    await api.documents.edit({
      id: song.id,
      baseRev: opened.info.rev,
      label: 'Set up',
      ops: [
        { type: 'addTrack', track },
        { type: 'setTempos', tempos: [{ tick: 0, bpm: 96 }] },
        { type: 'setKeySignatures', keySignatures: [{ tick: 0, tonic: 9, mode: 'minor' }] },
      ],
    });
    await api.scripts.create({ projectId: project.id, name: 'Pilot', fountain: 'INT. KITCHEN - NIGHT\n\nBRICK\nHello.\n\nMARA\nHi.\n\nBRICK\nAgain.\n\nEXT. ROOF - DAY\n\nMARA\nUp here.\n' });
    const model = 'model:00000000-0000-4000-8000-000000000001';
    await api.history.record({ type: 'generation.kept', item: model, projectId: project.id, data: { mode: 'generate', args: { temperature: 0.8 } } });
    await api.history.record({ type: 'generation.discarded', item: model, projectId: project.id, data: { mode: 'generate', args: { temperature: 0.8 }, index: 1 } });
    await api.history.record({ type: 'generation.discarded', item: model, projectId: project.id, data: { mode: 'generate', args: { temperature: 1.2 } } });
    await api.history.record({ type: 'recommendation.shown', item: `song:${song.id}` });
    await api.history.record({ type: 'recommendation.shown', item: 'instrument:33' });
    await api.history.record({ type: 'recommendation.clicked', item: `song:${song.id}` });
    await api.history.record({ type: 'song.played', item: `song:${song.id}`, projectId: project.id });

    const insights = await api.insights.overview({ days: 7 });
    expect(insights.days).toBe(7);
    expect(insights.from).toBe((Math.floor(Date.now() / day) - 6) * day);
    const today = (view: string) => insights.activity.counts[insights.activity.views.indexOf(view as never)]?.[6];
    // The kept result's preset event is not a second action.
    expect((await api.history.list({ types: ['preset.kept'], limit: 10 })).length).toBe(1);
    expect(today('Generate')).toBe(3);
    expect(today('For you')).toBe(3);
    expect(today('Projects')).toBe(1);
    // Created, edited (song and instrument), played; the script's creation.
    expect(today('Songs')).toBe(4);
    expect(today('Scripts')).toBe(1);
    expect(insights.activity.counts.every((c) => c.length === 7 && c.slice(0, 6).every((n) => n === 0))).toBe(true);
    expect(insights.keepRate).toEqual([
      { model: model.slice(6), modelName: 'A deleted model', temperature: 0.8, kept: 1, discarded: 1 },
      { model: model.slice(6), modelName: 'A deleted model', temperature: 1.2, kept: 0, discarded: 1 },
    ]);
    expect(insights.instruments).toEqual([{ label: 'Electric Bass (finger)', count: 1 }]);
    expect(insights.keys).toEqual([{ label: 'A minor', songs: 1 }]);
    expect(insights.tempos).toEqual([{ label: '90–99 bpm', songs: 1 }]);
    expect(insights.characters).toEqual([
      { name: 'BRICK', lines: 2, scripts: 1 },
      { name: 'MARA', lines: 2, scripts: 1 },
    ]);
    expect(insights.locations).toEqual([
      { name: 'KITCHEN', scenes: 1, scripts: 1 },
      { name: 'ROOF', scenes: 1, scripts: 1 },
    ]);
    expect(insights.recommendations).toEqual([
      { kind: 'song', shown: 1, clicked: 1 },
      { kind: 'instrument', shown: 1, clicked: 0 },
    ]);
    expect(insights.documents).toEqual({ songs: 1, scripts: 1 });
  });
});
