// Images in the app through a real host: the real SQLite file, the real image-tagger session
// process (the session program built into dist/ by esbuild, as `npm run build` builds it) and
// Debian's darknet photos. Import tags an image (objects with boxes, an embedding, a thumbnail
// served like an asset), find-similar ranks a copy above another photo, search finds tags, custom
// categories train into a classifier that tags the next import, refusals keep nothing, a damaged
// image fails its tagging but stays, and deleting an image removes everything it had.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError, isFinished, type Asset, type FindSimilarResult, type ForYou, type HistoryEvent, type ImageCategories, type ImageInfo, type Job } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { projectAssetsDir, projectUploadsDir } from '../assets/asset-request';
import { createHost, type Host } from '../host';
import { thumbnailPath, thumbnailsDir } from '../images/thumbnail-files';
import { damagedPng, darknetPhoto, photoVariant, truncated, uploadFile } from '../test/image-fixtures';
import { sessionEntryPath, startSessionHost } from '../test/music-models';
import type { tempHome } from '../test/temp-home';

let home: ReturnType<typeof tempHome>;
let host: Host;
let projectId: string;
const dog = darknetPhoto('dog.jpg');
const horses = darknetPhoto('horses.jpg');

const images = (method: string, args: unknown) => host.dispatch('images', method, args);
const get = async (assetId: string) => (await images('get', { assetId })) as ImageInfo;
/** Uploads and waits for the image's tagging to finish. */
const importImage = async (name: string, bytes: Buffer, project = projectId): Promise<ImageInfo> => {
  const asset = await uploadFile(host, project, name, bytes);
  await host.images.idle();
  return get(asset.id);
};
const count = (sql: string, ...params: unknown[]) => (host.db.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  ({ home, host } = await startSessionHost(sessionEntryPath(), 'cpu'));
  projectId = ((await host.dispatch('projects', 'create', { name: 'Storyboard' })) as { id: string }).id;
}, 120_000);

afterAll(() => {
  host?.close();
  home?.remove();
});

