import { describe, expect, it } from 'vitest';
import { formatSceneMetric, sceneMetricRows } from './scene-metrics-logic';

describe('scene model figures', () => {
  it('says each figure in words, rates as percentages and perplexities to a decimal', () => {
    const rows = sceneMetricRows({ validHeadingRate: 0.9, draftPerplexity: 41.234, distinct2: 0.5, unknown: 3, meanWords: 118 });
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Valid headings, first draw', '90.0 %'],
      ['Draft perplexity (held-out)', '41.2'],
      ['Distinct word pairs (distinct-2)', '50.0 %'],
      ['Words per draft', '118'],
    ]);
  });

  it('shows a dash for a figure it could not measure', () => {
    expect(formatSceneMetric('rate', null)).toBe('—');
    expect(formatSceneMetric('perplexity', Number.NaN)).toBe('—');
  });
});
