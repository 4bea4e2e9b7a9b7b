import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { clipTasteFeatures, fitTaste, sceneTasteFeatures, type TasteExample } from './taste';

describe('taste for generated material', () => {
  it('says nothing until it has enough decisions of both kinds', () => {
    const ex = (kept: boolean): TasteExample => ({ x: [1, 2], kept });
    expect(fitTaste([ex(true), ex(false), ex(true)])).toBeNull();
    expect(fitTaste(Array.from({ length: 10 }, () => ex(true)))).toBeNull();
    expect(fitTaste([...Array.from({ length: 5 }, () => ex(true)), ex(false)])).not.toBeNull();
  });

  it('learns that this user keeps sparse, in-key clips and discards busy ones', () => {
    const rng = createRng(3);
    const examples: TasteExample[] = [];
    for (let i = 0; i < 60; i++) {
      const density = 1 + rng.next() * 15;
      const inScale = 0.5 + rng.next() * 0.5;
      const x = clipTasteFeatures({ notes: Math.round(density * 2), density, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: inScale }, 1);
      examples.push({ x, kept: density < 6 && inScale > 0.7 ? rng.next() < 0.9 : rng.next() < 0.1 });
    }
    const model = fitTaste(examples);
    expect(model?.examples).toBe(60);
    const sparse = model!.predict(clipTasteFeatures({ notes: 6, density: 3, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: 0.95 }, 1));
    const busy = model!.predict(clipTasteFeatures({ notes: 28, density: 14, lowPitch: 60, highPitch: 72, bars: 2, inScaleRate: 0.6 }, 1));
    expect(sparse).toBeGreaterThan(0.6);
    expect(busy).toBeLessThan(0.2);
  });

  it('reads scenes as interior, exterior, night, cast size and beat length', () => {
    expect(sceneTasteFeatures({ intExt: 'INT/EXT', time: 'NIGHT', characters: 2, beatWords: 7 })).toEqual([1, 1, 1, 2, 7]);
    expect(sceneTasteFeatures({ intExt: 'EXT', time: 'DAY', characters: 0, beatWords: 0 })).toEqual([0, 1, 0, 0, 0]);
  });
});
