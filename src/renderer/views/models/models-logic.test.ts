import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../shared/api';
import { alignCurves, compareMetrics, deleteRefusal, formatMetric, heldOutAccuracy } from './models-logic';

const model = (over: Partial<ModelInfo>): ModelInfo =>
  ({
    id: 'm',
    name: 'M',
    kind: 'melody',
    configName: 'melody-2bar',
    config: {},
    vocabulary: 90,
    steps: 32,
    data: { examples: 10, skipped: [], sources: [], summary: '' },
    curve: { steps: [], loss: [], kl: [], accuracy: [] },
    metrics: {},
    origin: 'trained',
    projectId: null,
    createdAt: 0,
    ...over,
  }) as ModelInfo;

describe('models logic', () => {
  it('formats metrics and refuses to delete shipped models', () => {
    expect(formatMetric('accuracy', 0.7604)).toBe('76.0 %');
    expect(formatMetric('loss', 25.5333)).toBe('25.53');
    expect(formatMetric('examples', 5182)).toBe('5,182');
    expect(formatMetric('stoppedEarly', 1)).toBe('yes');
    expect(formatMetric('loss', undefined)).toBe('—');
    expect(heldOutAccuracy(model({ metrics: { accuracy: 0.5 } }))).toBe('50.0 %');
    expect(deleteRefusal(model({ origin: 'shipped', name: 'Melodies' }))).toBe('“Melodies” came with Montage and cannot be deleted.');
    expect(deleteRefusal(model({}))).toBeNull();
  });

  it('compares metrics, marking the best where higher or lower is better', () => {
    const rows = compareMetrics([model({ metrics: { accuracy: 0.5, loss: 20, steps: 100 } }), model({ metrics: { accuracy: 0.7, loss: 30 } })]);
    expect(rows.map((r) => r.key)).toEqual(['accuracy', 'loss', 'steps']);
    expect(rows[0]).toEqual({ key: 'accuracy', label: 'Held-out accuracy', values: ['50.0 %', '70.0 %'], best: 1 });
    expect(rows[1]!.best).toBe(0);
    expect(rows[2]).toMatchObject({ values: ['100', '—'], best: null });
  });

  it('aligns curves on the union of their steps', () => {
    const a = model({ curve: { steps: [1, 3], loss: [10, 8], kl: [], accuracy: [] } });
    const b = model({ curve: { steps: [2, 3], loss: [9, 7], kl: [], accuracy: [0.1, 0.2] } });
    expect(alignCurves([a, b], 'loss')).toEqual({ steps: [1, 2, 3], values: [[10, null, 8], [null, 9, 7]] });
    expect(alignCurves([a, b], 'accuracy')).toEqual({ steps: [2, 3], values: [[null, null], [0.1, 0.2]] });
  });
});
