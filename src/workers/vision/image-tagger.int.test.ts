// The real models in-process on the wasm backend (the session process runs the same code; the
// session and CLI tests cover the processes around it): the COCO detector on Debian's darknet
// sample photos (package darknet, read where Debian puts it) and the MobileNetV2 embedder. The
// models load once for the file. Nothing here asserts wall-clock speed.
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { dot } from '../../shared/vision/cosine';
import { predictDenseHead } from '../../shared/vision/dense-head';
import { iou } from '../../shared/vision/nms';
import { selectBackend } from '../backend/select-backend';
import { trainDenseHead } from './dense-head';
import { decodeImage } from './image-decode';
import { embeddingDims } from './image-embedder';
import { ImageTagger } from './image-tagger';
import type { RgbImage } from './rgb-image';
import { encodeJpeg } from './thumbnail';
import { cropRgb, mirrorRgb } from './transforms';

const { PNG } = pngjs;
const darknet = '/usr/share/darknet/data';
const photo = (name: string): Uint8Array => new Uint8Array(readFileSync(join(darknet, name)));

/** Every pixel repeated `factor` times in both directions. */
function enlarge(img: RgbImage, factor: number): RgbImage {
  const width = img.width * factor;
  const height = img.height * factor;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(img.data.subarray(((Math.floor(y / factor) * img.width + Math.floor(x / factor)) * 3), (Math.floor(y / factor) * img.width + Math.floor(x / factor)) * 3 + 3), (y * width + x) * 3);
  }
  return { width, height, data };
}

function toPng(img: RgbImage): Uint8Array {
  const p = new PNG({ width: img.width, height: img.height });
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) p.data.set([img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, 255], j);
  return new Uint8Array(PNG.sync.write(p));
}

let tagger: ImageTagger;

beforeAll(async () => {
  if (!existsSync(join(darknet, 'dog.jpg'))) throw new Error(`${darknet}/dog.jpg is missing: apt-get install darknet (its sample photos are these tests' images).`);
  await selectBackend({ force: 'wasm' });
  tagger = await ImageTagger.load();
});

afterAll(() => tagger?.dispose());

// The dog in dog.jpg (768 × 576), as drawn around it by hand.
const dogBox = { x: 130, y: 215, width: 180, height: 325 };

