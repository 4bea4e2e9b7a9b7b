import { describe, expect, it } from 'vitest';
import { iou, perClassNms } from './nms';
import type { ImageTag } from './types';

const tag = (label: string, score: number, x: number, y: number, width: number, height: number): ImageTag => ({ label, score, box: { x, y, width, height } });

describe('per-class non-maximum suppression', () => {
  it('computes intersection over union', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 })).toBe(1);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 10, width: 5, height: 5 })).toBe(0);
    expect(iou({ x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0, width: 0, height: 0 })).toBe(0);
  });

  it('drops the weaker of two overlapping boxes of one class, and keeps overlapping boxes of two classes', () => {
    const tags = [tag('dog', 0.2, 124, 201, 189, 337), tag('person', 0.6, 100, 100, 100, 200), tag('dog', 0.41, 124, 208, 188, 334), tag('horse', 0.5, 110, 110, 100, 200)];
    expect(perClassNms(tags)).toEqual([tags[1], tags[3], tags[2]]);
  });

  it('keeps boxes of one class that barely overlap (two horses side by side)', () => {
    const tags = [tag('horse', 0.6, 0, 0, 100, 100), tag('horse', 0.5, 80, 0, 100, 100)];
    expect(perClassNms(tags, 0.5)).toHaveLength(2);
    expect(perClassNms(tags, 0.1)).toHaveLength(1);
  });
});
