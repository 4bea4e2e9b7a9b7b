// `montage tag` and `montage eval images` as a user runs them: the built CLI (dist/cli/montage.js,
// with its session program dist/workers/model-session.js) in its own process, on Debian's darknet
// sample photos (package darknet). --json prints exactly one object on stdout; a file that is not
// an image fails alone, with exit code 1.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, runCli } from '../main/test/cli-process';
import { tempHome } from '../main/test/temp-home';

const darknet = '/usr/share/darknet/data';
const dog = join(darknet, 'dog.jpg');

interface TagJson {
  images: ({ file: string; width: number; height: number; seconds: number; tags: { label: string; score: number; box: { x: number; y: number; width: number; height: number } }[] } | { file: string; error: { code: string; message: string } })[];
}

describe('montage tag and eval images (built CLI)', () => {
  let home: ReturnType<typeof tempHome>;
  const run = (args: string[], timeout = 120_000) => runCli(home.dir, args, { timeout });

  beforeAll(() => {
    if (!existsSync(builtCli)) throw new Error('dist/ is not built: run `node scripts/build.mjs --node-only` first.');
    if (!existsSync(dog)) throw new Error(`${dog} is missing: apt-get install darknet (its sample photos are these tests' images).`);
    home = tempHome();
  });
  afterAll(() => home.remove());

  it('--json prints one object: the tags of each image, and an error entry for a file that is not one', () => {
    const notes = join(home.dir, 'notes.jpg');
    writeFileSync(notes, 'INT. HOUSE - DAY\n');
    const r = run(['tag', dog, notes, join(darknet, 'eagle.jpg'), '--json']);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as TagJson;
    expect(Object.keys(json)).toEqual(['images']);
    expect(json.images).toHaveLength(3);
    const [first, second, third] = json.images;
    expect(first).toMatchObject({ file: dog, width: 768, height: 576 });
    if (!first || 'error' in first) throw new Error('dog.jpg was not tagged');
    expect(first.seconds).toBeGreaterThan(0);
    const d = first.tags.find((t) => t.label === 'dog');
    expect(d?.box).toEqual({ x: expect.any(Number), y: expect.any(Number), width: expect.any(Number), height: expect.any(Number) });
    expect(Object.keys(first.tags[0]!)).toEqual(['label', 'score', 'box']);
    expect(second).toEqual({ file: notes, error: { code: 'invalid-argument', message: `${notes} is not an image Montage can read (JPEG or PNG).` } });
    expect(third).toMatchObject({ file: join(darknet, 'eagle.jpg'), tags: [expect.objectContaining({ label: 'bird' })] });
  });

  it('prints a line per object without --json, and exits 2 without images or with a bad score', () => {
    const r = run(['tag', dog]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^\/usr\/share\/darknet\/data\/dog\.jpg {2}768 × 576 {2}[\d.]+ s {2}\d+ objects\n/);
    expect(r.out).toMatch(/\n {2}dog +0\.\d\d +x \d+ +y \d+ +w \d+ +h \d+/);
    expect(run(['tag']).code).toBe(2);
    expect(run(['tag', dog, '--min-score', '3']).code).toBe(2);
    const missing = run(['tag', join(home.dir, 'nope.png')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.png does not exist or cannot be read/);
  });

  it('eval images --json reports detection, custom categories and find-similar as one object', () => {
    const r = run(['eval', 'images', '--json'], 240_000);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as {
      backend: { name: string };
      detection: { threshold: number; images: { file: string; matched: number }[]; recall: number; precision: number; sweep: { threshold: number; recall: number }[]; meanMs: number };
      categories: { set: string; examples: number; loo: { k: number; accuracy: number }[]; chosenK: number; nested: { accuracy: number }; head: { accuracy: number } }[];
      findSimilar: { vectors: number; dims: number; msPerQuery: number };
    };
    expect(e.backend.name).toBeTruthy();
    expect(e.detection.images.map((i) => i.file)).toEqual(['dog.jpg', 'horses.jpg', 'person.jpg', 'giraffe.jpg', 'eagle.jpg', 'kite.jpg']);
    expect(e.detection.recall).toBeGreaterThanOrEqual(0.8);
    expect(e.detection.precision).toBeGreaterThanOrEqual(0.8);
    // A lower threshold never finds less.
    const recalls = e.detection.sweep.map((s) => s.recall);
    expect(recalls).toEqual([...recalls].sort((a, b) => b - a));
    expect(e.detection.meanMs).toBeGreaterThan(0);
    const variants = e.categories.find((c) => c.set === 'photo variants')!;
    expect(variants.examples).toBe(56);
    expect(variants.nested.accuracy).toBeGreaterThan(0.9);
    for (const c of e.categories) {
      expect(c.loo.map((l) => l.k)).toEqual([1, 3, 5, 7]);
      for (const x of [...c.loo.map((l) => l.accuracy), c.nested.accuracy, c.head.accuracy]) expect(x >= 0 && x <= 1).toBe(true);
    }
    expect(e.findSimilar).toMatchObject({ vectors: 1000, dims: 1280 });
    expect(e.findSimilar.msPerQuery).toBeGreaterThan(0);
  });
});
