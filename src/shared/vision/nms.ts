// Non-maximum suppression per class: of two boxes of the same label that overlap by more than the
// IoU threshold, the lower-scoring one goes. Per class, not across classes, because the objects
// a photo pairs most often overlap most (a person on a horse, a dog beside a bicycle): suppressing
// across classes would drop one of them.
import type { ImageBox, ImageTag } from './types';

/** Intersection over union of two boxes; 0 when either is empty. */
export function iou(a: ImageBox, b: ImageBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The tags that survive, highest score first (ties keep their input order). */
export function perClassNms<T extends ImageTag>(tags: readonly T[], iouThreshold = 0.5): T[] {
  const order = tags.map((t, i) => ({ t, i })).sort((a, b) => b.t.score - a.t.score || a.i - b.i);
  const kept: T[] = [];
  for (const { t } of order) {
    if (!kept.some((k) => k.label === t.label && iou(k.box, t.box) > iouThreshold)) kept.push(t);
  }
  return kept;
}
