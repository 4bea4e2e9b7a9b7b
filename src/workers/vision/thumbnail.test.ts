import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-decode';
import { rgbImage } from './rgb-image';
import { makeThumbnail } from './thumbnail';

describe('thumbnails', () => {
  it('fit the long side in 256 px, keep the aspect ratio and decode as JPEG', () => {
    const img = rgbImage(1000, 500);
    img.data.fill(200);
    const t = makeThumbnail(img);
    expect([t.width, t.height]).toEqual([256, 128]);
    const back = decodeImage(t.jpeg);
    expect(back).toMatchObject({ format: 'jpeg', width: 256, height: 128 });
    expect(Math.abs(back.data[0]! - 200)).toBeLessThanOrEqual(3);
  });

  it('never enlarge a small image', () => {
    const t = makeThumbnail(rgbImage(40, 90), 256);
    expect([t.width, t.height]).toEqual([40, 90]);
  });
});
