import { describe, expect, it } from 'vitest';
import type { RgbImage } from './rgb-image';
import { cropRgb, mirrorRgb, scaleBrightness } from './transforms';

const img: RgbImage = { width: 3, height: 2, data: Uint8Array.from([10, 20, 30, 40, 50, 60].flatMap((v) => [v, v + 1, v + 2])) };
const firstChannel = (x: RgbImage): number[] => Array.from({ length: x.width * x.height }, (_, i) => x.data[i * 3]!);

describe('pixel transforms', () => {
  it('crops, clipping to the image', () => {
    expect(firstChannel(cropRgb(img, 1, 0, 2, 2))).toEqual([20, 30, 50, 60]);
    const clipped = cropRgb(img, 2, 1, 10, 10);
    expect([clipped.width, clipped.height, ...clipped.data]).toEqual([1, 1, 60, 61, 62]);
  });

  it('mirrors left and right, keeping each pixel’s channels', () => {
    const m = mirrorRgb(img);
    expect(firstChannel(m)).toEqual([30, 20, 10, 60, 50, 40]);
    expect([...m.data.subarray(0, 3)]).toEqual([30, 31, 32]);
  });

  it('scales brightness with clamping', () => {
    expect([...scaleBrightness({ width: 1, height: 1, data: Uint8Array.of(100, 200, 0) }, 1.5).data]).toEqual([150, 255, 0]);
  });
});
