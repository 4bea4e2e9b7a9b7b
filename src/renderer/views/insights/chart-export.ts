// Exports for the Insights charts: a CSV string or a PNG of the chart's canvas (with the chart's
// title and legend drawn above it, so the image says what it shows) as a download.
import { downloadBlob } from '../../lib/download';

const background = '#1b1e24';
const ink = '#e4e7ec';
const dim = '#a2a9b5';

export function downloadCsv(fileName: string, csv: string): void {
  downloadBlob(fileName, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}

export interface LegendKey {
  label: string;
  color: string;
}

/** The chart `canvas` under its title and legend, as a PNG. */
export function chartPng(canvas: HTMLCanvasElement, title: string, legend: readonly LegendKey[]): Promise<Blob> {
  const cssWidth = canvas.getBoundingClientRect().width || canvas.width;
  const scale = canvas.width / cssWidth || 1;
  const padding = 14;
  const titleHeight = 26;
  const legendHeight = legend.length > 0 ? 20 : 0;
  const out = document.createElement('canvas');
  out.width = Math.round(canvas.width + padding * 2 * scale);
  out.height = Math.round(canvas.height + (padding * 2 + titleHeight + legendHeight) * scale);
  const g = out.getContext('2d');
  if (!g) return Promise.reject(new Error('This window cannot draw an image.'));
  g.fillStyle = background;
  g.fillRect(0, 0, out.width, out.height);
  g.scale(scale, scale);
  g.textBaseline = 'middle';
  g.fillStyle = ink;
  g.font = '600 14px system-ui, sans-serif';
  g.fillText(title, padding, padding + 8);
  let x = padding;
  g.font = '12px system-ui, sans-serif';
  for (const key of legend) {
    g.fillStyle = key.color;
    g.fillRect(x, padding + titleHeight + 4 - 5, 10, 10);
    g.fillStyle = dim;
    g.fillText(key.label, x + 14, padding + titleHeight + 4);
    x += 14 + g.measureText(key.label).width + 14;
  }
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(canvas, padding * scale, (padding + titleHeight + legendHeight) * scale);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be made.'))), 'image/png'));
}
