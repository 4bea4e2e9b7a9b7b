// Re-parsing as the writer types. A paragraph reads the same wherever it is (fountain-parse.ts), so
// the parser keeps each paragraph of the last text with what it read as, and reuses it when the new
// text has a paragraph with the same bounds inside the part the edit left alone: the common start
// of both texts, or their common end (shifted by the change in length). Only the paragraphs around
// the edit are read again. Finding lines, notes/boneyards and paragraph bounds is redone on every
// call (one quick scan, so a note opened far away is always seen); the per-line reading, which is
// most of the work, is reused. The result always equals parseFountain(text).
import { parseWithCache, type ParagraphResult, type ParsedScript } from './fountain-parse';

export interface IncrementalParser {
  parse(text: string): ParsedScript;
}

interface Kept {
  to: number;
  result: ParagraphResult;
}

/** Length of the common start of a and b. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Compare in chunks first (string equality is fast), then character by character.
  for (let step = 4096; step >= 1; step >>= 4) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of a and b, not reaching into their first `min` characters. */
function commonSuffix(a: string, b: string, min: number): number {
  const n = Math.min(a.length, b.length) - min;
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (i + step <= n && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

export function createIncrementalParser(): IncrementalParser {
  let prevText: string | null = null;
  let prev = new Map<number, Kept>();
  return {
    parse(text: string): ParsedScript {
      const old = prevText;
      const oldParas = prev;
      const next = new Map<number, Kept>();
      let prefix = 0;
      let suffixFrom = text.length;
      let delta = 0;
      if (old !== null) {
        prefix = commonPrefix(old, text);
        const suffix = commonSuffix(old, text, prefix);
        suffixFrom = text.length - suffix;
        delta = text.length - old.length;
      }
      const result = parseWithCache(text, {
        lookup(_text, from, to) {
          if (old === null) return undefined;
          if (to <= prefix) {
            const k = oldParas.get(from);
            return k && k.to === to ? k.result : undefined;
          }
          if (from >= suffixFrom) {
            const k = oldParas.get(from - delta);
            return k && k.to === to - delta ? k.result : undefined;
          }
          return undefined;
        },
        record(from, to, r) {
          next.set(from, { to, result: r });
        },
      });
      prevText = text;
      prev = next;
      return result;
    },
  };
}
