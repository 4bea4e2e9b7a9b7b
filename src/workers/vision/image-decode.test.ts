// Decoding real files written by real encoders (jpeg-js, pngjs), and the refusals: a text file
// named .jpg, files cut short or corrupted, and a header claiming a huge size.
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { exifSegment, pngHeader } from '../../shared/vision/testing/image-headers';
import { decodeImage } from './image-decode';
import type { RgbImage } from './rgb-image';
import { encodeJpeg } from './thumbnail';

const { PNG } = pngjs;

/** 40 × 30: red, green / blue, white quadrants. */
function quadrants(): RgbImage {
  const width = 40;
  const height = 30;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = y < 15 ? (x < 20 ? [255, 0, 0] : [0, 255, 0]) : x < 20 ? [0, 0, 255] : [255, 255, 255];
      data.set(colour, (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

const pixel = (img: RgbImage, x: number, y: number): number[] => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];
const near = (actual: number[], expected: number[], tolerance = 12): void => actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tolerance));

function png(width: number, height: number, colorType: number, rgba: number[]): Uint8Array {
  const p = new PNG({ width, height, colorType: colorType as 0 | 2 | 4 | 6, inputColorType: 6, inputHasAlpha: true });
  p.data = Buffer.from(Array.from({ length: width * height }, () => rgba).flat());
  return new Uint8Array(PNG.sync.write(p, { colorType: colorType as 0 | 2 | 4 | 6, inputColorType: 6, inputHasAlpha: true }));
}

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('invalid-argument');
    return (err as StudioError).message;
  }
  throw new Error('expected a refusal');
}

describe('decoding images', () => {
  it('decodes a real JPEG to RGB with its colours', () => {
    const img = decodeImage(encodeJpeg(quadrants(), 95), 'q.jpg');
    expect(img).toMatchObject({ format: 'jpeg', width: 40, height: 30, orientation: 1 });
    expect(img.data).toHaveLength(40 * 30 * 3);
    near(pixel(img, 5, 5), [255, 0, 0]);
    near(pixel(img, 35, 5), [0, 255, 0]);
    near(pixel(img, 5, 25), [0, 0, 255]);
    near(pixel(img, 35, 25), [255, 255, 255]);
  });

  it('applies a JPEG’s EXIF orientation (6: stored sideways, shown turned clockwise)', () => {
    const file = encodeJpeg(quadrants(), 95);
    const withExif = Uint8Array.from([0xff, 0xd8, ...exifSegment(6), ...file.subarray(2)]);
    const img = decodeImage(withExif);
    expect(img).toMatchObject({ width: 30, height: 40, orientation: 6 });
    // Turned clockwise: blue (bottom left) is now top left, red top right.
    near(pixel(img, 5, 5), [0, 0, 255]);
    near(pixel(img, 25, 5), [255, 0, 0]);
    near(pixel(img, 25, 35), [0, 255, 0]);
  });

  it('decodes PNG files of every colour type, transparent pixels over white', () => {
    const rgb = decodeImage(png(3, 2, 2, [10, 20, 30, 255]));
    expect(rgb).toMatchObject({ format: 'png', width: 3, height: 2 });
    expect(pixel(rgb, 2, 1)).toEqual([10, 20, 30]);
    expect(pixel(decodeImage(png(2, 2, 0, [90, 90, 90, 255])), 1, 1)).toEqual([90, 90, 90]);
    expect(pixel(decodeImage(png(2, 2, 6, [255, 0, 0, 128])), 0, 0)).toEqual([255, 127, 127]);
    expect(pixel(decodeImage(png(2, 2, 6, [0, 0, 0, 0])), 0, 0)).toEqual([255, 255, 255]);
  });

  it('refuses a text file named .jpg', () => {
    expect(refusal(() => decodeImage(new TextEncoder().encode('FADE IN:\n\nINT. HOUSE - DAY'), 'scene.jpg'))).toBe('scene.jpg is not an image Montage can read (JPEG or PNG).');
  });

  it('refuses JPEG and PNG files cut short or corrupted, naming them', () => {
    const jpeg = encodeJpeg(quadrants(), 95);
    expect(refusal(() => decodeImage(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'cut.jpg'))).toMatch(/^cut\.jpg could not be read as a JPEG image: the file is damaged or cut short \(.+\)\.$/);
    const file = png(20, 20, 2, [10, 20, 30, 255]);
    expect(refusal(() => decodeImage(file.subarray(0, file.length - 20), 'cut.png'))).toMatch(/^cut\.png could not be read as a PNG image: the file is damaged or cut short/);
    const corrupt = Uint8Array.from(file);
    corrupt[40] = corrupt[40]! ^ 0xff;
    expect(refusal(() => decodeImage(corrupt, 'corrupt.png'))).toMatch(/^corrupt\.png could not be read as a PNG image/);
  });

  it('refuses a header claiming a huge size without decoding (or allocating) it', () => {
    const started = performance.now();
    // A valid signature and IHDR for 20,000 × 20,000 (400 megapixels), then nothing.
    expect(refusal(() => decodeImage(pngHeader(20_000, 20_000), 'huge.png'))).toMatch(/huge\.png is 20000 × 20000 pixels \(400 megapixels\); Montage reads images of up to 50 megapixels/);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
