// The part of serving an asset file that both transports share (serve mode's GET /assets/…, and
// Electron's montage-asset:// scheme): strict parsing of the project id and content hash (nothing
// else can name a file, so no path a client sends ever reaches the file system), the file's path,
// and HTTP Range. Pure and synchronous so it is unit-tested without a server.
import { join } from 'node:path';

export const assetScheme = 'montage-asset';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = /^[0-9a-f]{64}$/;

export interface AssetRef {
  projectId: string;
  hash: string;
}

/** `<projectId>/<hash>` (lower-case uuid, 64 hex), or null for anything else: dots, slashes, escapes. */
export function parseAssetRef(projectId: string, hash: string): AssetRef | null {
  return uuid.test(projectId) && sha256.test(hash) ? { projectId, hash } : null;
}

/** The path of serve mode's GET: `/assets/<projectId>/<hash>` exactly, or null. */
export function parseAssetPath(pathname: string): AssetRef | null {
  const m = /^\/assets\/([^/]+)\/([^/]+)$/.exec(pathname);
  return m ? parseAssetRef(m[1] as string, m[2] as string) : null;
}

/** Electron's `montage-asset://<projectId>/<hash>` (a standard scheme: the project id is the host). */
export function parseAssetUrl(url: string): AssetRef | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${assetScheme}:` || u.search || u.username || u.password || u.port) return null;
  const m = /^\/([^/]+)$/.exec(u.pathname);
  return m ? parseAssetRef(u.hostname, m[1] as string) : null;
}

/** Where a project's asset files live, and their temp files while uploading. */
export const projectAssetsDir = (dataRoot: string, projectId: string): string => join(dataRoot, 'projects', projectId, 'assets');
export const projectUploadsDir = (dataRoot: string, projectId: string): string => join(dataRoot, 'projects', projectId, 'uploads');
export const assetFilePath = (dataRoot: string, projectId: string, hash: string, ext: string): string =>
  join(projectAssetsDir(dataRoot, projectId), `${hash}.${ext}`);

export const extensionOfMime: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/x-soundfont': 'sf2',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * A `Range` header against a file of `size` bytes. One range only (`bytes=a-b`, `bytes=a-`,
 * `bytes=-n`); media elements never ask for more. A header that is not a byte range is ignored
 * (RFC 9110: full response); one that names no byte of the file is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return header.trim().startsWith('bytes=') ? { kind: 'unsatisfiable' } : { kind: 'full' };
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return { kind: 'unsatisfiable' };
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (b !== '' && Number(b) < start)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** Status and headers for a range answer (the body is the caller's stream of start…end). */
export function rangeHeaders(range: RangeResult, size: number, mime: string): { status: number; headers: Record<string, string> } {
  const common = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'private' };
  if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` } };
  if (range.kind === 'full') return { status: 200, headers: { ...common, 'Content-Type': mime, 'Content-Length': String(size) } };
  return {
    status: 206,
    headers: { ...common, 'Content-Type': mime, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
  };
}
