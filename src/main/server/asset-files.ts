// Serve mode's GET /assets/<projectId>/<hash>: a project's asset file with HTTP Range, so an
// <audio> element can seek without downloading everything. Reached only after serve.ts has checked
// the token, Host and Origin like every other request; serve.ts parses the path strictly
// (assets/asset-request.ts) first, so only a live asset's own file can ever be read.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRange, rangeHeaders, type AssetRef } from '../assets/asset-request';
import type { Host } from '../host';

const text = { 'Content-Type': 'text/plain; charset=utf-8' };

export async function serveAsset(host: Host, ref: AssetRef, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = await host.assetFile(ref.projectId, ref.hash);
  if (!file) {
    res.writeHead(404, text).end('Not found');
    return;
  }
  const header = req.headers.range;
  const range = parseRange(typeof header === 'string' ? header : undefined, file.size);
  const { status, headers } = rangeHeaders(range, file.size, file.mime);
  res.writeHead(status, headers);
  if (range.kind === 'unsatisfiable' || req.method === 'HEAD') {
    res.end();
    return;
  }
  const span = range.kind === 'partial' ? { start: range.start, end: range.end } : {};
  // A file that vanishes or fails mid-way ends this response, never the host.
  createReadStream(file.path, span)
    .on('error', () => res.destroy())
    .pipe(res);
}
