// What the Insights screen computes without the host: the spans offered, the series its charts
// draw (activity by day and view, training curves on one step axis, bar rows for the lists), the
// CSV of every chart, and the downloads' file names.
import type { ActivityView, Insights, ModelInfo } from '../../../shared/api';

export const spans = [7, 30, 90, 365] as const;
export type Span = (typeof spans)[number];
export const spanLabels: Readonly<Record<Span, string>> = { 7: '7 days', 30: '30 days', 90: '90 days', 365: 'A year' };

const dayMs = 86_400_000;

/** A chart palette that reads on the dark surface. */
export const palette = ['#4fb3ff', '#f2b441', '#3fcf8e', '#c58bff', '#f0625d', '#8a919e', '#5ad1d1', '#ff9ecf'];
export const viewColors: Readonly<Record<ActivityView, string>> = {
  Songs: '#4fb3ff',
  Scripts: '#f2b441',
  Generate: '#c58bff',
  Projects: '#3fcf8e',
  'For you': '#ff9ecf',
  Other: '#8a919e',
};

// CSV ------------------------------------------------------------------------------------------

export type CsvCell = string | number | null;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; a text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** "2024-05-01" for day `d` of a span starting at `from` (UTC midnight, ms). */
export const dayIso = (from: number, d: number): string => new Date(from + d * dayMs).toISOString().slice(0, 10);

/** The share kept, 0…1, or null with nothing to judge. */
export const keepShare = (kept: number, discarded: number): number | null => (kept + discarded > 0 ? kept / (kept + discarded) : null);
export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const round = (v: number, places = 4): number => Math.round(v * 10 ** places) / 10 ** places;

// Activity --------------------------------------------------------------------------------------

export interface LineSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

/** The views that had any event in the span, each one series over the days (x in seconds for uPlot). */
export function activitySeries(insights: Pick<Insights, 'from' | 'days' | 'activity'>): { xs: number[]; series: LineSeries[] } {
  const xs = Array.from({ length: insights.days }, (_, d) => (insights.from + d * dayMs) / 1000);
  const series: LineSeries[] = [];
  insights.activity.views.forEach((view, v) => {
    const counts = insights.activity.counts[v] ?? [];
    if (!counts.some((n) => n > 0)) return;
    series.push({ label: view, color: viewColors[view], values: xs.map((_, d) => counts[d] ?? 0) });
  });
  return { xs, series };
}

export function activityCsv(insights: Pick<Insights, 'from' | 'days' | 'activity'>): string {
  const { views, counts } = insights.activity;
  const rows = Array.from({ length: insights.days }, (_, d) => [dayIso(insights.from, d), ...views.map((_, v) => counts[v]?.[d] ?? 0)]);
  return toCsv(['date', ...views], rows);
}

// Bar lists -------------------------------------------------------------------------------------

export interface BarSegment {
  value: number;
  color: string;
  label: string;
}
/** One row of a bar chart: stacked segments from the left, and the figure said at its right. */
export interface BarRow {
  label: string;
  segments: BarSegment[];
  text: string;
}
export const barTotal = (row: BarRow): number => row.segments.reduce((sum, s) => sum + s.value, 0);

const keptColor = '#3fcf8e';
const discardedColor = 'rgba(240, 98, 93, 0.55)';

export const temperatureText = (t: number | null): string => (t === null ? 'temperature not recorded' : `T ${t}`);

export function keepRateRows(insights: Pick<Insights, 'keepRate'>): BarRow[] {
  return insights.keepRate.map((r) => ({
    label: `${r.modelName} · ${temperatureText(r.temperature)}`,
    segments: [
      { value: r.kept, color: keptColor, label: 'kept' },
      { value: r.discarded, color: discardedColor, label: 'discarded' },
    ],
    text: `${percent(keepShare(r.kept, r.discarded))} kept (${r.kept} of ${r.kept + r.discarded})`,
  }));
}

