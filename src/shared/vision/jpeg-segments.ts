// The segments of a JPEG's header, in order, up to and including its first scan (SOS): each
// marker with where its length field starts and its length. Fill bytes and the markers without a
// length (TEM, RSTn) are stepped over. The walk stops early, with the reason, at a byte that is not
// a marker, a length under 2, an end-of-image before any scan, or the end of the bytes.
export type JpegWalkEnd = 'not-a-marker' | 'bad-length' | 'end-before-scan' | 'cut-short';

export interface JpegSegment {
  marker: number;
  /** Offset of the segment's 0xFF byte. */
  at: number;
  /** The length field's value (it counts itself, not the marker). */
  length: number;
}

/** Yields the segments; returns why the walk ended (null after yielding the scan). */
export function* jpegSegments(b: Uint8Array): Generator<JpegSegment, JpegWalkEnd | null> {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return 'not-a-marker';
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return 'end-before-scan';
    const length = ((b[at + 2] as number) << 8) | (b[at + 3] as number);
    if (length < 2) return 'bad-length';
    yield { marker, at, length };
    if (marker === 0xda) return null;
    at += 2 + length;
  }
  return 'cut-short';
}
