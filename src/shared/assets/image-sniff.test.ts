// Images are recognised by their first bytes, never by name; names only route a drop or say what a
// refused file was meant to be.
import { describe, expect, it } from 'vitest';
import { isImageMime, looksLikeImage, sniffImage } from './image-sniff';

describe('sniffImage', () => {
  it('knows JPEG and PNG by their magic bytes, and nothing else', () => {
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ext: 'png', mime: 'image/png' });
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('RIFF....WAVE'))).toBeNull();
    expect(sniffImage(Uint8Array.from([0xff, 0xd8]))).toBeNull();
  });

  it('routes by name and type only as a hint', () => {
    expect(['a.JPG', 'b.jpeg', 'c.png'].map(looksLikeImage)).toEqual([true, true, true]);
    expect(['a.heic', 'b.wav', 'png'].map(looksLikeImage)).toEqual([false, false, false]);
    expect([isImageMime('image/png'), isImageMime('image/gif')]).toEqual([true, false]);
  });
});
