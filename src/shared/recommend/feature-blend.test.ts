import { describe, expect, it } from 'vitest';
import { blendFeatures, contentScore, contentWeight, featureProfile } from './feature-blend';

const features = { 'asset:a': ['dog', 'grass'], 'asset:b': ['dog'], 'asset:c': ['boat'], 'asset:now': ['dog'] };

describe('feature blend', () => {
  it('weighs the features of the items used now, and scores items by cosine with them', () => {
    const profile = featureProfile([{ item: 'asset:now', weight: 2 }, { item: 'song:x', weight: 5 }, { item: 'asset:c', weight: 1 }], features);
    expect([...profile]).toEqual([['dog', 2], ['boat', 1]]);
    expect(contentScore(['dog'], profile)).toBeCloseTo(2 / Math.sqrt(5));
    expect(contentScore(['dog', 'grass'], profile)).toBeCloseTo(2 / (Math.sqrt(2) * Math.sqrt(5)));
    expect(contentScore(['kite'], profile)).toBe(0);
    expect(contentScore([], profile)).toBe(0);
    expect(contentScore(['dog'], new Map())).toBe(0);
  });

  it('scales the model\'s scores to 0…1 and adds the content score, leaving ineligible items out', () => {
    const ids = ['song:x', 'asset:a', 'asset:b', 'asset:c', 'song:y'];
    const scores = new Float32Array([10, 2, 0, 6, -Infinity]);
    blendFeatures(scores, ids, features, featureProfile([{ item: 'asset:now', weight: 1 }], features));
    expect(scores[0]).toBeCloseTo(1);
    expect(scores[1]).toBeCloseTo(0.2 + contentWeight / Math.sqrt(2));
    expect(scores[2]).toBeCloseTo(0 + contentWeight);
    expect(scores[3]).toBeCloseTo(0.6);
    expect(scores[4]).toBe(-Infinity);
    // The dog photos now come before the boat, which the model alone put first among the images.
    expect(scores[2]! > scores[3]! && scores[1]! > scores[3]!).toBe(true);
  });

  it('leaves the scores as they are when nothing shares a feature with now', () => {
    const scores = new Float32Array([3, 1]);
    blendFeatures(scores, ['asset:c', 'song:x'], features, featureProfile([{ item: 'asset:now', weight: 1 }], features));
    expect([...scores]).toEqual([3, 1]);
  });
});
