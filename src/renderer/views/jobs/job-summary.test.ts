import { describe, expect, it } from 'vitest';
import type { BenchmarkRun, Job } from '../../../shared/api';
import type { BenchmarkRunId, JobId } from '../../../shared/ids';
import { summarizeJobResult } from './job-summary';

const job = (over: Partial<Job>): Job => ({
  id: 'j1' as JobId,
  kind: 'benchmark',
  title: 'Benchmark',
  status: 'succeeded',
  progress: 1,
  progressText: '',
  messages: [],
  backend: 'wasm',
  createdAt: 1,
  startedAt: 1,
  finishedAt: 2,
  error: null,
  result: null,
  ...over,
});

const run: BenchmarkRun = {
  id: 'r1' as BenchmarkRunId,
  jobId: 'j1' as JobId,
  createdAt: 2,
  backend: 'wasm',
  config: { steps: 60, batchSize: 32, sequenceLength: 32, hiddenUnits: 128, seed: 7 },
  stepsPerSec: 3.456,
  sequencesPerSec: 110.6,
  initialLoss: 4.1589,
  finalLoss: 2.0034,
  durationMs: 17000,
  loss: [],
};

describe('summarizeJobResult', () => {
  it('is null until a job has succeeded with a result', () => {
    expect(summarizeJobResult(job({ status: 'running', result: { runId: 'r1' } }), [run])).toBeNull();
    expect(summarizeJobResult(job({ result: null }), [run])).toBeNull();
  });

  it('reads a benchmark from its stored run', () => {
    expect(summarizeJobResult(job({ result: { runId: 'r1' } }), [run])).toBe('3.46 steps/s · 111 seq/s · loss 4.159 → 2.003');
  });

  it('falls back to the result fields before the run list has caught up', () => {
    expect(summarizeJobResult(job({ result: { runId: 'r9', stepsPerSec: 2, sequencesPerSec: 64 } }), [])).toBe('2 steps/s · 64 seq/s');
  });

  it('lists plain fields for anything else, leaving out ids', () => {
    expect(summarizeJobResult(job({ result: { runId: 'r9', note: 'ok', score: 0.91234 } }), [])).toBe('note: ok · score: 0.912');
    expect(summarizeJobResult(job({ result: { runId: 'r9' } }), [])).toBe('Finished');
  });

  it('names the best recommender of a ratings-file evaluation', () => {
    const job = { kind: 'evaluate-recommenders', status: 'succeeded', result: { file: 'r.csv', rows: [{ name: 'popularity', hr10: 0.5, ndcg10: 0.3 }, { name: 'ease', hr10: 0.71, ndcg10: 0.4851 }] } };
    expect(summarizeJobResult(job as never, [])).toBe('Best: ease · NDCG@10 0.485 · HR@10 0.710 (2 models)');
  });

  it('tells a transcription by its words and speed, or why it heard none', () => {
    const result = { assetId: 'a1', engine: 'pocketsphinx', words: 4, durationSeconds: 2.79, seconds: 0.98, realTimeFactor: 0.351 };
    expect(summarizeJobResult(job({ kind: 'transcribe', result }), [])).toBe('4 words in 2.8 s of audio (real-time factor 0.35)');
    const silent = { ...result, words: 0, note: 'No speech was recognised in the 2.0 s of audio.' };
    expect(summarizeJobResult(job({ kind: 'transcribe', result: silent }), [])).toBe('No speech was recognised in the 2.0 s of audio.');
  });

  it('tells a categories training by its accuracy and method', () => {
    const result = { method: 'knn', k: 3, accuracy: 0.9, knnAccuracy: 0.9, denseAccuracy: 0.85, examples: 20, categories: 3, tagged: 12 };
    expect(summarizeJobResult(job({ kind: 'train-image-categories', result }), [])).toBe('3 categories from 20 images · right on 90 % left out · k-NN, k = 3 · 12 more images tagged');
  });
});
