// Whether an image file is whole: a JPEG needs its end marker after its first scan (its EXIF
// thumbnail's does not count), a PNG its IEND chunk and chunks that fit the file. Real photos are
// checked in src/main/images/check-image-upload.test.ts.
import { describe, expect, it } from 'vitest';
import { imageStructureProblem } from './image-complete';
import { jpegHeader, pngHeader } from './testing/image-headers';

const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const chunk = (type: string, data: number[] = []): number[] => [...u32(data.length), ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
const sos = [0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0];

describe('imageStructureProblem', () => {
  it('passes a whole JPEG and names a cut one', () => {
    const whole = Uint8Array.from([...jpegHeader(4, 4), ...sos, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9]);
    expect(imageStructureProblem(whole, 'jpeg', '“a.jpg”')).toBeNull();
    // Bytes after the end marker (a camera's trailer) are allowed.
    expect(imageStructureProblem(Uint8Array.from([...whole, 0, 0, 0]), 'jpeg', 'a')).toBeNull();
    expect(imageStructureProblem(whole.subarray(0, whole.length - 2), 'jpeg', '“a.jpg”')).toBe('“a.jpg” is a damaged JPEG image: it is cut short (the end of the image is missing).');
    expect(imageStructureProblem(jpegHeader(4, 4), 'jpeg', 'b')).toBe('b is a damaged JPEG image: it is cut short (its compressed data is missing).');
  });

  it('does not take an EXIF thumbnail’s end marker for the image’s', () => {
    const thumb = [0xff, 0xd8, 0xff, 0xd9];
    const app1 = [0xff, 0xe1, 0, thumb.length + 2, ...thumb];
    const cut = Uint8Array.from([...jpegHeader(4, 4, app1), ...sos, 0x12, 0x34]);
    expect(imageStructureProblem(cut, 'jpeg', 'c')).toMatch(/cut short/);
  });

  it('passes a PNG with data and an end, and names what is missing', () => {
    const head = [...pngHeader(2, 2).subarray(0, 8), ...chunk('IHDR', [0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0])];
    const whole = Uint8Array.from([...head, ...chunk('IDAT', [1, 2, 3]), ...chunk('IEND')]);
    expect(imageStructureProblem(whole, 'png', 'p')).toBeNull();
    expect(imageStructureProblem(whole.subarray(0, whole.length - 12), 'png', 'p')).toBe('p is a damaged PNG image: it is cut short (the end of the image is missing).');
    expect(imageStructureProblem(whole.subarray(0, head.length + 13), 'png', 'p')).toBe('p is a damaged PNG image: it is cut short (a chunk runs past the end of the file).');
    expect(imageStructureProblem(Uint8Array.from([...head, ...chunk('IEND')]), 'png', 'p')).toBe('p is a damaged PNG image: it holds no image data.');
  });
});
