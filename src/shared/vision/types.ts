// The shapes of image recognition results, shared by the image-tagger session (src/workers/vision),
// the host and the CLI: a box in image pixels, a detected object (COCO class name, score, box), and
// a stored embedding for "find similar" and custom categories.

/** A rectangle in the pixels of the image as displayed (EXIF orientation applied), top-left origin. */
export interface ImageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One detected object: its class name (lower case, as the detector names it), score in [0, 1] and box. */
export interface ImageTag {
  label: string;
  score: number;
  box: ImageBox;
}

/** An image's embedding as stored: an id chosen by the caller and an L2-normalised vector. */
export interface StoredEmbedding {
  id: string;
  vector: Float32Array;
}

/** An embedding with the custom category a user gave its image. */
export interface LabelledEmbedding {
  label: string;
  vector: Float32Array;
}
