import { describe, expect, it } from 'vitest';
import { jpegSegments, type JpegSegment } from './jpeg-segments';

function walk(bytes: number[]): { segments: JpegSegment[]; end: string | null } {
  const it = jpegSegments(new Uint8Array(bytes));
  const segments: JpegSegment[] = [];
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return { segments, end: step.value };
    segments.push(step.value);
  }
}

describe('jpegSegments', () => {
  it('walks the header segments to the first scan, over fill bytes and RSTn', () => {
    const bytes = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0xff, 0xff, 0xd0, 0xff, 0xc0, 0, 2, 0xff, 0xda, 0, 2, 9, 9];
    expect(walk(bytes)).toEqual({
      segments: [
        { marker: 0xe0, at: 2, length: 4 },
        { marker: 0xc0, at: 11, length: 2 },
        { marker: 0xda, at: 15, length: 2 },
      ],
      end: null,
    });
  });

  it('says why it stopped early', () => {
    expect(walk([0xff, 0xd8, 0x00, 0x00, 0, 0]).end).toBe('not-a-marker');
    expect(walk([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0]).end).toBe('bad-length');
    expect(walk([0xff, 0xd8, 0xff, 0xd9, 0, 0]).end).toBe('end-before-scan');
    expect(walk([0xff, 0xd8, 0xff, 0xe0, 0, 9]).end).toBe('cut-short');
  });
});
