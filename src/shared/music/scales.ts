// Scales as pitch-class sets, for snap-to-scale, the piano roll's in-key row shading and the
// key picker. A mode is a list of semitone steps from the tonic; one table serves every view.

export const scaleIntervals = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  locrian: [0, 1, 3, 5, 6, 8, 10],
  harmonicMinor: [0, 2, 3, 5, 7, 8, 11],
  melodicMinor: [0, 2, 3, 5, 7, 9, 11],
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
} as const satisfies Record<string, readonly number[]>;

export type ScaleMode = keyof typeof scaleIntervals;
export const scaleModes = Object.keys(scaleIntervals) as ScaleMode[];

/** The scale's pitch classes (0 = C) in scale order from the tonic, e.g. D major → [2, 4, 6, 7, 9, 11, 1]. */
export function scalePitchClasses(tonic: number, mode: ScaleMode): number[] {
  const t = ((Math.trunc(tonic) % 12) + 12) % 12;
  return scaleIntervals[mode].map((step) => (t + step) % 12);
}

/**
 * The in-scale pitch nearest to `pitch` within 0…127; on a tie (equally far above and below)
 * the lower one, so snapping never raises a note that could as well have gone down.
 */
export function nearestScalePitch(pitch: number, pitchClasses: ReadonlySet<number>): number {
  if (pitchClasses.size === 0) return pitch;
  for (let d = 0; d <= 127; d++) {
    const down = pitch - d;
    if (down >= 0 && pitchClasses.has(down % 12)) return down;
    const up = pitch + d;
    if (up <= 127 && pitchClasses.has(up % 12)) return up;
  }
  return pitch;
}
