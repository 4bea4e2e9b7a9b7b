// SQL for images (migration 13): tagging state, tags, embeddings and the user's categories of image
// assets. Like assets, an image is visible only while its project is live, and everything here is
// written only for a live image asset, so a tagging that finishes after its image was deleted
// stores nothing. Classifiers are image-classifiers-repo.ts.
import type { ImageInfo, ImageTagInfo, ImageTagSource, TaggingState } from '../../shared/api';
import type { AssetId, ProjectId } from '../../shared/ids';
import { labelKey } from '../../shared/vision/labels';
import type { ImageTag } from '../../shared/vision/types';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

interface InfoRow {
  id: string;
  project_id: string;
  name: string;
  mime: string;
  bytes: number;
  hash: string;
  created_at: number;
  state: 'tagged' | 'failed' | null;
  error: string | null;
  width: number | null;
  height: number | null;
  thumb_hash: string | null;
  thumb_width: number | null;
  thumb_height: number | null;
  tagging_ms: number | null;
  at: number | null;
  category: string | null;
}

interface TagRow {
  asset_id: string;
  label: string;
  score: number;
  source: string;
  box_x: number | null;
  box_y: number | null;
  box_width: number | null;
  box_height: number | null;
}

export interface StoredVector {
  assetId: string;
  projectId: string;
  vector: Float32Array;
}

export interface TaggedImage {
  assetId: string;
  width: number;
  height: number;
  thumbnail: { hash: string; width: number; height: number } | null;
  taggingMs: number;
  at: number;
  tags: readonly ImageTag[];
  embedding: Float32Array | null;
  /** A category the trained classifier predicts for it. */
  custom: { label: string; score: number } | null;
}

/** float32 little-endian bytes (the platforms Montage runs on are little-endian), and back. */
export const vectorBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
/** A copy (a blob's bytes need not be 4-byte aligned). */
export const blobVector = (b: Uint8Array): Float32Array => new Float32Array(Uint8Array.from(b).buffer);

const live = 'EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id AND p.deleted_at IS NULL)';
const liveImage = `EXISTS (SELECT 1 FROM assets a WHERE a.id = @assetId AND a.kind = 'image' AND ${live})`;

const toTag = (r: TagRow): ImageTagInfo => ({
  label: r.label,
  score: r.score,
  box: r.box_x === null ? null : { x: r.box_x, y: r.box_y ?? 0, width: r.box_width ?? 0, height: r.box_height ?? 0 },
  source: r.source as ImageTagSource,
});

const toInfo = (r: InfoRow, tags: ImageTagInfo[]): ImageInfo => ({
  assetId: r.id as AssetId,
  projectId: r.project_id as ProjectId,
  name: r.name,
  mime: r.mime,
  bytes: r.bytes,
  hash: r.hash,
  createdAt: r.created_at,
  state: (r.state ?? 'pending') as TaggingState,
  error: r.error,
  width: r.width,
  height: r.height,
  thumbnail: r.thumb_hash && r.thumb_width && r.thumb_height ? { hash: r.thumb_hash, width: r.thumb_width, height: r.thumb_height } : null,
  tags,
  category: r.category,
  taggedAt: r.at,
  taggingMs: r.tagging_ms,
});

