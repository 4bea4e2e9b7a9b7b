// `montage tag IMAGE… [--min-score S] [--json]`: the objects in JPEG and PNG photos, found by the
// image-tagger model session (COCO classes, src/workers/vision) in a session process of the
// command's own (image-session.ts). Per image: its size, the time it took (the request, as seen
// here) and one line per object: label, score and box (x, y, width, height in the image's pixels
// as displayed). --json prints one object on stdout and nothing else:
//   {"images": [{file, width, height, seconds, tags: [{label, score, box: {x, y, width, height}}]}
//               | {file, error: {code, message}}]}
// A file that is missing, not a JPEG/PNG image or damaged gets an error entry (a line on stderr
// without --json) and the others are still tagged; the exit code is then 1. Exit codes: 0 all
// tagged, 1 a file or the session failed, 2 bad usage.
import { basename } from 'node:path';
import { StudioError, type SerializedStudioError } from '../shared/api/errors';
import type { ImageTag } from '../shared/vision/types';
import { alignedTable, numberFlag, UsageError } from './cli-flags';
import { fail } from './host-session';
import { openImageSession, readImageFile, type ImageSession } from './image-session';

export interface TagFlags {
  json?: boolean;
  minScore?: string;
}

export const tagUsage = 'usage: montage tag IMAGE… [--min-score 0.3] [--json]';

export type TaggedFile =
  | { file: string; width: number; height: number; seconds: number; tags: ImageTag[] }
  | { file: string; error: SerializedStudioError };

export function taggedFileReport(f: TaggedFile): string {
  if ('error' in f) return f.error.message;
  const head = `${f.file}  ${f.width} × ${f.height}  ${f.seconds.toFixed(2)} s  ${f.tags.length === 0 ? 'no objects found' : `${f.tags.length} object${f.tags.length === 1 ? '' : 's'}`}`;
  if (f.tags.length === 0) return head;
  const rows = f.tags.map((t) => [`  ${t.label}`, t.score.toFixed(2), `x ${t.box.x}`, `y ${t.box.y}`, `w ${t.box.width}`, `h ${t.box.height}`]);
  return `${head}\n${alignedTable(rows)}`;
}

async function tagOne(session: ImageSession, file: string, minScore: number | undefined): Promise<TaggedFile> {
  try {
    const image = readImageFile(file);
    const started = performance.now();
    const r = await session.sessions.request(session.handle, 'tag', {
      image,
      // Messages name the file as the user typed it.
      name: file.length <= 255 ? file : basename(file).slice(-255),
      ...(minScore === undefined ? {} : { minScore }),
      thumbnailSize: 0,
      embedding: false,
    });
    const seconds = Math.round(performance.now() - started) / 1000;
    return { file, width: r.width, height: r.height, seconds, tags: r.tags };
  } catch (err) {
    return { file, error: StudioError.from(err).toJSON() };
  }
}

export async function tagCommand(files: readonly string[], flags: TagFlags): Promise<number> {
  let minScore: number | undefined;
  try {
    if (files.length === 0) throw new UsageError(`name at least one image; ${tagUsage}`);
    minScore = numberFlag('min-score', flags.minScore, 0.05, 1, false);
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  let session: ImageSession;
  try {
    session = await openImageSession();
  } catch (err) {
    return fail(1, StudioError.from(err).message);
  }
  const results: TaggedFile[] = [];
  try {
    for (const file of files) {
      const r = await tagOne(session, file, minScore);
      results.push(r);
      if (flags.json) continue;
      if ('error' in r) console.error(`montage: ${taggedFileReport(r)}`);
      else console.log(taggedFileReport(r));
    }
  } finally {
    session.close();
  }
  if (flags.json) console.log(JSON.stringify({ images: results }));
  return results.some((r) => 'error' in r) ? 1 : 0;
}
