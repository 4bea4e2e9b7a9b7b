// The image-tagger kind through a real session process: the SessionManager forks the bundled
// session program (dist/workers/model-session.js, built here by esbuild as `npm run build` builds
// it), which loads the real detector and embedder from their packages. Image files go in and
// embeddings, thumbnails and head weights come back as typed arrays over the channel; a file that
// is not an image fails its request alone; training a head streams progress and can be cancelled.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerEntry } from '../../../scripts/build-worker-entry';
import { SessionManager, type SessionHandle } from './session-manager';
import { rejection } from '../../shared/api/testing/rejection';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = join(root, 'dist', 'workers', 'model-session.js');
const darknet = '/usr/share/darknet/data';
const photo = (name: string): Uint8Array => new Uint8Array(readFileSync(join(darknet, name)));

let sessions: SessionManager;
let handle: SessionHandle<'image-tagger'>;

beforeAll(async () => {
  if (!existsSync(join(darknet, 'dog.jpg'))) throw new Error(`${darknet}/dog.jpg is missing: apt-get install darknet (its sample photos are these tests' images).`);
  await buildWorkerEntry('src/workers/session/model-session.ts', entry);
  sessions = new SessionManager({ workerEntry: entry, log: () => {} });
  handle = await sessions.open('image-tagger', {});
}, 120_000);

afterAll(() => sessions?.close());

describe('image-tagger session (real process, real models)', () => {
  it('tags a photo: objects with boxes, an embedding and a JPEG thumbnail as binary', async () => {
    expect(sessions.info(handle)).toMatchObject({ state: 'idle', kind: 'image-tagger' });
    const r = await sessions.request(handle, 'tag', { image: photo('dog.jpg'), name: 'dog.jpg' });
    expect(r).toMatchObject({ method: 'tag', format: 'jpeg', width: 768, height: 576 });
    expect(r.tags.map((t) => t.label)).toContain('dog');
    expect(r.embedding).toBeInstanceOf(Float32Array);
    expect(r.embedding).toHaveLength(1280);
    expect(r.thumbnail?.jpeg).toBeInstanceOf(Uint8Array);
    expect([...r.thumbnail!.jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(r.timings.totalMs).toBeGreaterThan(0);
    const e = await sessions.request(handle, 'embed', { image: photo('dog.jpg') });
    expect([...e.embedding]).toEqual([...r.embedding!]);
  });

  it('fails a request for a file that is not an image, naming it, and answers the next one', async () => {
    const pid = sessions.info(handle).pid;
    const err = await rejection(sessions.request(handle, 'tag', { image: new TextEncoder().encode('hello'), name: 'notes.jpg' }));
    expect(err).toMatchObject({ code: 'invalid-argument', message: 'notes.jpg is not an image Montage can read (JPEG or PNG).' });
    const bad = await rejection(sessions.request(handle, 'tag', { image: new Uint8Array(0) }));
    expect(bad.code).toBe('invalid-argument');
    expect((await sessions.request(handle, 'embed', { image: photo('eagle.jpg') })).embedding).toHaveLength(1280);
    expect(sessions.info(handle).pid).toBe(pid);
  });

  it('trains a dense head with progress partials, and cancels a long run', async () => {
    const names = ['dog.jpg', 'eagle.jpg', 'giraffe.jpg', 'horses.jpg'];
    const vectors = await Promise.all(names.map(async (n) => (await sessions.request(handle, 'embed', { image: photo(n) })).embedding));
    const embeddings = new Float32Array(names.length * 1280);
    vectors.forEach((v, i) => embeddings.set(v, i * 1280));
    const labels = ['animal', 'bird', 'animal', 'animal'];
    const epochs: number[] = [];
    const head = await sessions.request(handle, 'trainHead', { embeddings, dims: 1280, labels, epochs: 40 }, { onPartial: (p) => epochs.push(p.epoch) });
    expect(head).toMatchObject({ method: 'trainHead', labels: ['animal', 'bird'], dims: 1280, accuracy: 1, epochs: 40 });
    expect(head.weights).toBeInstanceOf(Float32Array);
    expect(head.weights).toHaveLength(1280 * 2);
    expect(epochs).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40]);

    const abort = new AbortController();
    const long = sessions.request(handle, 'trainHead', { embeddings, dims: 1280, labels, epochs: 2000 }, { signal: abort.signal, onPartial: () => abort.abort() });
    expect((await rejection(long)).code).toBe('cancelled');
    const mismatch = await rejection(sessions.request(handle, 'trainHead', { embeddings, dims: 1280, labels: ['a', 'b'] }));
    expect(mismatch.code).toBe('invalid-argument');
  });
});
