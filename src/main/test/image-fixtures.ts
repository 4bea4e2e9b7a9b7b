// Images for the tests of images in the app: Debian's darknet sample photos (read in place; the
// tests need `apt-get install darknet`), variants of them made as `montage eval images` makes its
// own (mirrored, cropped, darker; re-encoded as JPEG), files that must be refused (text named
// .jpg, a JPEG cut short), a PNG whole in structure whose pixel data is damaged, and an upload
// through Host.dispatch as the renderer sends one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pngjs from 'pngjs';
import type { Asset } from '../../shared/api';
import { downscaleRgb, fitWithin } from '../../workers/vision/downscale';
import { decodeImage } from '../../workers/vision/image-decode';
import { encodeJpeg } from '../../workers/vision/thumbnail';
import { cropRgb, mirrorRgb, scaleBrightness } from '../../workers/vision/transforms';
import type { Host } from '../host';

export const darknetDir = '/usr/share/darknet/data';

/** A darknet photo's bytes (dog.jpg, horses.jpg, person.jpg, giraffe.jpg, eagle.jpg, kite.jpg, scream.jpg). */
export function darknetPhoto(name: string): Buffer {
  const path = join(darknetDir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install darknet (its sample photos are these tests' images).`);
  return readFileSync(path);
}

export type PhotoVariant = 'mirrored-crop' | 'top-left' | 'bottom-right' | 'centre' | 'darker' | 'mirrored';

/** A variant of a photo as a JPEG (quality 90), at most 1,024 px. */
export function photoVariant(bytes: Uint8Array, variant: PhotoVariant): Buffer {
  const decoded = decodeImage(bytes);
  const size = fitWithin(decoded.width, decoded.height, 1024);
  const img = downscaleRgb(decoded, size.width, size.height);
  const { width: w, height: h } = img;
  const out = {
    'mirrored-crop': () => cropRgb(mirrorRgb(img), w * 0.05, h * 0.05, w * 0.9, h * 0.9),
    mirrored: () => mirrorRgb(img),
    'top-left': () => cropRgb(img, 0, 0, w * 0.85, h * 0.85),
    'bottom-right': () => cropRgb(img, w * 0.15, h * 0.15, w * 0.85, h * 0.85),
    centre: () => cropRgb(img, w * 0.15, h * 0.15, w * 0.7, h * 0.7),
    darker: () => scaleBrightness(img, 0.7),
  }[variant]();
  return Buffer.from(encodeJpeg(out, 90));
}

/** The first `share` of a file: a JPEG cut short as an interrupted copy leaves it. */
export const truncated = (bytes: Buffer, share = 0.6): Buffer => bytes.subarray(0, Math.floor(bytes.length * share));

/** A PNG whose chunks are all there but whose compressed pixels are not zlib data. */
export function damagedPng(): Buffer {
  const { PNG } = pngjs;
  const png = new PNG({ width: 32, height: 32 });
  png.data.fill(200);
  const bytes = Buffer.from(PNG.sync.write(png));
  // The IDAT chunk's data (after length and type), overwritten with bytes that are not deflate.
  const at = bytes.indexOf('IDAT') + 4;
  const length = bytes.readUInt32BE(at - 8);
  bytes.fill(0xff, at, at + length);
  return bytes;
}

/** Uploads a file as the renderer does (begin, 1 MiB chunks, finish) through the host's dispatch. */
export async function uploadFile(host: Host, projectId: string, name: string, bytes: Buffer, clientId = 'c1'): Promise<Asset> {
  const call = (method: string, args: unknown) => host.dispatch('assets', method, args, { clientId });
  const { uploadId, chunkBytes } = (await call('beginUpload', { projectId, name, bytes: bytes.length, mime: '' })) as { uploadId: string; chunkBytes: number };
  for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
    await call('uploadChunk', { uploadId, index: i, data: bytes.subarray(at, at + chunkBytes).toString('base64') });
  }
  return (await call('finishUpload', { uploadId })) as Asset;
}
