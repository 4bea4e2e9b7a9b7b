// For you's line for an image: the image's best tag that an image the user used also has, naming
// the most used such image; nothing for other items, untagged images or tags no used image shares.
import { describe, expect, it } from 'vitest';
import { sharedTagLine } from './image-explanations';

const tags: Record<string, string[]> = { a: ['dog', 'bicycle'], b: ['horse', 'person'], c: ['Bicycle'], d: ['dog'] };
const names: Record<string, string> = { a: 'park.jpg', b: 'ranch.jpg', c: 'street.jpg', d: 'puppy.jpg' };
const deps = (used: string[]) => ({ tagsOf: (id: string) => tags[id] ?? null, nameOf: (id: string) => names[id] ?? null, used: () => used });

describe('sharedTagLine', () => {
  it('names the best shared tag and the most used image with it', () => {
    expect(sharedTagLine('asset:a', deps(['c', 'd', 'b']))).toBe('Tagged ‘dog’, like “puppy.jpg”');
    expect(sharedTagLine('asset:a', deps(['b', 'c']))).toBe('Tagged ‘bicycle’, like “street.jpg”');
  });

  it('says nothing without a shared tag, for the image itself, or for other items', () => {
    expect(sharedTagLine('asset:b', deps(['a', 'c']))).toBeNull();
    expect(sharedTagLine('asset:a', deps(['a']))).toBeNull();
    expect(sharedTagLine('asset:zz', deps(['a']))).toBeNull();
    expect(sharedTagLine('song:a', deps(['a']))).toBeNull();
  });
});
