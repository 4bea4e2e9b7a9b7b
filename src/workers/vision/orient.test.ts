import { describe, expect, it } from 'vitest';
import { applyOrientation } from './orient';
import type { RgbImage } from './rgb-image';

// A 3 × 2 image whose pixels are numbered 1…6 (row-major) in all three channels:
//   1 2 3
//   4 5 6
const img: RgbImage = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6].flatMap((v) => [v, v, v])) };
const rows = (x: RgbImage): number[][] => Array.from({ length: x.height }, (_, y) => Array.from({ length: x.width }, (_, i) => x.data[(y * x.width + i) * 3]!));

describe('EXIF orientation', () => {
  it.each([
    [1, [[1, 2, 3], [4, 5, 6]]],
    [2, [[3, 2, 1], [6, 5, 4]]],
    [3, [[6, 5, 4], [3, 2, 1]]],
    [4, [[4, 5, 6], [1, 2, 3]]],
    [5, [[1, 4], [2, 5], [3, 6]]],
    [6, [[4, 1], [5, 2], [6, 3]]],
    [7, [[6, 3], [5, 2], [4, 1]]],
    [8, [[3, 6], [2, 5], [1, 4]]],
  ])('orientation %i shows the picture upright', (orientation, expected) => {
    expect(rows(applyOrientation(img, orientation))).toEqual(expected);
  });

  it('leaves unknown values alone', () => {
    expect(applyOrientation(img, 0)).toBe(img);
    expect(applyOrientation(img, 9)).toBe(img);
  });
});
