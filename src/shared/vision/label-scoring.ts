// Scoring detected labels against the objects a photo is known to show, as `montage eval images`
// reports it: per photo, the distinct labels found at or above a score threshold; recall is the
// share of expected objects found (an expected object may accept several labels: a pickup is a
// "truck" or a "car" in COCO), precision the share of labels found that are really in the photo.

export interface LabelScore {
  /** Distinct labels at or above the threshold, best score first. */
  found: string[];
  /** Expected objects (groups). */
  expected: number;
  /** Expected objects found by any of their labels. */
  matched: number;
  /** Labels found that are expected or known to be present. */
  correct: number;
  /** Labels found that are not in the photo. */
  falsePositives: string[];
}

export function scoreLabels(
  tags: readonly { label: string; score: number }[],
  expected: readonly (readonly string[])[],
  alsoPresent: readonly string[],
  threshold: number,
): LabelScore {
  const found: string[] = [];
  for (const t of [...tags].sort((a, b) => b.score - a.score)) {
    if (t.score >= threshold && !found.includes(t.label)) found.push(t.label);
  }
  const truth = new Set([...expected.flat(), ...alsoPresent]);
  const matched = expected.filter((group) => group.some((l) => found.includes(l))).length;
  const falsePositives = found.filter((l) => !truth.has(l));
  return { found, expected: expected.length, matched, correct: found.length - falsePositives.length, falsePositives };
}

/** Recall and precision over several photos (precision null when nothing was found). */
export function recallPrecision(scores: readonly LabelScore[]): { recall: number; precision: number | null } {
  const sum = (f: (s: LabelScore) => number): number => scores.reduce((a, s) => a + f(s), 0);
  const expected = sum((s) => s.expected);
  const found = sum((s) => s.found.length);
  return { recall: expected > 0 ? sum((s) => s.matched) / expected : 0, precision: found > 0 ? sum((s) => s.correct) / found : null };
}
