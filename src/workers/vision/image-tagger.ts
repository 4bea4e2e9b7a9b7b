// The image recognizer a model session holds: the COCO detector and the MobileNetV2 embedder,
// loaded once, and what they do with an image file's bytes. `tag` decodes the file, reduces it
// once to at most 1,024 px (area average; the detector reads 512, the embedder 224, thumbnails
// 256), then detects objects, embeds it and makes a thumbnail, timing each stage; `embed` only
// decodes and embeds. Boxes are in the pixels of the image as displayed (EXIF orientation applied).
import type { ImageFormat } from '../../shared/vision/image-header';
import type { ImageTag } from '../../shared/vision/types';
import { CocoDetector, type DetectOptions } from './coco-detector';
import { downscaleRgb, fitWithin } from './downscale';
import { decodeImage, type DecodedImage } from './image-decode';
import { ImageEmbedder } from './image-embedder';
import { rgbImage, type RgbImage } from './rgb-image';
import { defaultThumbnailSize, encodeJpeg, makeThumbnail, type Thumbnail } from './thumbnail';

/** The side every stage reads from (each needs at most 512 px). */
const workingSize = 1024;

export interface TagOptions extends Partial<DetectOptions> {
  /** File name for messages. */
  name?: string;
  /** Thumbnail long side in pixels, or 0 for none (default 256). */
  thumbnailSize?: number;
  /** Whether to compute the embedding (default true). */
  embedding?: boolean;
  /** Called between stages; throws to stop (a cancelled request). */
  between?: () => Promise<void>;
}

export interface TagTimings {
  decodeMs: number;
  detectMs: number;
  embedMs: number;
  thumbnailMs: number;
  totalMs: number;
}

export interface TagResult {
  format: ImageFormat;
  width: number;
  height: number;
  orientation: number;
  tags: ImageTag[];
  embedding: Float32Array | null;
  thumbnail: Thumbnail | null;
  timings: TagTimings;
}

const since = (t: number): number => Math.round((performance.now() - t) * 10) / 10;

export class ImageTagger {
  private constructor(
    readonly detector: CocoDetector,
    readonly embedder: ImageEmbedder,
  ) {}

  static async load(): Promise<ImageTagger> {
    const detector = await CocoDetector.load();
    try {
      const tagger = new ImageTagger(detector, await ImageEmbedder.load());
      // Warm-up of the JavaScript decoder and encoder (the first call of each is several times slower).
      makeThumbnail(decodeImage(encodeJpeg(rgbImage(64, 48))), 32);
      return tagger;
    } catch (err) {
      detector.dispose();
      throw err;
    }
  }

  /** The embedder's weights (the detector is a graph model whose size Human does not report). */
  get parameters(): number {
    return this.embedder.parameters;
  }

  /** Decodes and reduces the file once for every stage. */
  private prepare(bytes: Uint8Array, name: string | undefined): { image: DecodedImage; working: RgbImage; decodeMs: number } {
    const t = performance.now();
    const image = decodeImage(bytes, name);
    const size = fitWithin(image.width, image.height, workingSize);
    const working = downscaleRgb(image, size.width, size.height);
    return { image, working, decodeMs: since(t) };
  }

  async tag(bytes: Uint8Array, options: TagOptions = {}): Promise<TagResult> {
    const start = performance.now();
    const between = options.between ?? (() => Promise.resolve());
    const { image, working, decodeMs } = this.prepare(bytes, options.name);
    await between();
    let t = performance.now();
    const tags = await this.detector.detect(working, image, options);
    const detectMs = since(t);
    await between();
    t = performance.now();
    const embedding = options.embedding === false ? null : await this.embedder.embed(working);
    const embedMs = since(t);
    t = performance.now();
    const side = options.thumbnailSize ?? defaultThumbnailSize;
    const thumbnail = side > 0 ? makeThumbnail(working, side) : null;
    const thumbnailMs = since(t);
    return {
      format: image.format,
      width: image.width,
      height: image.height,
      orientation: image.orientation,
      tags,
      embedding,
      thumbnail,
      timings: { decodeMs, detectMs, embedMs, thumbnailMs, totalMs: since(start) },
    };
  }

  async embed(bytes: Uint8Array, name?: string): Promise<{ format: ImageFormat; width: number; height: number; embedding: Float32Array; ms: number }> {
    const start = performance.now();
    const { image, working } = this.prepare(bytes, name);
    const embedding = await this.embedder.embed(working);
    return { format: image.format, width: image.width, height: image.height, embedding, ms: since(start) };
  }

  dispose(): void {
    this.detector.dispose();
    this.embedder.dispose();
  }
}
