// The step grid shared by every representation in this folder: sixteenth notes in 4/4, so a bar is
// 16 steps and a step is ppq / 4 ticks (fractional at PPQs not divisible by 4; tick positions are
// rounded where a note is made). Also the step-level note (`StepNote`) that the metrics read, and
// MIDI pitch names for messages.
import { pitchClassNames } from '../note-sequence';

export const stepsPerQuarter = 4;
export const stepsPerBar = 16;

/** A note on the step grid: onset step and length in steps (at least 1). */
export interface StepNote {
  pitch: number;
  start: number;
  duration: number;
}

/** The notes the encoders read: only pitch and timing matter. */
export type TimedNote = { pitch: number; start: number; duration: number };

/** Ticks per step (a sixteenth note). */
export function stepTicks(ppq: number): number {
  return ppq / stepsPerQuarter;
}

/** The nearest step to `tick` counted from `startTick` (halfway rounds later). */
export function stepAt(tick: number, ppq: number, startTick: number): number {
  return Math.round((tick - startTick) / stepTicks(ppq)) + 0; // + 0: never −0
}

/** The whole tick of `step` counted from `startTick`. */
export function tickAt(step: number, ppq: number, startTick: number): number {
  return startTick + Math.round(step * stepTicks(ppq));
}

/** Scientific pitch name, MIDI 60 = C4. */
export function pitchName(pitch: number): string {
  return `${pitchClassNames[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

/** The longest run of steps in 0…steps−1 not covered by any [start, end) interval (intervals may be unsorted). */
export function longestGap(intervals: readonly { start: number; end: number }[], steps: number): number {
  const covered = new Uint8Array(steps);
  for (const { start, end } of intervals) covered.fill(1, Math.max(0, start), Math.min(steps, end));
  let longest = 0;
  let run = 0;
  for (let s = 0; s < steps; s++) {
    run = covered[s] ? 0 : run + 1;
    if (run > longest) longest = run;
  }
  return longest;
}
