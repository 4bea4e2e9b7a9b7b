// Where a bar chart's rows go on its canvas: a label column (as wide as the longest label, up to a
// share of the width), the bars, and the figures at the right; long labels end in an ellipsis.
// Pure (the canvas's text measure is passed in), so it is tested without a canvas.
import { barTotal, type BarRow } from './insights-logic';

export const rowHeight = 24;
export const barThickness = 12;
const pad = 6;
const gap = 10;

export interface PlacedRow {
  y: number;
  label: string;
  text: string;
  segments: { x: number; width: number; color: string }[];
}

export interface BarLayout {
  height: number;
  labelWidth: number;
  barX: number;
  barWidth: number;
  textX: number;
  rows: PlacedRow[];
}

/** `text` cut to fit `max` px, with an ellipsis when cut. */
export function fitText(text: string, max: number, measure: (s: string) => number): string {
  if (measure(text) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid)}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : `${text.slice(0, lo).trimEnd()}…`;
}

export function barLayout(rows: readonly BarRow[], width: number, measure: (s: string) => number): BarLayout {
  const labelWidth = Math.min(Math.ceil(Math.max(0, ...rows.map((r) => measure(r.label)))), Math.floor(width * 0.38));
  const textWidth = Math.min(Math.ceil(Math.max(0, ...rows.map((r) => measure(r.text)))), Math.floor(width * 0.36));
  const barX = labelWidth + gap;
  const barWidth = Math.max(24, width - barX - gap - textWidth);
  const max = Math.max(1, ...rows.map(barTotal));
  const placed = rows.map((row, i) => {
    let x = barX;
    const segments = row.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const w = (s.value / max) * barWidth;
        const seg = { x, width: Math.max(1, w), color: s.color };
        x += w;
        return seg;
      });
    return { y: pad + i * rowHeight, label: fitText(row.label, labelWidth, measure), text: row.text, segments };
  });
  return { height: pad * 2 + rows.length * rowHeight, labelWidth, barX, barWidth, textX: barX + barWidth + gap, rows: placed };
}
