// Pure decisions of the Models view: the columns of a row, the comparison of chosen models'
// metrics, and their training curves aligned on one step axis for a chart.
import type { ModelInfo } from '../../../shared/api';

/** Metrics compared side by side, in this order, when any chosen model has them. */
export const comparedMetrics: readonly { key: string; label: string; percent?: boolean; better: 'high' | 'low' | null }[] = [
  { key: 'accuracy', label: 'Held-out accuracy', percent: true, better: 'high' },
  { key: 'loss', label: 'Held-out loss', better: 'low' },
  { key: 'kl', label: 'Held-out KL (nats)', better: null },
  { key: 'lossLast', label: 'Last training loss', better: 'low' },
  { key: 'examples', label: 'Training examples', better: null },
  { key: 'heldOut', label: 'Held-out examples', better: null },
  { key: 'steps', label: 'Steps trained', better: null },
  { key: 'stoppedEarly', label: 'Stopped early', better: null },
];

export function formatMetric(key: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (key === 'accuracy') return `${(value * 100).toFixed(1)} %`;
  if (key === 'stoppedEarly') return value ? 'yes' : 'no';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(2);
}

/** Held-out accuracy as the table shows it. */
export const heldOutAccuracy = (m: ModelInfo): string => formatMetric('accuracy', m.metrics.accuracy);

export const examplesOf = (m: ModelInfo): number | null => (Number.isFinite(m.data.examples) ? m.data.examples : null);

/** Why a model cannot be deleted (null when it can). */
export function deleteRefusal(m: ModelInfo): string | null {
  return m.origin === 'shipped' ? `“${m.name}” came with Montage and cannot be deleted.` : null;
}

export interface ComparisonRow {
  key: string;
  label: string;
  values: string[];
  /** Index of the best value (by `better`), or null. */
  best: number | null;
}

export function compareMetrics(models: readonly ModelInfo[]): ComparisonRow[] {
  return comparedMetrics
    .filter((c) => models.some((m) => Number.isFinite(m.metrics[c.key])))
    .map((c) => {
      const raw = models.map((m) => m.metrics[c.key]);
      let best: number | null = null;
      if (c.better && models.length > 1) {
        raw.forEach((v, i) => {
          if (v === undefined || !Number.isFinite(v)) return;
          const current = best === null ? undefined : raw[best];
          if (current === undefined || (c.better === 'high' ? v > current : v < current)) best = i;
        });
      }
      return { key: c.key, label: c.label, values: raw.map((v) => formatMetric(c.key, v)), best };
    });
}

/** Curves of several models on the union of their steps (null where a model has no point). */
export function alignCurves(models: readonly ModelInfo[], field: 'loss' | 'accuracy' | 'kl'): { steps: number[]; values: (number | null)[][] } {
  const all = new Set<number>();
  for (const m of models) m.curve.steps.forEach((s, i) => m.curve[field][i] !== undefined && all.add(s));
  const steps = [...all].sort((a, b) => a - b);
  const index = new Map(steps.map((s, i) => [s, i]));
  const values = models.map((m) => {
    const row: (number | null)[] = steps.map(() => null);
    m.curve.steps.forEach((s, i) => {
      const v = m.curve[field][i];
      if (v !== undefined && Number.isFinite(v)) row[index.get(s)!] = v;
    });
    return row;
  });
  return { steps, values };
}

export const compareColors = ['#4fb3ff', '#f5a524', '#b48cff', '#4cd08a', '#ff6b8a', '#e0e36b'] as const;
