import { describe, expect, it } from 'vitest';
import { asTrainingResult, boxStyle, checkImageUpload, chipTags, percent, taggingNote, trainingSummary } from './image-logic';

const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]);

describe('image logic', () => {
  it('refuses what the host would refuse, before sending', () => {
    expect(checkImageUpload('a.jpg', 10, jpeg)).toBeNull();
    expect(checkImageUpload('a.jpg', 0, jpeg)).toBe('“a.jpg” is empty.');
    expect(checkImageUpload('big.png', 70 * 2 ** 20, jpeg)).toBe('“big.png” is 70 MB; Montage imports images of up to 64 MB.');
    expect(checkImageUpload('notes.jpg', 20, new TextEncoder().encode('my notes, not a photo'))).toBe('“notes.jpg” is not an image Montage can read (JPEG or PNG).');
    expect(checkImageUpload('x.gif', 20, new TextEncoder().encode('GIF89a......'))).toBe('“x.gif” is a GIF image; Montage reads JPEG and PNG images.');
  });

  it('places boxes in percent of the image, clipped to it', () => {
    expect(boxStyle({ x: 100, y: 50, width: 200, height: 100 }, 400, 200)).toEqual({ left: '25.000%', top: '25.000%', width: '50.000%', height: '50.000%' });
    expect(boxStyle({ x: 300, y: 0, width: 200, height: 300 }, 400, 200)).toEqual({ left: '75.000%', top: '0.000%', width: '25.000%', height: '100.000%' });
  });

  it('reads states, scores and results in words', () => {
    expect(percent(0.876)).toBe('88 %');
    expect(taggingNote({ state: 'tagging', tags: [] })).toBe('Tagging…');
    expect(taggingNote({ state: 'tagged', tags: [] })).toBe('No objects found');
    expect(taggingNote({ state: 'tagged', tags: [{ label: 'dog', score: 1, box: null, source: 'custom' }] })).toBeNull();
    const tags = [
      { label: 'person', score: 0.5, box: null, source: 'detector' as const },
      { label: 'person', score: 0.9, box: null, source: 'detector' as const },
      { label: 'horse', score: 0.4, box: null, source: 'detector' as const },
    ];
    expect(chipTags({ tags }).map((t) => [t.label, t.score])).toEqual([
      ['person', 0.9],
      ['horse', 0.4],
    ]);
    const result = { method: 'knn', k: 3, accuracy: 0.9, knnAccuracy: 0.9, denseAccuracy: 0.8, examples: 10, categories: 2, tagged: 4 };
    expect(asTrainingResult(result)).toEqual(result);
    expect(asTrainingResult({ rows: [] })).toBeNull();
    expect(trainingSummary(result as never)).toBe('2 categories from 10 images: right on 9 of 10 images it had not seen (90 %, leave-one-out), with nearest neighbours (k = 3).');
  });
});