describe('image tagger (real COCO detector and MobileNetV2)', () => {
  it('finds the dog, the bicycle and the truck in dog.jpg, with the dog’s box on the dog', async () => {
    const r = await tagger.tag(photo('dog.jpg'), { name: 'dog.jpg' });
    expect(r).toMatchObject({ format: 'jpeg', width: 768, height: 576, orientation: 1 });
    const labels = r.tags.map((t) => t.label);
    expect(labels).toContain('dog');
    expect(labels).toContain('bicycle');
    expect(labels.some((l) => l === 'car' || l === 'truck')).toBe(true);
    const dog = r.tags.find((t) => t.label === 'dog')!;
    expect(iou(dog.box, dogBox)).toBeGreaterThan(0.6);
    for (const t of r.tags) {
      expect(t.score).toBeGreaterThanOrEqual(0.3);
      expect(t.box.x + t.box.width).toBeLessThanOrEqual(768);
      expect(t.box.y + t.box.height).toBeLessThanOrEqual(576);
    }
    // Best first, one box per object (per-class suppression).
    expect(r.tags.map((t) => t.score)).toEqual([...r.tags.map((t) => t.score)].sort((a, b) => b - a));
    expect(labels.filter((l) => l === 'dog')).toHaveLength(1);
    expect(r.thumbnail).toMatchObject({ width: 256, height: 192 });
    expect(decodeImage(r.thumbnail!.jpeg)).toMatchObject({ width: 256, height: 192 });
  });

  it('gives boxes in the original image’s pixels, however large, and mirrored with a mirrored photo', async () => {
    const dog = decodeImage(photo('dog.jpg'));
    const big = await tagger.tag(toPng(enlarge(dog, 2)), { name: 'dog-2x.png', minScore: 0.2, embedding: false, thumbnailSize: 0 });
    expect(big).toMatchObject({ format: 'png', width: 1536, height: 1152 });
    const bigDog = big.tags.find((t) => t.label === 'dog')!;
    expect(iou(bigDog.box, { x: dogBox.x * 2, y: dogBox.y * 2, width: dogBox.width * 2, height: dogBox.height * 2 })).toBeGreaterThan(0.6);
    const mirrored = await tagger.tag(encodeJpeg(mirrorRgb(dog), 92), { minScore: 0.2, embedding: false, thumbnailSize: 0 });
    const m = mirrored.tags.find((t) => t.label === 'dog')!;
    expect(iou(m.box, { ...dogBox, x: 768 - dogBox.x - dogBox.width })).toBeGreaterThan(0.6);
  });

  it('finds the people, horses, giraffe, zebra and bird of the other photos', async () => {
    const found = async (name: string): Promise<string[]> => (await tagger.tag(photo(name), { embedding: false, thumbnailSize: 0 })).tags.map((t) => t.label);
    expect(await found('person.jpg')).toEqual(expect.arrayContaining(['person', 'dog']));
    expect(await found('horses.jpg')).toContain('horse');
    expect(await found('giraffe.jpg')).toEqual(expect.arrayContaining(['giraffe', 'zebra']));
    expect(await found('eagle.jpg')).toContain('bird');
    expect(await found('kite.jpg')).toEqual(expect.arrayContaining(['person', 'kite']));
  });

  it('embeds a photo and its slightly cropped copy alike, and different photos apart', async () => {
    const embed = async (bytes: Uint8Array): Promise<Float32Array> => (await tagger.embed(bytes)).embedding;
    const dog = await embed(photo('dog.jpg'));
    expect(dog).toHaveLength(embeddingDims);
    expect(dot(dog, dog)).toBeCloseTo(1, 4);
    const decoded = decodeImage(photo('dog.jpg'));
    const cropped = await embed(encodeJpeg(cropRgb(decoded, 38, 29, 692, 518), 90));
    const same = dot(dog, cropped);
    expect(same).toBeGreaterThan(0.8);
    for (const other of ['eagle.jpg', 'giraffe.jpg', 'kite.jpg', 'scream.jpg']) {
      const d = dot(dog, await embed(photo(other)));
      expect(d, other).toBeLessThan(0.7);
      expect(d, other).toBeLessThan(same - 0.15);
    }
  });

  it('refuses a file that is not an image, then goes on working, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    await expect(tagger.tag(new TextEncoder().encode('not a photo'), { name: 'notes.jpg' })).rejects.toThrow(StudioError);
    await expect(tagger.tag(photo('dog.jpg').subarray(0, 40_000), { name: 'cut.jpg' })).rejects.toThrow(/cut\.jpg could not be read as a JPEG image/);
    await tagger.tag(photo('eagle.jpg'));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a dense head on embeddings with progress, and stops when cancelled', async () => {
    const examples = [];
    for (const name of ['dog.jpg', 'eagle.jpg', 'giraffe.jpg']) {
      const img = decodeImage(photo(name));
      for (const variant of [img, mirrorRgb(img), cropRgb(img, 0, 0, img.width * 0.8, img.height * 0.8)]) {
        examples.push({ label: name, vector: (await tagger.embed(encodeJpeg(variant, 90))).embedding });
      }
    }
    const progress: number[] = [];
    const head = await trainDenseHead(examples, { epochs: 30, onProgress: (p) => progress.push(p.epoch) });
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(head.accuracy).toBe(1);
    expect(head.labels).toEqual(['dog.jpg', 'eagle.jpg', 'giraffe.jpg']);
    for (const e of examples) expect(predictDenseHead(head, e.vector)[0]!.label).toBe(e.label);

    const abort = new AbortController();
    const stopped = trainDenseHead(examples, { epochs: 1000, signal: abort.signal, onProgress: (p) => p.epoch === 3 && abort.abort() });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' });
  });
});
