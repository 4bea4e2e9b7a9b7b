import { describe, expect, it } from 'vitest';
import type { MusicEvaluation } from '../../../shared/api/evaluation';
import type { ModelId } from '../../../shared/api/models';
import { densityLine, figureRows, formatShare, histogramBars, histogramLabels, keyLine, reconstructionLine } from './evaluation-logic';

const evaluation: MusicEvaluation = {
  model: { id: 'm' as ModelId, name: 'melody-2bar' },
  kind: 'melody',
  seed: 1,
  temperature: 1,
  generated: { examples: 128 },
  heldOut: { source: 'model', examples: 500, description: '500 held-out melodies' },
  figures: [
    { name: 'pitchRange', label: 'pitch range (semitones)', generated: 14.492, heldOut: 10.674, overlap: 0.743, kl: 0.432 },
    { name: 'pitchClassEntropy', label: 'entropy', generated: null, heldOut: 1.7, overlap: null, kl: null },
  ],
  histograms: [{ name: 'pitchClass', label: 'pitch classes', generated: [0.5, 0.25, 0.25], heldOut: [0.2, 0.4, 0.4], overlap: 0.7, kl: 0.1 }],
  reconstruction: { examples: 500, accuracy: 0.652, eventAccuracy: 0.368, exact: 0.008 },
  keys: [{ key: { tonic: 0, mode: 'major' }, name: 'C major', variations: 32, inScaleRate: 0.95, reached: 0.875 }],
  keyTarget: 0.9,
  densities: [{ asked: 4, variations: 32, density: 3.98, error: 0.27 }],
  ms: 10_000,
};

describe('the evaluation card', () => {
  it('shows figures with two decimals, a dash where a set has none, and an overlap bar clamped to 0…1', () => {
    const rows = figureRows(evaluation);
    expect(rows[0]).toMatchObject({ generated: '14.49', heldOut: '10.67', overlap: '0.74', kl: '0.43', overlapShare: 0.743 });
    expect(rows[1]).toMatchObject({ generated: '—', overlap: '—', overlapShare: 0 });
  });

  it('labels pitch-class bars by note name and scales both sets to the tallest bar', () => {
    const h = evaluation.histograms[0]!;
    expect(histogramLabels(h)).toEqual(['C', 'C♯', 'D']);
    expect(histogramBars(h)).toEqual({ generated: [1, 0.5, 0.5], heldOut: [0.4, 0.8, 0.8] });
    expect(histogramLabels({ ...h, name: 'ioi', generated: [0, 0, 0, 1], heldOut: [0, 0, 0, 1] })).toEqual(['0', '1', '2', '3+']);
  });

  it('says whether an asked key reached its target, and what a density request got', () => {
    expect(keyLine(evaluation.keys[0]!, 0.9)).toEqual({ text: 'C major: 95.0 % of notes in the scale · 87.5 % of 32 variations at 90 % or more', reached: true });
    expect(keyLine({ ...evaluation.keys[0]!, inScaleRate: 0.8 }, 0.9).reached).toBe(false);
    expect(keyLine({ ...evaluation.keys[0]!, inScaleRate: null }, 0.9)).toMatchObject({ reached: false });
    expect(densityLine(evaluation.densities[0]!, 'notes')).toBe('asked 4.0 notes/bar → got 4.0 (mean error 0.27, 32 variations)');
    expect(formatShare(null)).toBe('—');
  });

  it('names what reconstruction counted, per kind', () => {
    expect(reconstructionLine(evaluation)).toBe('65.2 % of steps decoded exactly · 36.8 % of steps with a note on or off · 0.8 % of sequences exact (500 held-out sequences)');
    expect(reconstructionLine({ ...evaluation, kind: 'drums' })).toContain('steps with a hit');
  });
});
