import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../shared/api';
import { isScenePoints, latestSceneFigures, sceneTrainingSeries } from './scene-train-logic';

const point = (step: number, phase: 'outline' | 'draft', loss: number, heldOut?: number): MetricPoint =>
  ({ step, elapsedMs: step * 10, loss, perplexity: Math.exp(loss), phase, ...(heldOut !== undefined ? { heldOutLoss: heldOut, heldOutPerplexity: Math.exp(heldOut) } : {}) }) as MetricPoint;

describe('scene training charts', () => {
  it('splits the run into the next-scene model’s lines and the draft model’s, on one step axis', () => {
    const points = [point(1, 'outline', 5), point(2, 'outline', 4, 4.5), point(3, 'draft', 7), point(4, 'draft', 6, 6.5)];
    expect(isScenePoints(points)).toBe(true);
    const series = sceneTrainingSeries(points);
    expect(series.steps).toEqual([1, 2, 3, 4]);
    expect(series.loss).toEqual({ outline: [5, 4, null, null], draft: [null, null, 7, 6] });
    expect(series.heldOutLoss).toEqual({ outline: [null, 4.5, null, null], draft: [null, null, null, 6.5] });
    expect(latestSceneFigures(points)).toBe(`step 4 · draft model · loss 6.00 · perplexity ${Math.exp(6).toFixed(1)} · held-out perplexity ${Math.exp(6.5).toFixed(1)} (step 4)`);
  });
});
