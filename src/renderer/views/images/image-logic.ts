// The Images section's pure parts: refusing a file before any byte is sent (the host's rules:
// JPEG or PNG by the first bytes, at most 64 MB), how scores, similarities and the training result
// read, where a detector box sits over the shown image (in percent of its displayed size, so it
// follows any scaling), and what a card says about its tagging. Kept apart from React for tests.
import type { ImageInfo, ImageTagInfo, TrainCategoriesResult } from '../../../shared/api';
import { sniffImage } from '../../../shared/assets/image-sniff';
import { maxImageBytes, readImageHeader } from '../../../shared/vision/image-header';
import { topTags } from '../../../shared/vision/tag-summary';
import { formatBytes } from '../audio/upload-logic';

/** Bytes read from the start of a file to check it (the header and its frame size). */
export const headBytes = 64 * 1024;

/** A refusal to show at the import control, or null when the file may be sent. */
export function checkImageUpload(name: string, size: number, head: Uint8Array): string | null {
  const quoted = `“${name}”`;
  if (size === 0) return `${quoted} is empty.`;
  if (size > maxImageBytes) return `${quoted} is ${formatBytes(size)}; Montage imports images of up to ${formatBytes(maxImageBytes)}.`;
  if (!sniffImage(head)) {
    try {
      readImageHeader(head, quoted);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    return `${quoted} is not an image Montage can read (JPEG or PNG).`;
  }
  return null;
}

/** "0.87" → "87 %". */
export const percent = (x: number): string => `${Math.round(x * 100)} %`;

/** The chips of a card: the best tag of each label, at most n. */
export const chipTags = (info: Pick<ImageInfo, 'tags'>, n = 3): ImageTagInfo[] => topTags(info.tags, n);

/** A box over the image, in percent of the image's displayed size (clipped to it). */
export function boxStyle(box: { x: number; y: number; width: number; height: number }, width: number, height: number): { left: string; top: string; width: string; height: string } {
  const clip = (v: number, max: number) => Math.max(0, Math.min(max, v));
  const x0 = clip(box.x, width);
  const y0 = clip(box.y, height);
  const x1 = clip(box.x + box.width, width);
  const y1 = clip(box.y + box.height, height);
  const pc = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
  return { left: pc(x0, width), top: pc(y0, height), width: pc(x1 - x0, width), height: pc(y1 - y0, height) };
}

/** What a card says instead of chips while it has none to show. */
export function taggingNote(info: Pick<ImageInfo, 'state' | 'tags'>): string | null {
  if (info.state === 'pending') return 'Waiting to be tagged…';
  if (info.state === 'tagging') return 'Tagging…';
  if (info.state === 'failed') return 'Tagging failed';
  return info.tags.length === 0 ? 'No objects found' : null;
}

/** The training's result in a user's words: which method won and how often it was right. */
export function trainingSummary(r: Pick<TrainCategoriesResult, 'method' | 'k' | 'accuracy' | 'examples' | 'categories'>): string {
  const right = Math.round(r.accuracy * r.examples);
  const method = r.method === 'knn' ? `nearest neighbours (k = ${r.k ?? '?'})` : 'a trained layer (dense head)';
  return `${r.categories} categories from ${r.examples} images: right on ${right} of ${r.examples} images it had not seen (${percent(r.accuracy)}, leave-one-out), with ${method}.`;
}

/** Reads a job's result as a TrainCategoriesResult when it is one. */
export function asTrainingResult(result: Record<string, unknown> | null): TrainCategoriesResult | null {
  if (!result) return null;
  const { method, accuracy, examples, categories } = result;
  if ((method !== 'knn' && method !== 'dense') || typeof accuracy !== 'number' || typeof examples !== 'number' || typeof categories !== 'number') return null;
  return result as unknown as TrainCategoriesResult;
}
