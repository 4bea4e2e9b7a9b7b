// A horizontal bar chart drawn on a canvas (so Export PNG has the picture): one row per item with
// its label, stacked bar segments and the figure at the right, redrawn when its width changes. A
// visually hidden table says the same rows for screen readers.
import { useEffect, useRef } from 'react';
import { barLayout, barThickness, rowHeight } from './bar-layout';
import type { BarRow } from './insights-logic';

const font = '12px system-ui, sans-serif';

export function BarChart({ rows, label, testId }: { rows: readonly BarRow[]; label: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = host.current;
    const cv = canvas.current;
    if (!el || !cv) return;
    const draw = () => {
      const width = Math.max(200, el.clientWidth);
      const g = cv.getContext('2d');
      if (!g) return;
      g.font = font;
      const layout = barLayout(rows, width, (s) => g.measureText(s).width);
      const dpr = window.devicePixelRatio || 1;
      cv.width = Math.round(width * dpr);
      cv.height = Math.round(layout.height * dpr);
      cv.style.width = `${width}px`;
      cv.style.height = `${layout.height}px`;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, width, layout.height);
      g.font = font;
      g.textBaseline = 'middle';
      for (const row of layout.rows) {
        const mid = row.y + rowHeight / 2;
        g.fillStyle = 'rgba(255,255,255,0.04)';
        g.fillRect(layout.barX, mid - barThickness / 2, layout.barWidth, barThickness);
        for (const seg of row.segments) {
          g.fillStyle = seg.color;
          g.fillRect(seg.x, mid - barThickness / 2, seg.width, barThickness);
        }
        g.fillStyle = '#e4e7ec';
        g.textAlign = 'left';
        g.fillText(row.label, 0, mid);
        g.fillStyle = '#a2a9b5';
        g.fillText(row.text, layout.textX, mid);
      }
    };
    draw();
    let last = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== last) {
        last = el.clientWidth;
        draw();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [rows]);

  return (
    <div className="bar-chart" ref={host} data-testid={testId} data-rows={rows.length}>
      <canvas ref={canvas} role="img" aria-label={`${label}: ${rows.map((r) => `${r.label}, ${r.text}`).join('; ')}`} />
      <table className="visually-hidden">
        <caption>{label}</caption>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${i}:${r.label}`} data-testid="chart-row">
              <th scope="row">{r.label}</th>
              <td>{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
