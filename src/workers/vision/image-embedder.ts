// Image embeddings for "find similar" and custom categories: MobileNetV2 as nsfwjs ships it (a
// tfjs layers model, 224 × 224 RGB in 0…1), cut at its global average pool: 1,280 numbers per
// image, L2-normalised, so cosine similarity is a dot product. Frozen: nothing here trains it.
//
// Why the 1,280-d pool and not the 128-d dense layer after it: the dense layers were trained to
// separate nsfwjs's five classes (drawing, hentai, neutral, porn, sexy), so they fold almost every
// everyday photo into "neutral". Measured here: two different darknet sample photos have cosine
// 0.48–0.82 (mean 0.65) at the pool but 0.80–0.99 (mean 0.90) at the dense layer, and
// leave-one-out k-NN accuracy on the Adwaita icons of `montage eval images` (3 categories) is
// 62–71 % (k = 7…1) against 50–65 %.
//
// The image is squashed to 224 × 224 as nsfwjs does (area-averaged when larger, bilinear when
// smaller), keeping everything in frame.
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../shared/api/errors';
import { downscaleRgb } from './downscale';
import { mobileNetV2Files, requireFile } from './model-files';
import { rgbImage, type RgbImage } from './rgb-image';

export const embeddingInputSize = 224;
export const embeddingDims = 1280;
/** The layer whose output is the embedding (MobileNetV2's 7 × 7 average pool, flattened). */
const embeddingLayer = 'flatten_1';

interface BundledModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

async function loadMobileNetV2(): Promise<tf.LayersModel> {
  const files = mobileNetV2Files();
  try {
    const json = requireFile<BundledModelJson>(files.topology);
    const base64 = requireFile<string>(files.weights);
    const bytes = Buffer.from(base64, 'base64');
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
  } catch (err) {
    throw new StudioError('unavailable', `The image embedder could not load MobileNetV2 from ${files.topology}: ${err instanceof Error ? err.message : String(err)}.`);
  }
}

export class ImageEmbedder {
  private constructor(
    private readonly full: tf.LayersModel,
    private readonly model: tf.LayersModel,
  ) {}

  static async load(): Promise<ImageEmbedder> {
    const full = await loadMobileNetV2();
    const model = tf.model({ inputs: full.inputs, outputs: full.getLayer(embeddingLayer).output as tf.SymbolicTensor });
    const embedder = new ImageEmbedder(full, model);
    // Warm-up: the first call sets up kernels.
    await embedder.embed(rgbImage(8, 8));
    return embedder;
  }

  get parameters(): number {
    return this.model.countParams();
  }

  /** The image's embedding: embeddingDims numbers, unit length. */
  async embed(img: RgbImage): Promise<Float32Array> {
    const small = downscaleRgb(img, Math.min(img.width, embeddingInputSize), Math.min(img.height, embeddingInputSize));
    const out = tf.tidy(() => {
      let x = tf.tensor3d(small.data, [small.height, small.width, 3], 'int32').toFloat().div(255);
      if (small.width !== embeddingInputSize || small.height !== embeddingInputSize) x = tf.image.resizeBilinear(x as tf.Tensor3D, [embeddingInputSize, embeddingInputSize], true);
      const e = this.model.predict(x.expandDims(0)) as tf.Tensor;
      return tf.div(e, tf.maximum(tf.norm(e), 1e-12));
    });
    try {
      return new Float32Array(await out.data());
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    // The cut model shares the full model's layers and weights.
    this.full.dispose();
  }
}
