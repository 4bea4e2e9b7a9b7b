// Implements ImagesService (src/shared/api/images.ts): image assets as images. Uploading, renaming
// and deleting stay the assets service's; this service hears of them on the event bus (a new image
// is queued for tagging, a deleted one's thumbnail is swept), and answers lists, one image's tags
// and boxes, find-similar over the stored embeddings, search by tag, and custom categories with
// their training job (a host job: the work is the image-tagger session's and a little maths).
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { StudioError, maxCategoryExamples, type ImageInfo, type ImagesService, type Job, type TrainCategoriesResult } from '../../shared/api';
import { buildEmbeddingIndex, findSimilar, type EmbeddingIndex } from '../../shared/vision/find-similar';
import { labelKey } from '../../shared/vision/labels';
import { topTagLabels, topTags } from '../../shared/vision/tag-summary';
import type { AssetsRepo } from '../db/assets-repo';
import type { ImageClassifiersRepo } from '../db/image-classifiers-repo';
import type { ImagesRepo } from '../db/images-repo';
import { retryStorageWrite } from '../db/storage-errors';
import { ImageTagging } from '../images/image-tagging';
import { thumbnailPath } from '../images/thumbnail-files';
import { predictCategories, trainCategoryModel } from '../images/train-categories';
import type { JobManager } from '../jobs/job-manager';
import type { SessionManager } from '../sessions';
import type { EventBus } from './event-bus';
import type { EventLog } from './event-log';
import { sharedTagLine } from './image-explanations';

export interface ImagesServiceDeps {
  repo: ImagesRepo;
  classifiers: ImageClassifiersRepo;
  assets: Pick<AssetsRepo, 'get' | 'projectLive'>;
  assetFile(projectId: string, hash: string): Promise<{ path: string } | null>;
  projectName(id: string): string | null;
  sessions: SessionManager;
  jobs: JobManager;
  bus: EventBus;
  history?: Pick<EventLog, 'record'>;
  dataRoot: string;
  now?: () => number;
}

export interface HostImagesService extends ImagesService {
  /** A thumbnail file for `/assets/<projectId>/<hash>`, or null when no live image of the project has it. */
  thumbnailFile(projectId: string, hash: string): Promise<{ path: string; mime: string; size: number } | null>;
  /** An image's category and top tags; null for anything else. */
  tagsOf(assetId: string): string[] | null;
  /** For you's item features: the tags (lower case) of the most used images and of the project's. */
  itemFeatures(projectId: string | null): Record<string, string[]>;
  /** For you's line for an image item: a tag it shares with images the user used (image-explanations.ts). */
  explainImage(item: string): string | null;
  /**
   * Listens for new and deleted images (at host start, last) and, with `resume`, queues the images a
   * previous run did not tag: not for a CLI command's short-lived host, which would start the
   * model session only to kill it.
   */
  start(options: { resume: boolean }): void;
  /** Resolves when tagging has nothing left to do (tests). */
  idle(): Promise<void>;
  close(): void;
}

/** Tags an image shows in lists (the best of each label). */
const listedTags = 5;

const imageGone = (): StudioError => new StudioError('not-found', 'That image no longer exists — it may have been deleted in another window.');
const projectGone = (): StudioError => new StudioError('not-found', 'That project no longer exists — it may have been deleted in another window.');