/** Escapes LIKE's wildcards (the pattern uses ESCAPE '\'). */
const likeText = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createImagesRepo(db: Db) {
  const infoCols = `a.id, a.project_id, a.name, a.mime, a.bytes, a.hash, a.created_at, t.state, t.error, t.width, t.height,
    t.thumb_hash, t.thumb_width, t.thumb_height, t.tagging_ms, t.at, c.category`;
  const infoFrom = `assets a LEFT JOIN image_tagging t ON t.asset_id = a.id LEFT JOIN image_categories c ON c.asset_id = a.id`;
  const tagCols = 'asset_id, label, score, source, box_x, box_y, box_width, box_height';
  const byId = db.prepare<[string], InfoRow>(`SELECT ${infoCols} FROM ${infoFrom} WHERE a.id = ? AND a.kind = 'image' AND ${live}`);
  const byProject = db.prepare<[string], InfoRow>(`SELECT ${infoCols} FROM ${infoFrom} WHERE a.project_id = ? AND a.kind = 'image' AND ${live} ORDER BY a.created_at DESC, a.id`);
  const tagsOf = db.prepare<[string], TagRow>(`SELECT ${tagCols} FROM image_tags WHERE asset_id = ? ORDER BY score DESC, label`);
  const tagsOfProject = db.prepare<[string], TagRow>(
    `SELECT ${tagCols} FROM image_tags WHERE asset_id IN (SELECT id FROM assets WHERE project_id = ? AND kind = 'image') ORDER BY score DESC, label`,
  );
  const untagged = db.prepare<[], { id: string }>(
    `SELECT a.id FROM assets a WHERE a.kind = 'image' AND ${live} AND NOT EXISTS (SELECT 1 FROM image_tagging t WHERE t.asset_id = a.id) ORDER BY a.created_at, a.id`,
  );
  const putTagging = db.prepare(
    `INSERT INTO image_tagging (asset_id, state, error, width, height, thumb_hash, thumb_width, thumb_height, tagging_ms, at)
     SELECT @assetId, @state, @error, @width, @height, @thumbHash, @thumbWidth, @thumbHeight, @taggingMs, @at WHERE ${liveImage}
     ON CONFLICT (asset_id) DO UPDATE SET state = excluded.state, error = excluded.error, width = excluded.width, height = excluded.height,
       thumb_hash = excluded.thumb_hash, thumb_width = excluded.thumb_width, thumb_height = excluded.thumb_height, tagging_ms = excluded.tagging_ms, at = excluded.at`,
  );
  const clearTags = db.prepare('DELETE FROM image_tags WHERE asset_id = ?');
  const clearCustom = db.prepare("DELETE FROM image_tags WHERE asset_id = ? AND source = 'custom'");
  const clearEmbedding = db.prepare('DELETE FROM image_embeddings WHERE asset_id = ?');
  const clearTagging = db.prepare('DELETE FROM image_tagging WHERE asset_id = ?');
  const insertTag = db.prepare(
    'INSERT INTO image_tags (asset_id, label, label_key, score, source, box_x, box_y, box_width, box_height) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEmbedding = db.prepare('INSERT INTO image_embeddings (asset_id, dims, vector) VALUES (?, ?, ?)');
  const embeddingOf = db.prepare<[string], { vector: Buffer }>('SELECT vector FROM image_embeddings WHERE asset_id = ?');
  const vectorsIn = db.prepare<[{ projectId: string | null }], { asset_id: string; project_id: string; vector: Buffer }>(
    `SELECT e.asset_id, a.project_id, e.vector FROM image_embeddings e JOIN assets a ON a.id = e.asset_id
     WHERE a.kind = 'image' AND ${live} AND (@projectId IS NULL OR a.project_id = @projectId) ORDER BY a.created_at, a.id`,
  );
  const putCategory = db.prepare(
    `INSERT INTO image_categories (asset_id, category, category_key, at) SELECT @assetId, @category, @key, @at WHERE ${liveImage}
     ON CONFLICT (asset_id) DO UPDATE SET category = excluded.category, category_key = excluded.category_key, at = excluded.at`,
  );
  const dropCategory = db.prepare('DELETE FROM image_categories WHERE asset_id = ?');
  const search = db.prepare<[{ projectId: string | null; exact: string; prefix: string; word: string; limit: number }], { asset_id: string }>(
    `SELECT x.asset_id FROM (
       SELECT asset_id, label_key AS key, score FROM image_tags
       UNION ALL SELECT asset_id, category_key, 1.0 FROM image_categories
     ) x JOIN assets a ON a.id = x.asset_id
     WHERE a.kind = 'image' AND ${live} AND (@projectId IS NULL OR a.project_id = @projectId)
       AND (x.key LIKE @prefix ESCAPE '\\' OR x.key LIKE @word ESCAPE '\\')
     GROUP BY x.asset_id ORDER BY max(x.key = @exact) DESC, max(x.score) DESC, a.created_at DESC LIMIT @limit`,
  );
  const thumbUsed = db.prepare<[string, string], { n: number }>(
    `SELECT 1 AS n FROM image_tagging t JOIN assets a ON a.id = t.asset_id WHERE a.project_id = ? AND t.thumb_hash = ? AND ${live} LIMIT 1`,
  );
  // Through events_by_item: the range implies item IS NOT NULL, the partial index's condition.
  const used = db.prepare<[number], { id: string }>(
    `SELECT substr(e.item, 7) AS id FROM events e WHERE e.item >= 'asset:' AND e.item < 'asset;' AND e.weight > 0
     GROUP BY e.item ORDER BY count(*) DESC, max(e.at) DESC LIMIT ?`,
  );
  const thumbsOfProject = db.prepare<[string], { thumb_hash: string }>(
    'SELECT DISTINCT t.thumb_hash FROM image_tagging t JOIN assets a ON a.id = t.asset_id WHERE a.project_id = ? AND t.thumb_hash IS NOT NULL',
  );

  const insertTags = (assetId: string, tags: readonly ImageTag[]): void => {
    for (const t of tags) insertTag.run(assetId, t.label, labelKey(t.label), t.score, 'detector', t.box.x, t.box.y, t.box.width, t.box.height);
  };
  const storeTagged = db.transaction((r: TaggedImage): boolean => {
    const written = putTagging.run({
      assetId: r.assetId,
      state: 'tagged',
      error: null,
      width: r.width,
      height: r.height,
      thumbHash: r.thumbnail?.hash ?? null,
      thumbWidth: r.thumbnail?.width ?? null,
      thumbHeight: r.thumbnail?.height ?? null,
      taggingMs: r.taggingMs,
      at: r.at,
    });
    if (written.changes === 0) return false;
    clearTags.run(r.assetId);
    clearEmbedding.run(r.assetId);
    insertTags(r.assetId, r.tags);
    if (r.custom) insertTag.run(r.assetId, r.custom.label, labelKey(r.custom.label), r.custom.score, 'custom', null, null, null, null);
    if (r.embedding) insertEmbedding.run(r.assetId, r.embedding.length, vectorBlob(r.embedding));
    return true;
  });
  const storeFailed = db.transaction((assetId: string, error: string, at: number): boolean => {
    const written = putTagging.run({ assetId, state: 'failed', error, width: null, height: null, thumbHash: null, thumbWidth: null, thumbHeight: null, taggingMs: null, at });
    if (written.changes === 0) return false;
    clearTags.run(assetId);
    clearEmbedding.run(assetId);
    return true;
  });
  const storeCustom = db.transaction((scope: readonly string[], predictions: readonly { assetId: string; label: string; score: number }[]) => {
    for (const id of scope) clearCustom.run(id);
    for (const p of predictions) insertTag.run(p.assetId, p.label, labelKey(p.label), p.score, 'custom', null, null, null, null);
  });

  const withTags = (rows: InfoRow[], tags: TagRow[]): ImageInfo[] => {
    const byAsset = new Map<string, ImageTagInfo[]>();
    for (const t of tags) byAsset.set(t.asset_id, [...(byAsset.get(t.asset_id) ?? []), toTag(t)]);
    return rows.map((r) => toInfo(r, byAsset.get(r.id) ?? []));
  };

  return guardStorage(db.name, {
    /** A live image with every tag, or undefined. */
    get(assetId: string): ImageInfo | undefined {
      const row = byId.get(assetId);
      return row && toInfo(row, tagsOf.all(assetId).map(toTag));
    },
    /** The project's live images, newest first, each with every tag. */
    list(projectId: string): ImageInfo[] {
      return withTags(byProject.all(projectId), tagsOfProject.all(projectId));
    },
    /** Live images never tagged (nor failed), oldest first: the host's queue at start-up. */
    untagged(): string[] {
      return untagged.all().map((r) => r.id);
    },
    /** Stores a tagging's results in place of any earlier ones; false when the image is gone. */
    saveTagged(r: TaggedImage): boolean {
      return storeTagged(r);
    },
    saveFailed(assetId: string, error: string, at: number): boolean {
      return storeFailed(assetId, error, at);
    },
    /** Forgets the tagging state (not the tags): the image is pending again. */
    resetTagging(assetId: string): void {
      clearTagging.run(assetId);
    },
    embedding(assetId: string): Float32Array | null {
      const row = embeddingOf.get(assetId);
      return row ? blobVector(row.vector) : null;
    },
    /** Embeddings of live images, of one project or (null) of all. */
    vectors(projectId: string | null): StoredVector[] {
      return vectorsIn.all({ projectId }).map((r) => ({ assetId: r.asset_id, projectId: r.project_id, vector: blobVector(r.vector) }));
    },
    /** Replaces the predicted categories of the images in `scope` by `predictions`, in one transaction. */
    replaceCustomTags(scope: readonly string[], predictions: readonly { assetId: string; label: string; score: number }[]): void {
      storeCustom(scope, predictions);
    },
    /** False when the image is gone. */
    setCategory(assetId: string, category: string, at: number): boolean {
      return putCategory.run({ assetId, category, key: labelKey(category), at }).changes > 0;
    },
    clearCategory(assetId: string): boolean {
      return dropCategory.run(assetId).changes > 0;
    },
    /** Images with a tag or category whose key starts with the query, or has a word that does. */
    search(projectId: string | null, query: string, limit: number): string[] {
      const q = likeText(labelKey(query));
      return search.all({ projectId, exact: labelKey(query), prefix: `${q}%`, word: `% ${q}%`, limit }).map((r) => r.asset_id);
    },
    /** Whether a live image of the project has this thumbnail (serving it needs one). */
    thumbnailUsed(projectId: string, hash: string): boolean {
      return thumbUsed.get(projectId, hash) !== undefined;
    },
    /** Assets with the most events that say something about taste (weight above 0), most first: images and audio alike. */
    mostUsedAssets(limit: number): string[] {
      return used.all(limit).map((r) => r.id);
    },
    /** Thumbnails any image row of the project (live or in the trash) still names. */
    thumbnailsOf(projectId: string): Set<string> {
      return new Set(thumbsOfProject.all(projectId).map((r) => r.thumb_hash));
    },
  });
}

export type ImagesRepo = ReturnType<typeof createImagesRepo>;
