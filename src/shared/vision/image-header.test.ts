import { describe, expect, it } from 'vitest';
import { StudioError } from '../api/errors';
import { displayedSize, maxImageBytes, readImageHeader, sniffImageFormat } from './image-header';
import { exifSegment, jpegHeader, pngHeader } from './testing/image-headers';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(f: () => unknown): StudioError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('invalid-argument');
    return err as StudioError;
  }
  throw new Error('expected a refusal');
}

describe('image headers', () => {
  it('tells JPEG and PNG apart by their magic bytes', () => {
    expect(sniffImageFormat(jpegHeader(10, 10))).toBe('jpeg');
    expect(sniffImageFormat(pngHeader(10, 10))).toBe('png');
    expect(sniffImageFormat(bytes('hello'))).toBeNull();
  });

  it('reads the size of a PNG and of a JPEG, and the JPEG’s EXIF orientation', () => {
    expect(readImageHeader(pngHeader(640, 424))).toEqual({ format: 'png', width: 640, height: 424, orientation: 1 });
    expect(readImageHeader(jpegHeader(768, 576))).toEqual({ format: 'jpeg', width: 768, height: 576, orientation: 1 });
    const rotated = readImageHeader(jpegHeader(4032, 3024, exifSegment(6)));
    expect(rotated).toEqual({ format: 'jpeg', width: 4032, height: 3024, orientation: 6 });
    expect(displayedSize(rotated)).toEqual({ width: 3024, height: 4032 });
    expect(readImageHeader(jpegHeader(10, 10, exifSegment(42))).orientation).toBe(1);
  });

  it('refuses a text file named .jpg, naming it and saying what it is not', () => {
    expect(refusal(() => readImageHeader(bytes('INT. HOUSE - DAY'), 'photo.jpg')).message).toBe('photo.jpg is not an image Montage can read (JPEG or PNG).');
    expect(refusal(() => readImageHeader(new Uint8Array(0), 'empty.png')).message).toBe('empty.png is empty.');
  });

  it('names formats it recognises but does not read', () => {
    const gif = bytes('GIF89a\u0001\u0000');
    expect(refusal(() => readImageHeader(gif, 'a.gif')).message).toBe('a.gif is a GIF image; Montage reads JPEG and PNG images.');
    const webp = bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');
    expect(refusal(() => readImageHeader(webp, 'a.webp')).message).toMatch(/a WebP image/);
    const heic = Uint8Array.from([0, 0, 0, 24, ...bytes('ftypheic')]);
    expect(refusal(() => readImageHeader(heic, 'a.heic')).message).toMatch(/a HEIC image/);
  });

  it('refuses huge images from their header, before any decoding', () => {
    expect(refusal(() => readImageHeader(pngHeader(100_000, 100_000), 'huge.png')).message).toBe('huge.png is 100000 × 100000 pixels (10000 megapixels); Montage reads images of up to 50 megapixels.');
    expect(refusal(() => readImageHeader(jpegHeader(65_535, 65_535), 'huge.jpg')).message).toMatch(/65535 × 65535 pixels/);
    expect(refusal(() => readImageHeader(pngHeader(0, 10))).message).toMatch(/0 × 10 pixels, which is no image/);
    const big = new Uint8Array(maxImageBytes + 1);
    big.set(pngHeader(10, 10));
    expect(refusal(() => readImageHeader(big, 'big.png')).message).toMatch(/big.png is 64 MB; Montage reads images of up to 64 MB/);
  });

  it('refuses headers cut short', () => {
    expect(refusal(() => readImageHeader(pngHeader(10, 10).subarray(0, 20), 'cut.png')).message).toBe('cut.png is a damaged PNG image: its header is missing or cut short.');
    expect(refusal(() => readImageHeader(jpegHeader(10, 10).subarray(0, 25), 'cut.jpg')).message).toBe('cut.jpg is a damaged JPEG image: its header is cut short or has no frame size.');
  });
});
