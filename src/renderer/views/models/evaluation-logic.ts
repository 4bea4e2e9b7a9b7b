// Pure decisions of the Models screen's evaluation card: a MusicEvaluation (src/shared/api/
// evaluation.ts) as the rows and bars it shows. Numbers a set does not define are a dash; shares
// are percentages; the key and density checks say plainly whether they reached their target.
import type { DensityAccuracy, EvaluationHistogram, KeyAccuracy, MusicEvaluation } from '../../../shared/api/evaluation';

const dash = '—';

export function formatFigure(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? dash : value.toFixed(digits);
}

export const formatShare = (value: number | null): string => (value === null || !Number.isFinite(value) ? dash : `${(value * 100).toFixed(1)} %`);

export interface FigureRow {
  name: string;
  label: string;
  generated: string;
  heldOut: string;
  overlap: string;
  kl: string;
  /** 0…1 for the overlap bar (0 when undefined). */
  overlapShare: number;
}

export function figureRows(e: MusicEvaluation): FigureRow[] {
  return e.figures.map((f) => ({
    name: f.name,
    label: f.label,
    generated: formatFigure(f.generated),
    heldOut: formatFigure(f.heldOut),
    overlap: formatFigure(f.overlap),
    kl: formatFigure(f.kl),
    overlapShare: f.overlap === null || !Number.isFinite(f.overlap) ? 0 : Math.min(1, Math.max(0, f.overlap)),
  }));
}

/** The labels under a histogram's bars: pitch classes, drum classes, or steps (the last "n+"). */
export function histogramLabels(h: EvaluationHistogram): string[] {
  const n = Math.max(h.generated.length, h.heldOut.length);
  if (h.name === 'pitchClass') return ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'].slice(0, n);
  if (h.name === 'drumClass') return ['Kick', 'Snare', 'Closed hat', 'Open hat', 'Low tom', 'Mid tom', 'High tom', 'Crash', 'Ride'].slice(0, n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? `${i}+` : String(i)));
}

/** Bar heights 0…1 for both sets, scaled to the tallest bar of either. */
export function histogramBars(h: EvaluationHistogram): { generated: number[]; heldOut: number[] } {
  const top = Math.max(1e-9, ...h.generated, ...h.heldOut);
  return { generated: h.generated.map((v) => v / top), heldOut: h.heldOut.map((v) => v / top) };
}

export function keyLine(k: KeyAccuracy, target: number): { text: string; reached: boolean } {
  const reached = k.inScaleRate !== null && k.inScaleRate >= target;
  return {
    text: `${k.name}: ${formatShare(k.inScaleRate)} of notes in the scale · ${formatShare(k.reached)} of ${k.variations} variations at ${Math.round(target * 100)} % or more`,
    reached,
  };
}

export function densityLine(d: DensityAccuracy, unit: string): string {
  return `asked ${formatFigure(d.asked, 1)} ${unit}/bar → got ${formatFigure(d.density, 1)} (mean error ${formatFigure(d.error, 2)}, ${d.variations} variations)`;
}

export function reconstructionLine(e: MusicEvaluation): string {
  const r = e.reconstruction;
  const events = e.kind === 'drums' ? 'steps with a hit' : 'steps with a note on or off';
  return `${formatShare(r.accuracy)} of steps decoded exactly · ${formatShare(r.eventAccuracy)} of ${events} · ${formatShare(r.exact)} of sequences exact (${r.examples} held-out sequences)`;
}
