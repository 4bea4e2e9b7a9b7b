// Electron's montage-asset://<projectId>/<hash>: the same asset files serve mode sends from
// GET /assets/…, with the same strict parsing and Range handling (assets/asset-request.ts), for a
// window that loads the renderer from file:// and so has no HTTP server to ask.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parseAssetUrl, parseRange, rangeHeaders } from '../assets/asset-request';
import type { Host } from '../host';

export async function assetResponse(host: Host, request: { url: string; method: string; headers: Headers }): Promise<Response> {
  const ref = parseAssetUrl(request.url);
  const file = ref ? await host.assetFile(ref.projectId, ref.hash) : null;
  if (!file) return new Response('Not found', { status: 404 });
  const range = parseRange(request.headers.get('range') ?? undefined, file.size);
  const { status, headers } = rangeHeaders(range, file.size, file.mime);
  if (range.kind === 'unsatisfiable' || request.method === 'HEAD') return new Response(null, { status, headers });
  const span = range.kind === 'partial' ? { start: range.start, end: range.end } : {};
  const body = Readable.toWeb(createReadStream(file.path, span)) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
