// Hand-built image headers for the header tests: the bytes a JPEG or PNG file starts with,
// without any pixels.

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** An APP1 Exif segment (big-endian TIFF) whose IFD0 holds one orientation entry. */
export function exifSegment(orientation: number): number[] {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, ...u32(8), ...u16(1), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0, ...u32(0)];
  const body = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], tiff);
  return [0xff, 0xe1, ...u16(body.length + 2), ...body];
}

/** SOI, optional segments, then a baseline frame header (SOF0) of the given size. */
export function jpegHeader(width: number, height: number, segments: number[] = []): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16(16), 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, ...u16(17), 8, ...u16(height), ...u16(width), 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...segments, ...sof0]);
}

/** The PNG signature and an IHDR chunk (8-bit RGBA; the CRC is not checked by header reading). */
export function pngHeader(width: number, height: number): Uint8Array {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...u32(13), 0x49, 0x48, 0x44, 0x52, ...u32(width), ...u32(height), 8, 6, 0, 0, 0, 0, 0, 0, 0]);
}