export function createImagesService(deps: ImagesServiceDeps): HostImagesService {
  const { repo, classifiers, bus } = deps;
  const now = deps.now ?? Date.now;
  const tagging = new ImageTagging({ ...deps, images: repo, ...(deps.history ? { history: deps.history } : {}) });
  /** Find-similar indexes per scope ('' for all projects), dropped whenever an embedding changes. */
  const indexes = new Map<string, EmbeddingIndex>();
  const training = new Map<string, string>();
  let explainCache: { at: number; used: string[] | null; tags: Map<string, string[] | null> } | null = null;

  const live = (info: ImageInfo): ImageInfo =>
    info.state === 'pending' && tagging.current === info.assetId ? { ...info, state: 'tagging' } : info;
  const short = (info: ImageInfo): ImageInfo => live({ ...info, tags: topTags(info.tags, listedTags) });
  const getImage = (assetId: string): ImageInfo => {
    const info = repo.get(assetId);
    if (!info) throw imageGone();
    return live(info);
  };
  const indexOf = (projectId: string | null): EmbeddingIndex => {
    const key = projectId ?? '';
    let index = indexes.get(key);
    if (!index) {
      index = buildEmbeddingIndex(repo.vectors(projectId).map((v) => ({ id: v.assetId, vector: v.vector })));
      indexes.set(key, index);
    }
    return index;
  };

  const stops: (() => void)[] = [];

  const tagsOf = (assetId: string): string[] | null => {
    const info = repo.get(assetId);
    if (!info) return null;
    const labels = [...(info.category ? [info.category] : []), ...topTagLabels(info.tags, 3)];
    return [...new Map(labels.map((l) => [labelKey(l), l])).values()];
  };

  const runTraining = async (projectId: string | null, ctx: Parameters<typeof trainCategoryModel>[2]): Promise<TrainCategoriesResult> => {
    // One spelling per category: the latest the user typed.
    const names = new Map(classifiers.categories(projectId).map((c) => [labelKey(c.name), c.name]));
    const examples = classifiers.examples(projectId, maxCategoryExamples).map((e) => ({ label: names.get(labelKey(e.category)) ?? e.category, vector: e.vector, assetId: e.assetId }));
    const trained = await trainCategoryModel(deps.sessions, examples, ctx);
    ctx.progress(0.95, 'Saving the classifier and tagging the images…');
    if (!(await retryStorageWrite(() => classifiers.save(projectId, trained.model, { ...trained.result, tagged: 0 }, trained.categoryNames, now())))) throw projectGone();
    const labelled = new Set(examples.map((e) => e.assetId));
    const scope = classifiers.taggedBy(projectId);
    const predictions = predictCategories(trained.model, scope.filter((i) => !labelled.has(i.assetId)));
    await retryStorageWrite(() => repo.replaceCustomTags(scope.map((i) => i.assetId), predictions));
    for (const p of new Set(scope.map((i) => i.projectId))) bus.emit('onImagesChanged', { projectId: p, assetId: null, reason: 'classified' });
    return { ...trained.result, tagged: predictions.length };
  };

  return {
    async list({ projectId }) {
      if (!deps.assets.projectLive(projectId)) throw projectGone();
      return repo.list(projectId).map(short);
    },

    async get({ assetId }) {
      return getImage(assetId);
    },

    async retag({ assetId }) {
      const info = getImage(assetId);
      if (info.state === 'pending' || info.state === 'tagging') return info;
      await retryStorageWrite(() => repo.resetTagging(assetId));
      tagging.tag(assetId, false);
      bus.emit('onImagesChanged', { projectId: info.projectId, assetId, reason: 'tagging' });
      return getImage(assetId);
    },

    async findSimilar({ assetId, limit, scope }) {
      const info = getImage(assetId);
      const query = repo.embedding(assetId);
      if (!query) {
        if (info.state === 'failed') throw new StudioError('invalid-argument', `“${info.name}” could not be tagged, so it cannot be compared: ${info.error ?? 'no reason was given'}`);
        throw new StudioError('conflict', `“${info.name}” is still being tagged; find similar images once it is done.`);
      }
      const started = performance.now();
      const index = indexOf(scope === 'project' ? info.projectId : null);
      const hits = findSimilar(index, query, { k: limit ?? 8, exclude: assetId });
      const ms = performance.now() - started;
      const items = hits.flatMap((h) => {
        const image = repo.get(h.id);
        return image ? [{ image: short(image), similarity: Math.round(h.score * 1e4) / 1e4, projectName: deps.projectName(image.projectId) ?? '' }] : [];
      });
      return { items, compared: index.ids.length, ms: Math.round(ms * 100) / 100 };
    },

    async search({ projectId, tag, limit }) {
      if (projectId && !deps.assets.projectLive(projectId)) throw projectGone();
      return repo.search(projectId ?? null, tag, limit ?? 200).flatMap((id) => {
        const info = repo.get(id);
        return info ? [short(info)] : [];
      });
    },

    async label({ assetId, category }) {
      const info = getImage(assetId);
      if (!(await retryStorageWrite(() => repo.setCategory(assetId, category, now())))) throw imageGone();
      bus.emit('onImagesChanged', { projectId: info.projectId, assetId, reason: 'labelled' });
      deps.history?.record({ type: 'image.labelled', item: `asset:${assetId}`, projectId: info.projectId, data: { category, tags: topTagLabels(info.tags, 3) } });
      return getImage(assetId);
    },

    async unlabel({ assetId }) {
      const info = getImage(assetId);
      await retryStorageWrite(() => repo.clearCategory(assetId));
      bus.emit('onImagesChanged', { projectId: info.projectId, assetId, reason: 'labelled' });
      return getImage(assetId);
    },

    async categories({ projectId }) {
      if (projectId && !deps.assets.projectLive(projectId)) throw projectGone();
      const classifier = projectId ? classifiers.forProject(projectId) : classifiers.ofScope(null);
      return { categories: classifiers.categories(projectId ?? null), classifier: classifier?.info ?? null };
    },

    async trainCategories({ projectId }) {
      const scope = projectId ?? null;
      if (projectId && !deps.assets.projectLive(projectId)) throw projectGone();
      const running = training.get(scope ?? '');
      if (running) {
        const job = deps.jobs.get(running);
        if (job.status === 'queued' || job.status === 'running') return job;
      }
      const counts = classifiers.categories(scope);
      const enough = counts.filter((c) => c.examples >= 2);
      if (counts.length < 2 || enough.length < counts.length) {
        const so = counts.length === 0 ? 'no image has a category yet' : `so far: ${counts.map((c) => `“${c.name}” ${c.examples}`).join(', ')}`;
        throw new StudioError('invalid-argument', `Training needs at least two categories with two images each (${so}). Give more images a category in their panel.`);
      }
      const total = counts.reduce((n, c) => n + c.examples, 0);
      if (total > maxCategoryExamples) {
        throw new StudioError('invalid-argument', `Training reads at most ${maxCategoryExamples} labelled images; ${total} have a category. Remove the category from some of them.`);
      }
      const name = projectId ? deps.projectName(projectId) : null;
      const job: Job = deps.jobs.submit({
        kind: 'train-image-categories',
        title: name ? `Train image categories (“${name}”)` : 'Train image categories (all projects)',
        params: { projectId: scope },
        run: async (ctx) => ({ ...(await runTraining(scope, ctx)) }),
      });
      training.set(scope ?? '', job.id);
      return job;
    },

    async thumbnailFile(projectId, hash) {
      if (!repo.thumbnailUsed(projectId, hash)) return null;
      const path = thumbnailPath(deps.dataRoot, projectId, hash);
      const s = await stat(path).catch(() => null);
      return s?.isFile() ? { path, mime: 'image/jpeg', size: s.size } : null;
    },

    tagsOf,

    itemFeatures(projectId) {
      const ids = new Set([...repo.mostUsedAssets(500), ...(projectId ? repo.list(projectId).map((i) => i.assetId) : [])]);
      const features: Record<string, string[]> = {};
      for (const id of ids) {
        const tags = tagsOf(id);
        if (tags && tags.length > 0) features[`asset:${id}`] = tags.map((t) => t.toLowerCase());
      }
      return features;
    },

    start({ resume }) {
      stops.push(
        bus.on('onAssetsChanged', ({ reason, asset }) => {
          if (asset.kind !== 'image') return;
          indexes.clear();
          if (reason === 'created') tagging.tag(asset.id, true);
          if (reason === 'deleted') tagging.sweep(asset.projectId);
        }),
        bus.on('onImagesChanged', ({ reason }) => {
          if (reason === 'tagged' || reason === 'failed') indexes.clear();
        }),
      );
      // Images a previous run did not get to (the host closed while they waited).
      if (resume) for (const id of repo.untagged()) tagging.tag(id, true);
    },

    explainImage(item) {
      // For you explains a dozen items at once: the used images and their tags are read once a second.
      if (!explainCache || now() - explainCache.at > 1000) explainCache = { at: now(), used: null, tags: new Map() };
      const cache = explainCache;
      const cachedTags = (id: string): string[] | null => {
        if (!cache.tags.has(id)) cache.tags.set(id, tagsOf(id));
        return cache.tags.get(id) ?? null;
      };
      return sharedTagLine(item, {
        tagsOf: cachedTags,
        nameOf: (id) => repo.get(id)?.name ?? null,
        used: () => (cache.used ??= repo.mostUsedAssets(50).filter((id) => cachedTags(id) !== null)),
      });
    },

    idle: () => tagging.idle(),

    close() {
      for (const stop of stops) stop();
      tagging.close();
    },
  };
}
