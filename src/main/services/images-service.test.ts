// The images API's arguments and refusals through Host.dispatch on a real host (real SQLite; no
// image is imported, so no model session starts): every argument is checked by the contract and
// named in the refusal, unknown images and projects are not-found, and a training with too few
// categories says what it needs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageCategories } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import { createHost, type Host } from '../host';
import { tempHome } from '../test/temp-home';

describe('images service arguments', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host;
  let projectId: string;
  beforeEach(async () => {
    home = tempHome();
    host = createHost({ dataDir: home.dir, shell: 'cli', probe: false, shippedModelsDir: null });
    projectId = ((await host.dispatch('projects', 'create', { name: 'P' })) as { id: string }).id;
  });
  afterEach(() => {
    host?.close();
    home?.remove();
  });
  const refusal = (method: string, args: unknown) => rejection(host.dispatch('images', method, args));
  const missing = '00000000-0000-4000-8000-000000000000';

  it('names the argument that is wrong', async () => {
    expect(await refusal('get', { assetId: 'x' })).toMatchObject({ code: 'invalid-argument', message: 'Invalid images.get argument assetId: Not a valid asset id.' });
    expect((await refusal('findSimilar', { assetId: missing, limit: 0 })).message).toMatch(/^Invalid images\.findSimilar argument limit/);
    expect((await refusal('findSimilar', { assetId: missing, scope: 'galaxy' })).message).toMatch(/^Invalid images\.findSimilar argument scope/);
    expect(await refusal('search', { tag: '   ' })).toMatchObject({ message: 'Invalid images.search argument tag: Type a tag to search for.' });
    expect(await refusal('label', { assetId: missing, category: ' \u0007 ' })).toMatchObject({ message: 'Invalid images.label argument category: A category needs a name.' });
    expect((await refusal('label', { assetId: missing, category: 'x'.repeat(300) })).message).toMatch(/category: Category names are at most 64 characters/);
    expect((await refusal('list', { projectId, extra: 1 })).message).toMatch(/^Invalid images\.list argument/);
    expect((await refusal('trainCategories', { projectId: 'nope' })).message).toMatch(/^Invalid images\.trainCategories argument projectId/);
  });

  it('answers not-found for images and projects that are not there', async () => {
    for (const method of ['get', 'retag', 'findSimilar', 'unlabel']) {
      expect(await refusal(method, { assetId: missing })).toMatchObject({ code: 'not-found', message: 'That image no longer exists — it may have been deleted in another window.' });
    }
    expect((await refusal('label', { assetId: missing, category: 'Beach' })).code).toBe('not-found');
    expect((await refusal('list', { projectId: missing })).code).toBe('not-found');
    expect((await refusal('search', { projectId: missing, tag: 'dog' })).code).toBe('not-found');
  });

  it('lists nothing, finds nothing and refuses to train before there are categories', async () => {
    expect(await host.dispatch('images', 'list', { projectId })).toEqual([]);
    expect(await host.dispatch('images', 'search', { tag: 'dog' })).toEqual([]);
    expect((await host.dispatch('images', 'categories', { projectId })) as ImageCategories).toEqual({ categories: [], classifier: null });
    expect(await refusal('trainCategories', {})).toMatchObject({
      code: 'invalid-argument',
      message: 'Training needs at least two categories with two images each (no image has a category yet). Give more images a category in their panel.',
    });
    expect(host.sessions.list()).toEqual([]);
  });
});
