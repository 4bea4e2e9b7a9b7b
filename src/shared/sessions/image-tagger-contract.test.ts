import { describe, expect, it } from 'vitest';
import { StudioError } from '../api/errors';
import { parseSessionArgs, parseSessionPayload, parseSessionSpec, sessionTitle } from './protocol';

const image = Uint8Array.of(0xff, 0xd8, 0xff);

function refused(f: () => unknown): StudioError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a refusal');
}

describe('image-tagger contract', () => {
  it('has an empty spec and fills the tag defaults', () => {
    expect(parseSessionSpec('image-tagger', {})).toEqual({});
    expect(sessionTitle('image-tagger')).toBe('image recognition');
    expect(parseSessionArgs('image-tagger', 'tag', { image })).toEqual({ image, minScore: 0.3, iouThreshold: 0.5, maxTags: 50, thumbnailSize: 256, embedding: true });
  });

  it('takes image files only as Uint8Array bytes, never as text or number lists', () => {
    expect(refused(() => parseSessionArgs('image-tagger', 'tag', { image: '/9j/4AAQ' })).code).toBe('invalid-argument');
    expect(refused(() => parseSessionArgs('image-tagger', 'embed', { image: [255, 216, 255] })).code).toBe('invalid-argument');
    expect(refused(() => parseSessionArgs('image-tagger', 'embed', { image: new Uint8Array(0) })).message).toMatch(/image/);
    expect(refused(() => parseSessionArgs('image-tagger', 'tag', { image, minScore: 0.01 })).message).toMatch(/minScore/);
  });

  it('checks that a head’s embeddings match its labels', () => {
    const ok = parseSessionArgs('image-tagger', 'trainHead', { embeddings: new Float32Array(6), dims: 3, labels: ['a', 'b'] });
    expect(ok).toMatchObject({ dims: 3, epochs: 100, learningRate: 0.05, l2: 0.001 });
    expect(refused(() => parseSessionArgs('image-tagger', 'trainHead', { embeddings: new Float32Array(5), dims: 3, labels: ['a', 'b'] })).message).toMatch(/labels\.length × dims/);
    expect(refused(() => parseSessionArgs('image-tagger', 'trainHead', { embeddings: Float32Array.of(1, NaN, 0, 0, 0, 0), dims: 3, labels: ['a', 'b'] })).code).toBe('invalid-argument');
    expect(refused(() => parseSessionArgs('image-tagger', 'trainHead', { embeddings: new Float32Array(6), dims: 3, labels: ['a', ' \u200b '] })).code).toBe('invalid-argument');
  });

  it('validates results: binary embeddings and thumbnails, boxes of whole pixels', () => {
    const result = {
      method: 'tag',
      format: 'jpeg',
      width: 768,
      height: 576,
      orientation: 1,
      tags: [{ label: 'dog', score: 0.4, box: { x: 124, y: 207, width: 189, height: 336 } }],
      embedding: new Float32Array(1280),
      thumbnail: { jpeg: image, width: 256, height: 192 },
      timings: { decodeMs: 1, detectMs: 2, embedMs: 3, thumbnailMs: 4, totalMs: 10 },
    };
    expect(parseSessionPayload('image-tagger', 'tag', 'result', result).ok).toBe(true);
    expect(parseSessionPayload('image-tagger', 'tag', 'result', { ...result, embedding: Array.from({ length: 4 }, () => 0) }).ok).toBe(false);
    expect(parseSessionPayload('image-tagger', 'tag', 'result', { ...result, tags: [{ label: 'dog', score: 0.4, box: { x: 1.5, y: 0, width: 1, height: 1 } }] }).ok).toBe(false);
    expect(parseSessionPayload('image-tagger', 'trainHead', 'partial', { method: 'trainHead', epoch: 5, epochs: 100, loss: 0.3, accuracy: 0.9 }).ok).toBe(true);
  });
});
