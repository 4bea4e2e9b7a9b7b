// The checks an image upload passes, on real files: the darknet dog passes; its first 60 %, a text
// file and an oversized file are refused with a sentence naming the file; a file named like an
// image but of another format says what it is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { darknetPhoto, truncated } from '../test/image-fixtures';
import { imageUploadProblem, notAnImage } from './check-image-upload';

const dir = mkdtempSync(join(tmpdir(), 'montage-image-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('imageUploadProblem', () => {
  it('passes a whole photo and names a cut one', async () => {
    const dog = darknetPhoto('dog.jpg');
    expect(await imageUploadProblem(file('dog.jpg', dog), 'dog.jpg', dog.length)).toBeNull();
    const cut = truncated(dog);
    expect(await imageUploadProblem(file('cut.jpg', cut), 'cut.jpg', cut.length)).toBe('“cut.jpg” is a damaged JPEG image: it is cut short (the end of the image is missing).');
  });

  it('refuses too large a file unread, and says what another format is', async () => {
    expect(await imageUploadProblem(join(dir, 'absent.png'), 'big.png', 65 * 2 ** 20)).toBe('“big.png” is 65 MB; Montage imports images of up to 64 MB.');
    expect(notAnImage(new TextEncoder().encode('....ftypheic'), 'photo.jpg')).toBe('“photo.jpg” is a HEIC image; Montage reads JPEG and PNG images.');
    expect(notAnImage(new TextEncoder().encode('just some text'), 'notes.jpg')).toBe('“notes.jpg” is not an image Montage can read (JPEG or PNG).');
  });
});
