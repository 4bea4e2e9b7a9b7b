// Tags image assets after import, one at a time, in the `image-tagger` model session: COCO objects
// with scores and boxes, the 1,280-d embedding, a 256 px thumbnail, and the category the trained
// classifier predicts (if any). The session is opened once and its handle kept, so the process
// stays warm while images arrive (the manager unloads it after two idle minutes and starts it
// again on the next request).
//
// - A failure (a file whose pixels are damaged, a session that cannot load its models) is stored
//   as the image's state with its reason; the asset itself is never touched, and `retag` tries
//   again. Images never tagged (the host closed meanwhile) are queued again at start-up.
// - Tasks run one after another: tagging, and sweeping a project's unused thumbnails after a
//   delete, so a sweep never removes a thumbnail whose row is about to be written.
// - SQLite writes go through retryStorageWrite; an image deleted meanwhile stores nothing.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { StudioError } from '../../shared/api';
import { categoryPredictor } from '../../shared/vision/category-model';
import { topTagLabels } from '../../shared/vision/tag-summary';
import type { AssetsRepo } from '../db/assets-repo';
import type { ImageClassifiersRepo } from '../db/image-classifiers-repo';
import type { ImagesRepo } from '../db/images-repo';
import { retryStorageWrite } from '../db/storage-errors';
import type { EventBus } from '../services/event-bus';
import type { EventLog } from '../services/event-log';
import type { SessionHandle, SessionManager } from '../sessions';
import { sweepThumbnails, writeThumbnail } from './thumbnail-files';

export interface ImageTaggingDeps {
  sessions: SessionManager;
  images: ImagesRepo;
  classifiers: ImageClassifiersRepo;
  assets: Pick<AssetsRepo, 'get'>;
  /** The stored file of an asset (the assets service's lookup). */
  assetFile(projectId: string, hash: string): Promise<{ path: string } | null>;
  dataRoot: string;
  bus: EventBus;
  /** Told of each image imported (once tagged, with its top tags), for For you and History. */
  history?: Pick<EventLog, 'record'>;
  now?: () => number;
  log?: (message: string) => void;
}

type Task = { kind: 'tag'; assetId: string; announce: boolean } | { kind: 'sweep'; projectId: string };

export class ImageTagging {
  private readonly queue: Task[] = [];
  private running: Promise<void> | null = null;
  private handle: Promise<SessionHandle<'image-tagger'>> | null = null;
  private closed = false;
  /** The image in the session now. */
  current: string | null = null;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly deps: ImageTaggingDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? ((m) => console.error(`montage: ${m}`));
  }

  /** Queues an image; `announce` records its import in the history once it is tagged. */
  tag(assetId: string, announce: boolean): void {
    if (this.queued(assetId)) return;
    this.push({ kind: 'tag', assetId, announce });
  }

  /** Removes the project's thumbnails no image uses any more, after the tasks before it. */
  sweep(projectId: string): void {
    if (!this.queue.some((t) => t.kind === 'sweep' && t.projectId === projectId)) this.push({ kind: 'sweep', projectId });
  }

  queued(assetId: string): boolean {
    return this.current === assetId || this.queue.some((t) => t.kind === 'tag' && t.assetId === assetId);
  }

  /** Resolves when every queued task is done (tests, and close). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking tasks; what is running is not stored once the host's sessions close under it. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    void this.handle?.then((h) => this.deps.sessions.release(h)).catch(() => undefined);
  }

  private push(task: Task): void {
    if (this.closed) return;
    this.queue.push(task);
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
  }

  private async drain(): Promise<void> {
    for (let task = this.queue.shift(); task && !this.closed; task = this.queue.shift()) {
      try {
        if (task.kind === 'sweep') await sweepThumbnails(this.deps.dataRoot, task.projectId, this.deps.images.thumbnailsOf(task.projectId));
        else await this.tagOne(task.assetId, task.announce);
      } catch (err) {
        // Nothing here may stop the queue: the next image still gets its turn.
        this.log(`could not ${task.kind === 'sweep' ? 'tidy thumbnails' : 'tag an image'}: ${StudioError.from(err).message}`);
      } finally {
        this.current = null;
      }
    }
  }

  private session(): Promise<SessionHandle<'image-tagger'>> {
    if (!this.handle) {
      this.handle = this.deps.sessions.open('image-tagger', {});
      this.handle.catch(() => {
        this.handle = null;
      });
    }
    return this.handle;
  }

  private emit(projectId: string, assetId: string, reason: 'tagging' | 'tagged' | 'failed'): void {
    this.deps.bus.emit('onImagesChanged', { projectId, assetId, reason });
  }

  private async tagOne(assetId: string, announce: boolean): Promise<void> {
    const asset = this.deps.assets.get(assetId);
    if (!asset || asset.kind !== 'image') return;
    this.current = assetId;
    this.emit(asset.projectId, assetId, 'tagging');
    const file = await this.deps.assetFile(asset.projectId, asset.hash);
    if (!file) return;
    let tags: string[] = [];
    try {
      const image = new Uint8Array(await readFile(file.path));
      const handle = await this.session();
      const started = performance.now();
      const result = await this.deps.sessions.request(handle, 'tag', { image, name: `“${asset.name}”` });
      const ms = performance.now() - started;
      if (this.closed) return;
      const thumbnail = result.thumbnail
        ? { hash: await writeThumbnail(this.deps.dataRoot, asset.projectId, result.thumbnail.jpeg), width: result.thumbnail.width, height: result.thumbnail.height }
        : null;
      const classifier = result.embedding ? this.deps.classifiers.forProject(asset.projectId) : undefined;
      const custom = classifier && result.embedding ? categoryPredictor(classifier.model)(result.embedding) : null;
      const record = { assetId, width: result.width, height: result.height, thumbnail, taggingMs: Math.round(ms), at: this.now(), tags: result.tags, embedding: result.embedding, custom };
      if (!(await retryStorageWrite(() => this.deps.images.saveTagged(record)))) return;
      this.emit(asset.projectId, assetId, 'tagged');
      tags = topTagLabels([...result.tags, ...(custom ? [custom] : [])], 3);
    } catch (err) {
      if (this.closed) return;
      const e = StudioError.from(err);
      const reason = e.code === 'internal' ? `Montage could not tag it (${e.message}).` : e.message;
      // Should even this write fail, the image stays pending and is tried again at the next start.
      if (!(await retryStorageWrite(() => this.deps.images.saveFailed(assetId, reason, this.now())))) return;
      this.emit(asset.projectId, assetId, 'failed');
    }
    if (announce) this.deps.history?.record({ type: 'document.imported', item: `asset:${assetId}`, projectId: asset.projectId, data: { bytes: asset.bytes, tags } });
  }
}
