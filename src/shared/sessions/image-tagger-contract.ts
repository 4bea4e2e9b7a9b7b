// The "image-tagger" session kind's schemas (the kind itself is listed in protocol.ts's
// sessionContract): a session that holds the COCO object detector and the MobileNetV2 embedder
// (src/workers/vision) and answers with tags, boxes, an embedding and a thumbnail per image file.
// Image files and thumbnails cross the channel as Uint8Array, embeddings and head weights as
// Float32Array: binary under structured clone, never JSON number lists.
import { z } from 'zod';
import { maxImageBytes } from '../vision/image-header';
import { cleanLabel, maxLabelLength } from '../vision/labels';

const uint8Array = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'Expected a Uint8Array.' });
const float32Array = z.custom<Float32Array>((v) => v instanceof Float32Array, { message: 'Expected a Float32Array.' });
const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();
const pixels = z.number().int().min(1).max(1_000_000);

/** The bytes of one JPEG or PNG file (its format is read from them, not from a name). */
const imageFile = uint8Array.refine((b) => b.length > 0 && b.length <= maxImageBytes, { message: `Expected an image file of 1 byte to ${maxImageBytes / 2 ** 20} MB.` });
const fileName = z.string().min(1).max(255);
const imageFormat = z.enum(['jpeg', 'png']);

/** The models are the ones the packages ship: nothing to choose yet. */
export const imageTaggerSpec = z.object({}).strict();

export const imageTagArgs = z
  .object({
    image: imageFile,
    /** The file's name, for messages ("holiday.jpg is a damaged JPEG image…"). */
    name: fileName.optional(),
    /** Leave out objects scored below this. */
    minScore: z.number().min(0.05).max(1).default(0.3),
    /** Of two boxes of one class overlapping more than this, the weaker goes. */
    iouThreshold: z.number().min(0).max(1).default(0.5),
    maxTags: z.number().int().min(1).max(100).default(50),
    /** Thumbnail long side; 0: no thumbnail. */
    thumbnailSize: z.number().int().min(0).max(1024).default(256),
    embedding: z.boolean().default(true),
  })
  .strict();

const boxSchema = z.object({ x: count, y: count, width: count, height: count }).strict();
export const imageTagSchema = z.object({ label: z.string().min(1).max(100), score: z.number().min(0).max(1), box: boxSchema }).strict();

export const imageTagResult = z
  .object({
    method: z.literal('tag'),
    format: imageFormat,
    /** As displayed (EXIF orientation applied); boxes are in these pixels. */
    width: pixels,
    height: pixels,
    orientation: z.number().int().min(1).max(8),
    /** Best first. */
    tags: z.array(imageTagSchema).max(100),
    /** L2-normalised; null when not asked for. */
    embedding: float32Array.nullable(),
    /** A JPEG file; null when not asked for. */
    thumbnail: z.object({ jpeg: uint8Array, width: pixels, height: pixels }).strict().nullable(),
    timings: z.object({ decodeMs: ms, detectMs: ms, embedMs: ms, thumbnailMs: ms, totalMs: ms }).strict(),
  })
  .strict();

export const imageEmbedArgs = z.object({ image: imageFile, name: fileName.optional() }).strict();

export const imageEmbedResult = z
  .object({ method: z.literal('embed'), format: imageFormat, width: pixels, height: pixels, embedding: float32Array, ms })
  .strict();

const headLabel = z
  .string()
  .min(1)
  .max(maxLabelLength * 4)
  .refine((l) => cleanLabel(l) !== '', { message: 'Expected a category name with a printable character.' });

export const imageTrainHeadArgs = z
  .object({
    /** Examples × dims, row-major. */
    embeddings: float32Array.refine((v) => v.length <= 20_000 * 4096 && v.every(Number.isFinite), { message: 'Expected at most 20,000 × 4,096 finite values.' }),
    dims: z.number().int().min(1).max(4096),
    /** The category of each example. */
    labels: z.array(headLabel).min(2).max(20_000),
    epochs: z.number().int().min(1).max(2000).default(100),
    learningRate: z.number().min(1e-5).max(1).default(0.05),
    l2: z.number().min(0).max(1).default(1e-3),
  })
  .strict()
  .refine((a) => a.embeddings.length === a.labels.length * a.dims, { message: 'Expected labels.length × dims values in embeddings.', path: ['embeddings'] });

export const imageTrainHeadPartial = z
  .object({ method: z.literal('trainHead'), epoch: count, epochs: count, loss: z.number(), accuracy: z.number().min(0).max(1) })
  .strict();

export const imageTrainHeadResult = z
  .object({
    method: z.literal('trainHead'),
    labels: z.array(z.string()),
    dims: count,
    /** dims × labels.length, row-major: src/shared/vision/dense-head.ts applies it. */
    weights: float32Array,
    bias: float32Array,
    loss: z.number(),
    /** On the training examples. */
    accuracy: z.number().min(0).max(1),
    epochs: count,
  })
  .strict();
