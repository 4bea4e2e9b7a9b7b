// Where dictation audio may be cut: the pauses between phrases, found by loudness. Dictation
// recognises each phrase once it is over (and shows partial text for the one being spoken), so a
// long dictation is never recognised again from its start. A frame is 20 ms; a frame is speech
// when it is louder than three times the quiet frames' level (the 10th percentile of the recent
// frames) and above an absolute floor; a pause is 0.6 s of frames that are not speech after some
// speech, and the cut goes in its middle, well away from the words on either side. Pure, so it is
// tested with made-up levels.

export const frameSamples = 320; // 20 ms at 16 kHz

/** Root-mean-square level of each whole frame of pcm[from, to). */
export function frameLevels(pcm: Float32Array, from: number, to: number): number[] {
  const levels: number[] = [];
  for (let at = from; at + frameSamples <= to; at += frameSamples) {
    let sum = 0;
    for (let i = at; i < at + frameSamples; i++) {
      const v = pcm[i] as number;
      sum += v * v;
    }
    levels.push(Math.sqrt(sum / frameSamples));
  }
  return levels;
}

export interface PauseOptions {
  /** Frames of quiet that make a pause (default 30: 0.6 s). */
  pauseFrames?: number;
  /** Frames of speech a phrase needs before a pause can end it (default 5: 0.1 s). */
  speechFrames?: number;
  /** Quietest level that can be speech (default 0.004, about −48 dBFS). */
  floor?: number;
}

/** The level above which a frame is speech, judged from recent frames. */
export function speechThreshold(levels: readonly number[], floor = 0.004): number {
  const recent = levels.slice(-1500); // the last 30 s
  if (recent.length === 0) return floor;
  const sorted = [...recent].sort((a, b) => a - b);
  const quiet = sorted[Math.floor(sorted.length * 0.1)] as number;
  return Math.max(floor, quiet * 3);
}

/**
 * The frame to cut at, the middle of the first pause that follows speech in levels[from, to), or
 * -1 when there is none yet.
 */
export function findPauseCut(levels: readonly number[], from: number, to: number, threshold: number, options: PauseOptions = {}): number {
  const pauseFrames = options.pauseFrames ?? 30;
  const speechFrames = options.speechFrames ?? 5;
  let speech = 0;
  let quietRun = 0;
  for (let i = from; i < to; i++) {
    if ((levels[i] as number) > threshold) {
      speech++;
      quietRun = 0;
      continue;
    }
    quietRun++;
    if (speech >= speechFrames && quietRun >= pauseFrames) return i - Math.floor(quietRun / 2);
  }
  return -1;
}

/** Whether levels[from, to) hold any speech. */
export function hasSpeech(levels: readonly number[], from: number, to: number, threshold: number, speechFrames = 5): boolean {
  let speech = 0;
  for (let i = from; i < to; i++) if ((levels[i] as number) > threshold && ++speech >= speechFrames) return true;
  return false;
}

/** The quietest frame of levels[from, to): where to cut speech that has gone on too long without a pause. */
export function quietestFrame(levels: readonly number[], from: number, to: number): number {
  let best = from;
  for (let i = from; i < to; i++) if ((levels[i] as number) < (levels[best] as number)) best = i;
  return best;
}
