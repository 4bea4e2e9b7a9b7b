// Applies a JPEG's EXIF orientation (1…8) so that pixels, boxes and thumbnails are in the image as
// it is displayed. Cameras store the sensor's rows and only tag the rotation: a phone photo taken
// upright is often stored sideways with orientation 6.
import { rgbImage, type RgbImage } from './rgb-image';

/** The image as displayed; orientation 1 (or anything outside 2…8) returns the input itself. */
export function applyOrientation(img: RgbImage, orientation: number): RgbImage {
  if (orientation < 2 || orientation > 8 || !Number.isInteger(orientation)) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const out = rgbImage(swap ? h : w, swap ? w : h);
  const W = out.width;
  const H = out.height;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break;
      }
      const from = (sy * w + sx) * 3;
      const to = (y * W + x) * 3;
      out.data[to] = data[from]!;
      out.data[to + 1] = data[from + 1]!;
      out.data[to + 2] = data[from + 2]!;
    }
  }
  return out;
}
