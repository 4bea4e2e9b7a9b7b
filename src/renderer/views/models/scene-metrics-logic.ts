// Pure decisions of the Models screen for scene models (the scene drafter's): their held-out
// figures in words, in the order a writer reads them, formatted (rates as percentages,
// perplexities to one decimal).
export interface SceneMetricRow {
  key: string;
  label: string;
  hint: string;
  value: string;
}

export const sceneMetricLabels: readonly { key: string; label: string; hint: string; kind: 'rate' | 'perplexity' | 'number' }[] = [
  { key: 'validHeadingRate', label: 'Valid headings, first draw', hint: 'Share of next-scene proposals whose heading reads as one before any redraw or repair', kind: 'rate' },
  { key: 'validHeadingRateFinal', label: 'Valid headings, as answered', hint: 'After drawing again and repairing: what the drafter shows', kind: 'rate' },
  { key: 'characterConsistency', label: 'Character consistency', hint: 'Share of a draft’s cues that name the scene’s characters', kind: 'rate' },
  { key: 'outlinePerplexity', label: 'Next-scene perplexity (held-out)', hint: 'How surprised the next-scene model is by scenes it never saw; lower is better', kind: 'perplexity' },
  { key: 'draftPerplexity', label: 'Draft perplexity (held-out)', hint: 'How surprised the draft model is by scene text it never saw; lower is better', kind: 'perplexity' },
  { key: 'outlineAccuracy', label: 'Next-scene accuracy (held-out)', hint: 'Next word guessed right', kind: 'rate' },
  { key: 'draftAccuracy', label: 'Draft accuracy (held-out)', hint: 'Next word guessed right', kind: 'rate' },
  { key: 'distinct1', label: 'Distinct words (distinct-1)', hint: 'Different words over all words of the drafts: higher is less repetitive', kind: 'rate' },
  { key: 'distinct2', label: 'Distinct word pairs (distinct-2)', hint: 'Different word pairs over all pairs of the drafts', kind: 'rate' },
  { key: 'meanWords', label: 'Words per draft', hint: 'Mean content words of a draft', kind: 'number' },
];

export function formatSceneMetric(kind: 'rate' | 'perplexity' | 'number', value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)} %`;
  if (kind === 'perplexity') return value.toFixed(1);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}

/** The rows for a scene model's figures (those it has). */
export function sceneMetricRows(metrics: Record<string, number | null | undefined>): SceneMetricRow[] {
  return sceneMetricLabels
    .filter((m) => m.key in metrics)
    .map((m) => ({ key: m.key, label: m.label, hint: m.hint, value: formatSceneMetric(m.kind, metrics[m.key]) }));
}
