// Reads what `pocketsphinx_continuous -time yes` prints on stdout: for each utterance (a stretch
// of speech between pauses) the hypothesis on one line, then one line per segment, "token start
// end posterior", times in seconds from the start of the file. Tokens include the decoder's
// fillers (<s>, </s>, <sil>, [NOISE], ++NOISE++), which are not words, and alternative
// pronunciations are marked "been(2)", which is still the word "been".
import type { TranscriptWord } from '../../shared/speech/transcript';

export interface TimedSegment {
  token: string;
  start: number;
  end: number;
  posterior: number;
}

const timedLine = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;

/** A segment line, or null for a hypothesis line (or anything else). */
export function parseTimedLine(line: string): TimedSegment | null {
  const m = timedLine.exec(line.trim());
  if (!m) return null;
  return { token: m[1] as string, start: Number(m[2]), end: Number(m[3]), posterior: Number(m[4]) };
}

/** The word a token stands for, or null for a filler (silence, noise, utterance marks). */
export function wordOfToken(token: string): string | null {
  if (/^<.*>$/.test(token) || /^\[.*\]$/.test(token) || /^\+\+?.*\+\+?$/.test(token)) return null;
  const word = token.replace(/\(\d+\)$/, '');
  return word.length > 0 ? word : null;
}

/** The words of the whole output, in order, with their times and confidences (rounded to 4 places). */
export function parsePocketsphinxOutput(stdout: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const segment = parseTimedLine(line);
    if (!segment) continue;
    const word = wordOfToken(segment.token);
    if (word === null) continue;
    const confidence = Math.min(1, Math.max(0, Math.round(segment.posterior * 10_000) / 10_000));
    words.push({ word, start: segment.start, end: segment.end, confidence });
  }
  return words;
}

/**
 * The last ERROR or FATAL line of a pocketsphinx log: its message, and the source file that wrote
 * it ("mdef.c", "continuous.c"; null when the line names none), which tells a model that cannot be
 * loaded from a file that cannot be read.
 */
export function lastLoggedError(log: string): { message: string; source: string | null } | null {
  const lines = log.split(/\r?\n/).filter((l) => /^(ERROR|FATAL(_ERROR)?):/.test(l));
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  const m = /^(?:ERROR|FATAL(?:_ERROR)?):\s*(?:"([^"]*)", line \d+:\s*)?(.*)$/.exec(last) as RegExpExecArray;
  return { message: (m[2] as string).trim(), source: m[1] ?? null };
}
