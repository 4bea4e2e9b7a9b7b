// Area-average downscaling: each output pixel is the mean of the source pixels it covers,
// fractional coverage weighted. It never aliases (a bilinear resize of a 4,000-pixel-wide photo to
// 224 reads 2 of every ~18 source pixels and turns fine texture into noise) and costs one pass per
// axis, which is why large photos are reduced with it before the detector and the embedder see
// them. tfjs's resizeBilinear (without antialiasing) is used only to enlarge.
import { rgbImage, type RgbImage } from './rgb-image';

/** The largest size within maxWidth × maxHeight with the image's aspect ratio; never enlarges. */
export function fitWithin(width: number, height: number, maxWidth: number, maxHeight = maxWidth): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** For each output index, the source indices it covers and their weights (summing to 1). */
function coverage(source: number, target: number): { from: Int32Array; to: Int32Array; index: Int32Array; weight: Float32Array } {
  const scale = source / target;
  const from = new Int32Array(target);
  const to = new Int32Array(target);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < target; o++) {
    const start = o * scale;
    const end = Math.min(source, (o + 1) * scale);
    from[o] = index.length;
    for (let s = Math.floor(start); s < end; s++) {
      const w = Math.min(end, s + 1) - Math.max(start, s);
      if (w > 1e-9) {
        index.push(s);
        weight.push(w / scale);
      }
    }
    to[o] = index.length;
  }
  return { from, to, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}

/** The image reduced to width × height (each at most the source's) by area averaging. */
export function downscaleRgb(img: RgbImage, width: number, height: number): RgbImage {
  const w = Math.max(1, Math.min(img.width, Math.round(width)));
  const h = Math.max(1, Math.min(img.height, Math.round(height)));
  if (w === img.width && h === img.height) return img;
  const src = img.data;
  const cx = coverage(img.width, w);
  const cy = coverage(img.height, h);
  // Horizontal pass: every source row to w columns, in floats.
  const rows = new Float32Array(img.height * w * 3);
  for (let y = 0; y < img.height; y++) {
    const srcRow = y * img.width * 3;
    const outRow = y * w * 3;
    for (let ox = 0; ox < w; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = cx.from[ox]!; i < cx.to[ox]!; i++) {
        const p = srcRow + cx.index[i]! * 3;
        const wt = cx.weight[i]!;
        r += src[p]! * wt;
        g += src[p + 1]! * wt;
        b += src[p + 2]! * wt;
      }
      rows[outRow + ox * 3] = r;
      rows[outRow + ox * 3 + 1] = g;
      rows[outRow + ox * 3 + 2] = b;
    }
  }
  // Vertical pass: h rows of weighted source rows.
  const out = rgbImage(w, h);
  const acc = new Float32Array(w * 3);
  for (let oy = 0; oy < h; oy++) {
    acc.fill(0);
    for (let i = cy.from[oy]!; i < cy.to[oy]!; i++) {
      const base = cy.index[i]! * w * 3;
      const wt = cy.weight[i]!;
      for (let j = 0; j < w * 3; j++) acc[j]! += rows[base + j]! * wt;
    }
    const base = oy * w * 3;
    for (let j = 0; j < w * 3; j++) out.data[base + j] = Math.min(255, Math.max(0, Math.round(acc[j]!)));
  }
  return out;
}
