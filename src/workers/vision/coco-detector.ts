// Object tags for an image: the CenterNet detector @vladmandic/human ships (MobileNetV3 backbone,
// 80 COCO classes, 512 × 512 input), run through human-runtime.ts. The image is area-averaged to
// at most the model's input first (its own resize is bilinear without antialiasing); boxes come
// back as fractions of the input and are scaled to the caller's image, so they are in the
// original photo's pixels however far it was reduced. Scores below minScore go, then per-class
// non-maximum suppression (src/shared/vision/nms.ts), then all but the best maxTags.
import * as tf from '@tensorflow/tfjs';
import { perClassNms } from '../../shared/vision/nms';
import type { ImageTag } from '../../shared/vision/types';
import { downscaleRgb } from './downscale';
import { detectorScoreFloor, disposeHumanDetector, loadHumanDetector, type HumanDetector } from './human-runtime';
import { rgbImage, type RgbImage } from './rgb-image';

/** The detector's input side (centernet.json: 1 × 512 × 512 × 3). */
export const detectorInputSize = 512;

export interface DetectOptions {
  /** Leave out objects scored below this (0.05…1). */
  minScore: number;
  /** Of two boxes of one class overlapping more than this, the weaker goes. */
  iouThreshold: number;
  maxTags: number;
}

export const defaultDetectOptions: DetectOptions = { minScore: 0.3, iouThreshold: 0.5, maxTags: 50 };

export class CocoDetector {
  private constructor(private readonly human: HumanDetector) {}

  /** Loads the model from the installed package and runs it once (kernel set-up) on a blank image. */
  static async load(): Promise<CocoDetector> {
    const detector = new CocoDetector(await loadHumanDetector());
    await detector.detect(rgbImage(64, 64), { width: 64, height: 64 });
    return detector;
  }

  /**
   * Objects in `img`, best first, with boxes in a frame of `size` pixels (the image as the user
   * has it, when `img` is a reduced copy of it).
   */
  async detect(img: RgbImage, size: { width: number; height: number } = img, options: Partial<DetectOptions> = {}): Promise<ImageTag[]> {
    const o = { ...defaultDetectOptions, ...options };
    const input = downscaleRgb(img, Math.min(img.width, detectorInputSize), Math.min(img.height, detectorInputSize));
    const tensor = tf.tidy(() => tf.tensor4d(input.data, [1, input.height, input.width, 3], 'int32').toFloat());
    let objects;
    try {
      const result = await this.human.detect(tensor);
      if (result.error) throw new Error(`The object detector failed: ${result.error}`);
      objects = result.object;
    } finally {
      tensor.dispose();
    }
    const minScore = Math.max(detectorScoreFloor, o.minScore);
    const clip = (v: number, max: number): number => Math.min(max, Math.max(0, v));
    const tags: ImageTag[] = [];
    for (const obj of objects) {
      if (!(obj.score >= minScore)) continue;
      const [x, y, w, h] = obj.boxRaw;
      const x0 = Math.round(clip(x * size.width, size.width));
      const y0 = Math.round(clip(y * size.height, size.height));
      const x1 = Math.round(clip((x + w) * size.width, size.width));
      const y1 = Math.round(clip((y + h) * size.height, size.height));
      if (x1 <= x0 || y1 <= y0) continue;
      tags.push({ label: obj.label, score: obj.score, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
    }
    return perClassNms(tags, o.iouThreshold).slice(0, o.maxTags);
  }

  dispose(): void {
    disposeHumanDetector(this.human);
  }
}
