// The bars of a song as the extraction pipeline walks them: bar lines from the time-signature map,
// where (as in barBeatAt) a signature change starts a new bar at its tick, so the bar it cuts into
// is short. A window of N bars is usable by the models only when every bar in it is a whole 4/4 bar.
import type { NoteSequence } from '../note-sequence';
import { barTicks } from '../timing';

export interface Bar {
  start: number;
  /** Exclusive; equals start + barTicks unless a signature change cuts the bar short. */
  end: number;
  numerator: number;
  denominator: number;
}

/** The bars that start before `endTick`, in order. */
export function songBars(song: NoteSequence, endTick: number): Bar[] {
  const bars: Bar[] = [];
  const sigs = song.timeSignatures;
  for (let i = 0; i < sigs.length; i++) {
    const sig = sigs[i];
    if (!sig) break;
    const segmentEnd = sigs[i + 1]?.tick ?? Infinity;
    const perBar = barTicks(song.ppq, sig);
    for (let k = 0; ; k++) {
      const start = sig.tick + k * perBar;
      if (start >= segmentEnd || start >= endTick) break;
      const { numerator, denominator } = sig;
      bars.push({ start: Math.round(start), end: Math.round(Math.min(start + perBar, segmentEnd)), numerator, denominator });
    }
  }
  return bars;
}

/** The index of the last bar starting at or before `tick` (0 when none does). */
export function barIndexAt(bars: readonly Bar[], tick: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((bars[mid] as Bar).start <= tick) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Why a bar cannot be part of a 4/4 window, or undefined when it can. */
export function barProblem(bar: Bar, ppq: number): { reason: string; label: string } | undefined {
  if (bar.numerator !== 4 || bar.denominator !== 4) {
    const sig = `${bar.numerator}/${bar.denominator}`;
    return { reason: `time signature ${sig} is not supported`, label: `in ${sig}` };
  }
  if (bar.end - bar.start !== 4 * ppq) return { reason: 'a bar is cut short by a time-signature change', label: 'in short bars' };
  return undefined;
}
