// SQL for assets (migration 6). An asset is visible only while its project is live; every read
// joins the project's `deleted_at`. The file behind a row is the service's (assets-service.ts).
import type { Asset, AssetKind } from '../../shared/api';
import type { AssetId, ProjectId } from '../../shared/ids';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

interface AssetRow {
  id: string;
  project_id: string;
  kind: string;
  name: string;
  mime: string;
  bytes: number;
  hash: string;
  created_at: number;
}

const toAsset = (r: AssetRow): Asset => ({
  id: r.id as AssetId,
  projectId: r.project_id as ProjectId,
  kind: r.kind as AssetKind,
  name: r.name,
  mime: r.mime,
  bytes: r.bytes,
  hash: r.hash,
  createdAt: r.created_at,
});

const live = 'EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id AND p.deleted_at IS NULL)';

export function createAssetsRepo(db: Db) {
  const cols = 'a.id, a.project_id, a.kind, a.name, a.mime, a.bytes, a.hash, a.created_at';
  const byId = db.prepare<[string], AssetRow>(`SELECT ${cols} FROM assets a WHERE a.id = ? AND ${live}`);
  const byHash = db.prepare<[string, string], AssetRow>(`SELECT ${cols} FROM assets a WHERE a.project_id = ? AND a.hash = ? AND ${live} LIMIT 1`);
  const byProject = db.prepare<[string], AssetRow>(`SELECT ${cols} FROM assets a WHERE a.project_id = ? AND ${live} ORDER BY a.created_at DESC, a.id`);
  const projectLive = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM projects WHERE id = ? AND deleted_at IS NULL');
  const projectExists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM projects WHERE id = ?');
  const uses = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM assets WHERE project_id = ? AND hash = ?');
  const insert = db.prepare(
    `INSERT INTO assets (id, project_id, kind, name, mime, bytes, hash, created_at)
     SELECT @id, @projectId, @kind, @name, @mime, @bytes, @hash, @createdAt WHERE EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND deleted_at IS NULL)`,
  );
  const rename = db.prepare(`UPDATE assets AS a SET name = ? WHERE a.id = ? AND ${live}`);
  const remove = db.prepare(`DELETE FROM assets AS a WHERE a.id = ? AND ${live}`);

  return guardStorage(db.name, {
    get(id: string): Asset | undefined {
      const row = byId.get(id);
      return row && toAsset(row);
    },
    /** A live asset of the project with this content (serving the file needs its type). */
    byHash(projectId: string, hash: string): Asset | undefined {
      const row = byHash.get(projectId, hash);
      return row && toAsset(row);
    },
    list(projectId: string): Asset[] {
      return byProject.all(projectId).map(toAsset);
    },
    projectLive(projectId: string): boolean {
      return projectLive.get(projectId) !== undefined;
    },
    /** Whether the project still has a row at all (live or in the trash): its folder must stay. */
    projectExists(projectId: string): boolean {
      return projectExists.get(projectId) !== undefined;
    },
    /** Rows (of any project state) that use this content: the file goes when none is left. */
    uses(projectId: string, hash: string): number {
      return uses.get(projectId, hash)?.n ?? 0;
    },
    /** False when the project is gone (deleted meanwhile). */
    insert(asset: Asset): boolean {
      return insert.run(asset).changes > 0;
    },
    rename(id: string, name: string): boolean {
      return rename.run(name, id).changes > 0;
    },
    remove(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  });
}

export type AssetsRepo = ReturnType<typeof createAssetsRepo>;
