import { describe, expect, it } from 'vitest';
import type { BenchmarkRun, Job } from '../../../shared/api';
import type { BenchmarkRunId, JobId } from '../../../shared/ids';
import { benchmarkButton, explainRun, roughDuration } from './machine-logic';

const run: BenchmarkRun = {
  id: 'r1' as BenchmarkRunId,
  jobId: 'j1' as JobId,
  createdAt: 2,
  backend: 'wasm',
  config: { steps: 100, batchSize: 32, sequenceLength: 32, hiddenUnits: 128, seed: 7 },
  stepsPerSec: 3.456,
  sequencesPerSec: 110.6,
  initialLoss: 4.1589,
  finalLoss: 2.0034,
  durationMs: 28_900,
  loss: [],
};

const running = { id: 'j' as JobId, title: 'Benchmark: LSTM 128 · 100 steps', status: 'running' } as Job;

describe('benchmarkButton', () => {
  it('queues another benchmark while one runs instead of going dead', () => {
    const state = benchmarkButton({ connected: true, starting: false, active: running });
    expect(state).toMatchObject({ label: 'Queue another benchmark', disabled: false });
    expect(state.title).toContain('Benchmark: LSTM 128');
  });

  it('says why whenever it is disabled', () => {
    const offline = benchmarkButton({ connected: false, starting: false, active: null });
    expect(offline.disabled).toBe(true);
    expect(offline.title).toMatch(/not connected/i);
    const starting = benchmarkButton({ connected: true, starting: true, active: null });
    expect(starting).toMatchObject({ label: 'Starting…', disabled: true });
    expect(starting.title).not.toBe('');
  });
});

describe('roughDuration', () => {
  it('rounds for reading', () => {
    expect(roughDuration(3000)).toBe('a few seconds');
    expect(roughDuration(41_000)).toBe('about 40 seconds');
    expect(roughDuration(289_000)).toBe('about 5 minutes');
    expect(roughDuration(60_000 * 61)).toBe('about 61 minutes');
    expect(roughDuration(3_600_000 * 1.5)).toBe('about 1.5 hours');
  });
});

describe('explainRun', () => {
  it('puts the measured speed in a musician\'s terms, derived from the run alone', () => {
    const e = explainRun(run);
    expect(e.headline).toBe('This machine trains a small melody model at 3.46 steps a second.');
    expect(e.lines[0]).toBe('Each step learns from 32 four-bar melodies, so it gets through about 111 melodies a second.');
    // 1000 steps / 3.456 steps/s = 289 s
    expect(e.lines[1]).toBe('Training this four-bar melody model for 1,000 steps would take about 5 minutes here.');
  });

  it('keeps the technical figures for the details', () => {
    const labels = explainRun(run).figures.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(['Backend', 'Steps/s', 'Sequences/s', 'Loss']));
  });

  it('claims nothing from a run without a speed', () => {
    const e = explainRun({ ...run, stepsPerSec: 0 });
    expect(e.lines).toEqual([]);
    expect(e.headline).toMatch(/did not measure/);
  });
});
