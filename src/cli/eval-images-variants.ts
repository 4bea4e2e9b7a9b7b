// The eight variants of a photo that `montage eval images` groups as one custom category: the
// photo, mirrored, four corner crops of 85 %, a centre crop of 70 % and a darker copy, each
// encoded as a JPEG (quality 90) so that the session decodes it as it would a user's file.
import { downscaleRgb, fitWithin } from '../workers/vision/downscale';
import { decodeImage } from '../workers/vision/image-decode';
import { encodeJpeg } from '../workers/vision/thumbnail';
import { cropRgb, mirrorRgb, scaleBrightness } from '../workers/vision/transforms';

export function photoVariants(bytes: Uint8Array, name: string): { name: string; bytes: Uint8Array }[] {
  const decoded = decodeImage(bytes, name);
  const size = fitWithin(decoded.width, decoded.height, 1024);
  const img = downscaleRgb(decoded, size.width, size.height);
  const { width: w, height: h } = img;
  const cw = w * 0.85;
  const ch = h * 0.85;
  const variants = [
    ['original', img],
    ['mirrored', mirrorRgb(img)],
    ['top-left', cropRgb(img, 0, 0, cw, ch)],
    ['top-right', cropRgb(img, w - cw, 0, cw, ch)],
    ['bottom-left', cropRgb(img, 0, h - ch, cw, ch)],
    ['bottom-right', cropRgb(img, w - cw, h - ch, cw, ch)],
    ['centre', cropRgb(img, w * 0.15, h * 0.15, w * 0.7, h * 0.7)],
    ['darker', scaleBrightness(img, 0.7)],
  ] as const;
  return variants.map(([variant, image]) => ({ name: `${name.replace(/\.[a-z]+$/i, '')}-${variant}.jpg`, bytes: encodeJpeg(image, 90) }));
}
