import { describe, expect, it } from 'vitest';
import { downscaleRgb, fitWithin } from './downscale';
import type { RgbImage } from './rgb-image';

/** A grey image (R = G = B) from rows of values. */
const grey = (rows: number[][]): RgbImage => ({ width: rows[0]!.length, height: rows.length, data: Uint8Array.from(rows.flat().flatMap((v) => [v, v, v])) });
const values = (img: RgbImage): number[][] => Array.from({ length: img.height }, (_, y) => Array.from({ length: img.width }, (_, x) => img.data[(y * img.width + x) * 3]!));

describe('area-average downscaling', () => {
  it('averages 2 × 2 blocks when halving', () => {
    const img = grey([
      [0, 10, 100, 100],
      [20, 30, 100, 200],
      [1, 1, 7, 9],
      [1, 1, 9, 11],
    ]);
    expect(values(downscaleRgb(img, 2, 2))).toEqual([
      [15, 125],
      [1, 9],
    ]);
  });

  it('weights pixels a output pixel covers in part (3 → 2: 1.5 source pixels each)', () => {
    // Left: (90·1 + 30·0.5) / 1.5 = 70; right: (30·0.5 + 0·1) / 1.5 = 10.
    expect(values(downscaleRgb(grey([[90, 30, 0]]), 2, 1))).toEqual([[70, 10]]);
    // One output pixel: the mean of all.
    expect(values(downscaleRgb(grey([[90, 30, 0]]), 1, 1))).toEqual([[40]]);
  });

  it('keeps channels apart and flat colours flat', () => {
    const red: RgbImage = { width: 5, height: 3, data: Uint8Array.from({ length: 45 }, (_, i) => [200, 10, 60][i % 3]!) };
    const small = downscaleRgb(red, 2, 2);
    expect([...small.data]).toEqual([200, 10, 60, 200, 10, 60, 200, 10, 60, 200, 10, 60]);
  });

  it('returns the image itself when asked for its size, and never enlarges', () => {
    const img = grey([[1, 2]]);
    expect(downscaleRgb(img, 2, 1)).toBe(img);
    expect(downscaleRgb(img, 10, 10)).toBe(img);
  });

  it('fits a size within a box, keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024, 1024)).toEqual({ width: 1024, height: 768 });
    expect(fitWithin(500, 2000, 256)).toEqual({ width: 64, height: 256 });
    expect(fitWithin(100, 50, 256)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(10_000, 1, 256)).toEqual({ width: 256, height: 1 });
  });
});