describe('images (real host, real session, darknet photos)', () => {
  let dogImage: ImageInfo;

  it('tags dog.jpg on import: a dog with its box, an embedding and a thumbnail served like an asset', async () => {
    const started = performance.now();
    dogImage = await importImage('dog.jpg', dog);
    const wall = performance.now() - started;
    expect(dogImage).toMatchObject({ name: 'dog.jpg', mime: 'image/jpeg', state: 'tagged', error: null, width: 768, height: 576 });
    const found = dogImage.tags.find((t) => t.label === 'dog');
    expect(found).toMatchObject({ source: 'detector' });
    expect(found!.score).toBeGreaterThanOrEqual(0.3);
    const box = found!.box!;
    expect(box.x + box.width).toBeLessThanOrEqual(768);
    expect(box.y + box.height).toBeLessThanOrEqual(576);
    expect(box.width * box.height).toBeGreaterThan(10_000);
    expect(count('SELECT count(*) AS n FROM image_embeddings WHERE asset_id = ? AND dims = 1280', dogImage.assetId)).toBe(1);
    // The original and its thumbnail, both through the asset endpoint's lookup.
    expect(await host.assetFile(projectId, dogImage.hash)).toMatchObject({ mime: 'image/jpeg', size: dog.length });
    const thumb = await host.assetFile(projectId, dogImage.thumbnail!.hash);
    expect(thumb).toMatchObject({ mime: 'image/jpeg' });
    expect([...readFileSync(thumb!.path).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(dogImage.thumbnail).toMatchObject({ width: 256, height: 192 });
    // The asset list has it as an image; the import is in the history with its top tags.
    expect(((await host.dispatch('assets', 'list', { projectId })) as Asset[]).map((a) => a.kind)).toEqual(['image']);
    const history = (await host.dispatch('history', 'list', { limit: 50 })) as HistoryEvent[];
    const imported = history.find((e) => e.type === 'document.imported' && e.item === `asset:${dogImage.assetId}`);
    expect(imported?.data['tags']).toContain('dog');
    console.log(`tagging dog.jpg in the app: ${dogImage.taggingMs} ms in the session (cold: started it), ${Math.round(wall)} ms upload to stored`);
  }, 60_000);

  it('find-similar ranks a mirrored, cropped copy of dog.jpg above horses.jpg; search finds tags', async () => {
    const copy = await importImage('dog copy.jpg', photoVariant(dog, 'mirrored-crop'));
    const started = performance.now();
    const horse = await importImage('horses.jpg', horses);
    console.log(`tagging horses.jpg in the app (warm): ${horse.taggingMs} ms in the session, ${Math.round(performance.now() - started)} ms upload to stored`);
    expect(horse.tags.map((t) => t.label)).toContain('horse');
    const similar = (await images('findSimilar', { assetId: dogImage.assetId, limit: 5 })) as FindSimilarResult;
    expect(similar.items.map((s) => s.image.name)).toEqual(['dog copy.jpg', 'horses.jpg']);
    expect(similar.items[0]!.similarity).toBeGreaterThan(similar.items[1]!.similarity);
    expect(similar.items[0]).toMatchObject({ projectName: 'Storyboard' });
    expect(similar.compared).toBe(3);
    console.log(`find similar over 3 images: ${similar.ms} ms; dog copy ${similar.items[0]!.similarity}, horses ${similar.items[1]!.similarity}`);

    const search = async (tag: string) => ((await images('search', { projectId, tag })) as ImageInfo[]).map((i) => i.name).sort();
    // The mirrored crop keeps its bicycle (the detector scores its dog under 0.3); a word's start finds a tag.
    expect(await search('do')).toEqual(['dog.jpg']);
    expect(await search('BICY')).toEqual(['dog copy.jpg', 'dog.jpg']);
    expect(await search('HORSE')).toEqual(['horses.jpg']);
    expect(await search('zebra')).toEqual([]);
    // The list gives each image's top tags (one per label) and thumbnail.
    const list = (await images('list', { projectId })) as ImageInfo[];
    expect(list.map((i) => i.name)).toEqual(['horses.jpg', 'dog copy.jpg', 'dog.jpg']);
    for (const i of list) {
      expect(i.tags.length).toBeLessThanOrEqual(5);
      expect(new Set(i.tags.map((t) => t.label)).size).toBe(i.tags.length);
      expect(i.thumbnail).not.toBeNull();
    }
    expect(copy.state).toBe('tagged');
  }, 60_000);

  it('refuses a text file named .jpg and a JPEG cut short, keeping nothing', async () => {
    const before = readdirSync(projectAssetsDir(home.dir + '/data', projectId)).sort();
    const refusal = async (name: string, bytes: Buffer) => rejection(uploadFile(host, projectId, name, bytes));
    expect(await refusal('notes.jpg', Buffer.from('These are my notes, not a picture.\n'))).toMatchObject({
      code: 'invalid-argument',
      message: '“notes.jpg” is not an image Montage can read (JPEG or PNG).',
    });
    expect(await refusal('cut.jpg', truncated(dog))).toMatchObject({
      code: 'invalid-argument',
      message: '“cut.jpg” is a damaged JPEG image: it is cut short (the end of the image is missing).',
    });
    const big = await rejection(host.dispatch('assets', 'beginUpload', { projectId, name: 'huge.png', bytes: 80 * 2 ** 20, mime: 'image/png' }, { clientId: 'c1' }));
    expect(big.message).toBe('“huge.png” is 80 MB; Montage imports images of up to 64 MB.');
    expect(((await host.dispatch('assets', 'list', { projectId })) as Asset[]).length).toBe(3);
    expect(readdirSync(projectAssetsDir(home.dir + '/data', projectId)).sort()).toEqual(before);
    expect(readdirSync(projectUploadsDir(home.dir + '/data', projectId))).toEqual([]);
  });

  it('a PNG whose pixels are damaged fails its tagging with the reason, stays, and can be tried again', async () => {
    const broken = await importImage('broken.png', damagedPng());
    expect(broken.state).toBe('failed');
    console.log(`broken.png: ${broken.error}`);
    expect(broken.error).toMatch(/broken\.png/);
    expect(broken.tags).toEqual([]);
    expect(await host.assetFile(projectId, broken.hash)).toMatchObject({ mime: 'image/png' });
    const err = await rejection(images('findSimilar', { assetId: broken.assetId }));
    expect(err.code).toBe('invalid-argument');
    expect(((await images('retag', { assetId: broken.assetId })) as ImageInfo).state).toMatch(/pending|tagging/);
    await host.images.idle();
    expect((await get(broken.assetId)).state).toBe('failed');
    await host.dispatch('assets', 'delete', { id: broken.assetId });
  }, 60_000);

  it('trains custom categories from labelled images (a job with leave-one-out accuracy); the next import gets the category', async () => {
    const labelled: [string, Buffer, string][] = [
      ['dog tl.jpg', photoVariant(dog, 'top-left'), 'Dog scene'],
      ['dog br.jpg', photoVariant(dog, 'bottom-right'), 'Dog scene'],
      ['dog mirrored.jpg', photoVariant(dog, 'mirrored'), 'Dog scene'],
      ['horses tl.jpg', photoVariant(horses, 'top-left'), 'Horse scene'],
      ['horses br.jpg', photoVariant(horses, 'bottom-right'), 'Horse scene'],
      ['horses mirrored.jpg', photoVariant(horses, 'mirrored'), 'Horse scene'],
    ];
    for (const [name, bytes, category] of labelled) {
      const image = await importImage(name, bytes);
      expect(((await images('label', { assetId: image.assetId, category: ` ${category} ` })) as ImageInfo).category).toBe(category);
    }
    const cats = (await images('categories', { projectId })) as ImageCategories;
    expect(cats.categories).toEqual([
      { name: 'Dog scene', examples: 3 },
      { name: 'Horse scene', examples: 3 },
    ]);
    expect(cats.classifier).toBeNull();

    const started = performance.now();
    let job = (await images('trainCategories', { projectId })) as Job;
    expect(job).toMatchObject({ kind: 'train-image-categories', title: 'Train image categories (“Storyboard”)' });
    while (!isFinished(job.status)) {
      await new Promise((r) => setTimeout(r, 100));
      job = host.jobs.get(job.id);
    }
    expect(job.status).toBe('succeeded');
    console.log(`training categories on 6 images: ${Math.round(performance.now() - started)} ms; result ${JSON.stringify(job.result)}`);
    expect(job.result).toMatchObject({ examples: 6, categories: 2 });
    expect(job.result!['accuracy']).toBe(1);
    const trained = (await images('categories', { projectId })) as ImageCategories;
    expect(trained.classifier).toMatchObject({ projectId, examples: 6, categories: ['Dog scene', 'Horse scene'], accuracy: 1 });

    const fresh = await importImage('dog centre.jpg', photoVariant(dog, 'centre'));
    const custom = fresh.tags.find((t) => t.source === 'custom');
    expect(custom).toMatchObject({ label: 'Dog scene', box: null });
    expect(custom!.score).toBeGreaterThan(0.5);
    // The earlier, unlabelled images were tagged by the new classifier too; labelled ones keep theirs.
    expect((await get(dogImage.assetId)).tags.find((t) => t.source === 'custom')?.label).toBe('Dog scene');
    expect(((await images('search', { projectId, tag: 'dog sc' })) as ImageInfo[]).length).toBeGreaterThanOrEqual(5);
    const history = (await host.dispatch('history', 'list', { limit: 200 })) as HistoryEvent[];
    expect(history.filter((e) => e.type === 'image.labelled')).toHaveLength(6);
  }, 120_000);

  it('explains an image in For you by a tag it shares with images used', async () => {
    const list = (await images('list', { projectId })) as ImageInfo[];
    const fresh = list.find((i) => i.name === 'dog centre.jpg')!;
    const horse = list.find((i) => i.name === 'horses.jpg')!;
    // Reading the history writes what waits in the event log first.
    await host.dispatch('history', 'list', { limit: 1 });
    // Its category comes first; the labelled dog images were used (imported and labelled) the most.
    expect(host.images.explainImage(`asset:${fresh.assetId}`)).toMatch(/^Tagged ‘Dog scene’, like “dog (tl|br|mirrored)\.jpg”$/);
    expect(host.images.explainImage(`asset:${horse.assetId}`)).toMatch(/^Tagged ‘Horse scene’, like “horses (tl|br|mirrored)\.jpg”$/);
    expect(host.images.explainImage(`song:${fresh.assetId}`)).toBeNull();
    // The tags are For you's item features too: this project's images, in lower case.
    const features = host.images.itemFeatures(projectId);
    expect(features[`asset:${fresh.assetId}`]).toContain('dog scene');
    expect(features[`asset:${horse.assetId}`]).toContain('horse scene');
    expect(Object.keys(features).every((k) => k.startsWith('asset:'))).toBe(true);
    // For you offers this project's images with that line.
    const forYou = (await host.dispatch('recommend', 'forYou', { projectId, kinds: ['asset'], limit: 12 })) as ForYou;
    const lines = forYou.items.flatMap((i) => i.because);
    console.log(`For you: ${forYou.items.map((i) => `${i.label}: ${i.because.join('; ')}`).join(' | ')}`);
    expect(lines.some((l) => /^Tagged ‘(Dog|Horse) scene’, like “/.test(l))).toBe(true);
  });

  it('refuses to train without two categories of two images each', async () => {
    const other = ((await host.dispatch('projects', 'create', { name: 'Empty' })) as { id: string }).id;
    const err = await rejection(images('trainCategories', { projectId: other }));
    expect(err).toMatchObject({ code: 'invalid-argument' });
    expect(err.message).toMatch(/^Training needs at least two categories with two images each \(no image has a category yet\)/);
  });

  it('deleting an image removes its tags, embedding, category and thumbnail', async () => {
    const copy = ((await images('list', { projectId })) as ImageInfo[]).find((i) => i.name === 'dog mirrored.jpg')!;
    const thumb = thumbnailPath(home.dir + '/data', projectId, copy.thumbnail!.hash);
    expect(existsSync(thumb)).toBe(true);
    await host.dispatch('assets', 'delete', { id: copy.assetId });
    await host.images.idle();
    for (const table of ['image_tags', 'image_embeddings', 'image_tagging', 'image_categories']) {
      expect(count(`SELECT count(*) AS n FROM ${table} WHERE asset_id = ?`, copy.assetId)).toBe(0);
    }
    expect(existsSync(thumb)).toBe(false);
    expect(await host.assetFile(projectId, copy.thumbnail!.hash)).toBeNull();
    // Other thumbnails stay.
    expect(readdirSync(thumbnailsDir(home.dir + '/data', projectId)).length).toBeGreaterThan(3);
    const err = await rejection(images('get', { assetId: copy.assetId }));
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('not-found');
  });

  it('tags at the next start an image the last run left untagged (not in a CLI command’s host)', async () => {
    const left = ((await images('list', { projectId })) as ImageInfo[]).find((i) => i.name === 'horses.jpg')!;
    // As if the host had closed while the image waited: no tagging row, no tags.
    host.db.prepare('DELETE FROM image_tagging WHERE asset_id = ?').run(left.assetId);
    host.db.prepare('DELETE FROM image_tags WHERE asset_id = ?').run(left.assetId);
    host.close();
    const options = { dataDir: home.dir + '/data', probe: false, shippedModelsDir: null, sessionWorkerEntry: sessionEntryPath() };
    host = createHost({ ...options, shell: 'cli' });
    await host.images.idle();
    expect((await get(left.assetId)).state).toBe('pending');
    expect(host.sessions.list()).toEqual([]);
    host.close();
    host = createHost({ ...options, shell: 'serve' });
    await host.images.idle();
    const again = await get(left.assetId);
    expect(again.state).toBe('tagged');
    expect(again.tags.map((t) => t.label)).toContain('horse');
  }, 60_000);
});
