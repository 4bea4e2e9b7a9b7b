import { describe, expect, it } from 'vitest';
import { parseFountain } from '../fountain-parse';
import { headingParts, scenesOf } from '../scenes';
import { generateSceneScripts } from './synthetic-scenes';

describe('synthetic scene scripts', () => {
  it('are the same for the same seed and inputs, and differ for another seed', () => {
    const options = { seed: 21, scripts: 5, lines: ['We should go now before the tide turns.', 'Nobody ever came back from there.'] };
    expect(generateSceneScripts(options)).toEqual(generateSceneScripts(options));
    expect(generateSceneScripts({ ...options, seed: 22 })).not.toEqual(generateSceneScripts(options));
  });

  it('parse without problems into scenes with valid headings, recurring characters and revisited places', () => {
    for (const text of generateSceneScripts({ seed: 3, scripts: 20, scenes: [6, 12] })) {
      const parsed = parseFountain(text);
      expect(parsed.problems).toEqual([]);
      const scenes = scenesOf(parsed);
      expect(scenes.length).toBeGreaterThanOrEqual(6);
      expect(scenes.length).toBeLessThanOrEqual(12);
      const places = new Set<string>();
      const counts = new Map<string, number>();
      for (const scene of scenes) {
        const parts = headingParts(scene.heading);
        expect(parts.intExt === 'INT' || parts.intExt === 'EXT').toBe(true);
        expect(parts.location.length).toBeGreaterThan(0);
        expect(parts.time).not.toBeNull();
        places.add(parts.location);
        for (const c of scene.characters) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      // Someone appears in several scenes, and some place is visited twice.
      expect(Math.max(...counts.values())).toBeGreaterThan(1);
      expect(places.size).toBeLessThan(scenes.length);
    }
  });

  it('takes dialogue from the given lines', () => {
    const line = 'The lamps are going out all over the harbour.';
    const [text] = generateSceneScripts({ seed: 9, scripts: 1, lines: [line] });
    expect(parseFountain(text!).script.elements.some((e) => e.type === 'dialogue' && e.text === line)).toBe(true);
  });
});
