import { describe, expect, it } from 'vitest';
import { cardTitle, instrumentOf, newlyShown, recommendationData, targetOf } from './foryou-logic';

describe('For you logic', () => {
  it('opens songs and scripts in their editors, projects, models and instruments', () => {
    expect(targetOf({ item: 'song:s1', kind: 'song', projectId: 'p1' as never }, null)).toEqual({ kind: 'route', route: { name: 'song', projectId: 'p1', docId: 's1' } });
    expect(targetOf({ item: 'script:d1', kind: 'script', projectId: 'p1' as never }, 'p2')).toEqual({ kind: 'route', route: { name: 'script', projectId: 'p1', docId: 'd1' } });
    expect(targetOf({ item: 'song:s1', kind: 'song', projectId: null }, null)).toBeNull();
    expect(targetOf({ item: 'project:p3', kind: 'project', projectId: null }, null)).toEqual({ kind: 'route', route: { name: 'project', projectId: 'p3' } });
    expect(targetOf({ item: 'preset:m/generate/t1', kind: 'preset', projectId: null }, 'p4')).toEqual({ kind: 'preset', projectId: 'p4' });
    expect(targetOf({ item: 'model:m', kind: 'model', projectId: null }, 'p1')).toEqual({ kind: 'route', route: { name: 'models' } });
    expect(targetOf({ item: 'instrument:33', kind: 'instrument', projectId: null }, 'p1')).toEqual({ kind: 'instrument', projectId: 'p1' });
  });

  it('opens a scene in its script at its heading, and a clip in its project', () => {
    expect(targetOf({ item: 'scene:d1/INT.%20KITCHEN%20-%20NIGHT', kind: 'scene', projectId: 'p1' as never }, null)).toEqual({
      kind: 'scene',
      route: { name: 'script', projectId: 'p1', docId: 'd1' },
      heading: 'INT. KITCHEN - NIGHT',
    });
    expect(targetOf({ item: 'scene:d1', kind: 'scene', projectId: 'p1' as never }, null)).toBeNull();
    expect(targetOf({ item: 'asset:a1', kind: 'asset', projectId: 'p1' as never }, 'p2')).toEqual({ kind: 'route', route: { name: 'project', projectId: 'p1' } });
    expect(cardTitle({ label: 'INT. KITCHEN - NIGHT · Pilot', kind: 'scene', projectName: 'Film', because: ['Often used with “Theme”'] })).toBe('Scene: INT. KITCHEN - NIGHT · Pilot — in Film\nOften used with “Theme”');
  });

  it('records each card shown once per load, with its position', () => {
    const items = [{ item: 'song:a' }, { item: 'song:b' }, { item: 'model:c' }];
    expect(newlyShown(items, new Set())).toEqual([
      { item: 'song:a', position: 0 },
      { item: 'song:b', position: 1 },
      { item: 'model:c', position: 2 },
    ]);
    expect(newlyShown(items, new Set(['song:a', 'model:c']))).toEqual([{ item: 'song:b', position: 1 }]);
    expect(recommendationData(2, 'itemknn')).toEqual({ position: 2, model: 'itemknn' });
  });

  it('reads instrument items', () => {
    expect(instrumentOf('instrument:33')).toBe(33);
    expect(instrumentOf('instrument:drums')).toBe('drums');
    expect(instrumentOf('instrument:128')).toBeNull();
    expect(instrumentOf('instrument:x')).toBeNull();
    expect(instrumentOf('song:1')).toBeNull();
  });

  it('says every reason on hover', () => {
    expect(cardTitle({ label: 'Tune', kind: 'song', projectName: 'Demo', because: ['Often used with “A”', 'You kept 2 clips from it'] })).toBe(
      'Song: Tune — in Demo\nOften used with “A”\nYou kept 2 clips from it',
    );
    expect(cardTitle({ label: 'Demo', kind: 'project', projectName: 'Demo', because: [] })).toBe('Project: Demo');
  });
});