export function keepRateCsv(insights: Pick<Insights, 'keepRate'>): string {
  return toCsv(
    ['model', 'model id', 'temperature', 'kept', 'discarded', 'keep rate'],
    insights.keepRate.map((r) => {
      const share = keepShare(r.kept, r.discarded);
      return [r.modelName, r.model, r.temperature, r.kept, r.discarded, share === null ? null : round(share)];
    }),
  );
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A plain count list (instruments, keys, tempos) as one-colour bars. */
export function countRows(items: readonly { label: string; n: number }[], unit: string, color: string): BarRow[] {
  return items.map((i) => ({ label: i.label, segments: [{ value: i.n, color, label: unit }], text: plural(i.n, unit) }));
}

export const instrumentRows = (ins: Pick<Insights, 'instruments'>): BarRow[] => countRows(ins.instruments.map((i) => ({ label: i.label, n: i.count })), 'time', palette[2] as string);
export const keyRows = (ins: Pick<Insights, 'keys'>): BarRow[] => countRows(ins.keys.map((k) => ({ label: k.label, n: k.songs })), 'song', palette[0] as string);
export const tempoRows = (ins: Pick<Insights, 'tempos'>): BarRow[] => countRows(ins.tempos.map((k) => ({ label: k.label, n: k.songs })), 'song', palette[1] as string);

export const characterRows = (ins: Pick<Insights, 'characters'>): BarRow[] =>
  ins.characters.map((c) => ({ label: c.name, segments: [{ value: c.lines, color: palette[3] as string, label: 'speeches' }], text: `${plural(c.lines, 'speech', 'speeches')} · ${plural(c.scripts, 'script')}` }));
export const locationRows = (ins: Pick<Insights, 'locations'>): BarRow[] =>
  ins.locations.map((l) => ({ label: l.name, segments: [{ value: l.scenes, color: palette[6] as string, label: 'scenes' }], text: `${plural(l.scenes, 'scene')} · ${plural(l.scripts, 'script')}` }));

const kindWords: Record<string, string> = { song: 'Songs', script: 'Scripts', model: 'Models', instrument: 'Instruments', project: 'Projects' };
export const kindWord = (kind: string): string => kindWords[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);

export function clickThroughRows(ins: Pick<Insights, 'recommendations'>): BarRow[] {
  return ins.recommendations.map((r) => ({
    label: kindWord(r.kind),
    segments: [
      { value: r.clicked, color: '#ff9ecf', label: 'clicked' },
      { value: Math.max(0, r.shown - r.clicked), color: 'rgba(138, 145, 158, 0.45)', label: 'shown, not clicked' },
    ],
    text: `${r.clicked} of ${plural(r.shown, 'shown', 'shown')} · ${percent(r.shown > 0 ? r.clicked / r.shown : null)}`,
  }));
}

export const countCsv = (label: string, unit: string, items: readonly { label: string; n: number }[]): string => toCsv([label, unit], items.map((i) => [i.label, i.n]));
export const instrumentsCsv = (ins: Pick<Insights, 'instruments'>) => countCsv('instrument', 'times taken up', ins.instruments.map((i) => ({ label: i.label, n: i.count })));
export const keysCsv = (ins: Pick<Insights, 'keys'>) => countCsv('key', 'songs', ins.keys.map((k) => ({ label: k.label, n: k.songs })));
export const temposCsv = (ins: Pick<Insights, 'tempos'>) => countCsv('tempo', 'songs', ins.tempos.map((k) => ({ label: k.label, n: k.songs })));
export const charactersCsv = (ins: Pick<Insights, 'characters'>) => toCsv(['character', 'speeches', 'scripts'], ins.characters.map((c) => [c.name, c.lines, c.scripts]));
export const locationsCsv = (ins: Pick<Insights, 'locations'>) => toCsv(['location', 'scenes', 'scripts'], ins.locations.map((l) => [l.name, l.scenes, l.scripts]));
export const clickThroughCsv = (ins: Pick<Insights, 'recommendations'>) =>
  toCsv(['kind', 'shown', 'clicked', 'click-through rate'], ins.recommendations.map((r) => [r.kind, r.shown, r.clicked, r.shown > 0 ? round(r.clicked / r.shown) : null]));

// Training curves -------------------------------------------------------------------------------

/** How many of the newest models' curves the chart overlays. */
export const curveModels = 4;

/** The newest `count` models with a curve, on one step axis (a model without a step has a gap there). */
export function lossSeries(models: readonly Pick<ModelInfo, 'name' | 'curve' | 'createdAt'>[], count = curveModels): { steps: number[]; series: LineSeries[]; log: boolean } {
  const chosen = [...models]
    .filter((m) => m.curve.steps.length > 0)
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, count);
  const steps = [...new Set(chosen.flatMap((m) => m.curve.steps))].sort((a, b) => a - b);
  const series = chosen.map((m, i) => {
    const at = new Map(m.curve.steps.map((s, j) => [s, m.curve.loss[j] ?? null]));
    return { label: m.name, color: palette[i % palette.length] as string, values: steps.map((s) => at.get(s) ?? null) };
  });
  return { steps, series, log: wantsLog(series) };
}

/** A log scale when every value is positive and they span more than a factor of 20. */
export function wantsLog(series: readonly LineSeries[]): boolean {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0 || values.some((v) => v <= 0)) return false;
  return Math.max(...values) / Math.min(...values) > 20;
}

export function lossCsv(curves: { steps: number[]; series: LineSeries[] }): string {
  return toCsv(['step', ...curves.series.map((s) => s.label)], curves.steps.map((step, i) => [step, ...curves.series.map((s) => s.values[i] ?? null)]));
}

// Files ----------------------------------------------------------------------------------------

/** "montage-insights-keep-rate-30d-2024-05-01.csv" */
export function exportFileName(chart: string, days: number, ext: 'csv' | 'png', now: number): string {
  const slug = chart
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `montage-insights-${slug}-${days}d-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
}
