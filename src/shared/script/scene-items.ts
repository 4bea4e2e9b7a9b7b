// A scene as an item of the event log and of For you: "scene:<script id>/<heading>", the heading
// with its spaces collapsed and URI-encoded (an item key holds no whitespace). Scenes have no id of
// their own in Fountain text, and their place changes as scenes move; the heading is what a writer
// knows a scene by, and stays with it. Two scenes of one script with the same heading are one item.
import type { ParsedScript } from './fountain-parse';
import { scenesOf, type SceneInfo } from './scenes';

/** Characters of the heading kept in a key (item keys are at most 160 characters after the kind). */
const headingChars = 100;

/** The heading as a key holds it: spaces collapsed, trimmed, at most `headingChars` characters. */
export const keyedHeading = (heading: string): string => heading.replace(/\s+/g, ' ').trim().slice(0, headingChars);

export function sceneItemKey(scriptId: string, heading: string): string | null {
  const h = keyedHeading(heading);
  return h === '' ? null : `scene:${scriptId}/${encodeURIComponent(h)}`;
}

/** The script and heading of a scene item, or null when the key is not one. */
export function parseSceneItem(key: string): { scriptId: string; heading: string } | null {
  const m = /^scene:([^/\s]+)\/(\S+)$/.exec(key);
  if (!m) return null;
  try {
    const heading = decodeURIComponent(m[2] as string);
    return heading === '' ? null : { scriptId: m[1] as string, heading };
  } catch {
    return null;
  }
}

/** The first scene of the script with this heading (as keyed), or undefined. */
export function findSceneByHeading(parsed: ParsedScript, heading: string): SceneInfo | undefined {
  const wanted = keyedHeading(heading);
  return scenesOf(parsed).find((s) => keyedHeading(s.heading) === wanted);
}

/**
 * The heading of the scene that holds text offset `at` of a Fountain text: the last scene heading
 * line at or before it (a line starting INT/EXT/EST/I/E, or a forced "." heading), or null before
 * the first. A cheap scan, for every saved edit; the parse decides headings the same way for all
 * but odd cases (a heading line inside a boneyard), where the event names a scene loosely.
 */
export function headingAt(text: string, at: number): string | null {
  let end = Math.min(Math.max(0, at), text.length);
  // The line holding `at` counts: start from its end.
  const nl = text.indexOf('\n', end);
  end = nl === -1 ? text.length : nl;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (isHeadingLine(line, text, start)) return (line.startsWith('.') ? line.slice(1) : line).replace(/\s*#[^#]*#\s*$/, '').trim();
    end = start - 1;
  }
  return null;
}

const headingStart = /^(?:INT\.?\/EXT|I\/E|INT|EXT|EST)[.\s]/i;

function isHeadingLine(line: string, text: string, start: number): boolean {
  if (line === '') return false;
  // A heading stands after a blank line (or at the top).
  const before = start === 0 ? '' : text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1).trim();
  if (before !== '') return false;
  if (line.startsWith('.') && !line.startsWith('..')) return true;
  return headingStart.test(line);
}
