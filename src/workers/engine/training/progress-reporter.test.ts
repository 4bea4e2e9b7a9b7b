import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressReporter } from './progress-reporter';
import { quietRunContext, type RunProgress } from './run-context';

describe('ProgressReporter', () => {
  it('reports speed from the end of the first step and an ETA for the remaining steps', () => {
    let now = 0;
    const updates: RunProgress[] = [];
    const reporter = new ProgressReporter({ ...quietRunContext(), progress: (p) => updates.push(p) }, 10, 32, () => now);
    now = 5000; // the first step is slow (kernels are built)
    reporter.report(1, 2.5);
    now = 7000; // then two steps per second
    const snapshot = reporter.report(5, 2.0);
    expect(snapshot.stepsPerSec).toBeCloseTo(2, 9);
    expect(snapshot.sequencesPerSec).toBeCloseTo(64, 9);
    expect(snapshot.etaMs).toBeCloseTo(2500, 6);
    expect(updates.map((u) => u.text)).toEqual(['step 1/10 · loss 2.500 · warming up', 'step 5/10 · loss 2.000 · 64 seq/s · ETA 3s']);
    expect(updates[1]?.fraction).toBe(0.5);
    expect(updates[1]?.point).toMatchObject({ step: 5, elapsedMs: 7000, loss: 2 });
    now = 9500;
    reporter.report(10, 1.5);
    expect(updates[2]?.text).toBe('step 10/10 · loss 1.500 · 64 seq/s');
  });

  it('words the line with the given text function, keeping fraction and metric point', () => {
    let now = 0;
    const updates: RunProgress[] = [];
    const text = (s: { step: number; stepsPerSec?: number }, total: number) => `${s.step} of ${total}${s.stepsPerSec === undefined ? '' : ` at ${s.stepsPerSec.toFixed(1)}/s`}`;
    const reporter = new ProgressReporter({ ...quietRunContext(), progress: (p) => updates.push(p) }, 4, 8, () => now, text);
    reporter.report(1, 2);
    now = 1000;
    reporter.report(3, 1);
    expect(updates.map((u) => u.text)).toEqual(['1 of 4', '3 of 4 at 2.0/s']);
    expect(updates[1]).toMatchObject({ fraction: 0.75, point: { step: 3, loss: 1, stepsPerSec: 2, sequencesPerSec: 16 } });
  });

  it('formats durations for people', () => {
    expect([0, 1499, 59_000, 61_000, 3_600_000 + 120_000].map(formatDuration)).toEqual(['0s', '1s', '59s', '1m 01s', '1h 02m']);
  });
});
