// The one-line result of a finished job in the Jobs panel. A benchmark reads best as its speed and
// loss, taken from the stored run (or from the result itself while the run list catches up);
// other kinds show their result's plain fields.
import type { BenchmarkRun, Job } from '../../../shared/api';
import { formatLoss, formatRate } from '../../lib/format';
import { asTrainingResult, percent } from '../images/image-logic';

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function summarizeJobResult(job: Job, runs: readonly BenchmarkRun[]): string | null {
  const result = job.result;
  if (job.status !== 'succeeded' || !result) return null;
  if (job.kind === 'benchmark') {
    const run = runs.find((r) => r.id === result.runId || r.jobId === job.id);
    const stepsPerSec = run?.stepsPerSec ?? num(result.stepsPerSec);
    const sequencesPerSec = run?.sequencesPerSec ?? num(result.sequencesPerSec);
    const initialLoss = run?.initialLoss ?? num(result.initialLoss);
    const finalLoss = run?.finalLoss ?? num(result.finalLoss);
    const parts: string[] = [];
    if (stepsPerSec !== undefined) parts.push(`${formatRate(stepsPerSec)} steps/s`);
    if (sequencesPerSec !== undefined) parts.push(`${formatRate(sequencesPerSec)} seq/s`);
    if (initialLoss !== undefined && finalLoss !== undefined) parts.push(`loss ${formatLoss(initialLoss)} → ${formatLoss(finalLoss)}`);
    if (parts.length > 0) return parts.join(' · ');
  }
  if (job.kind === 'train-music') {
    const parts: string[] = [];
    if (typeof result.name === 'string') parts.push(`Saved as “${result.name}”`);
    const examples = num(result.examples);
    const heldOut = num(result.heldOut);
    if (examples !== undefined) parts.push(`${examples} examples${heldOut !== undefined ? ` + ${heldOut} held out` : ''}`);
    const first = num(result.lossFirst);
    const last = num(result.lossLast);
    if (first !== undefined && last !== undefined) parts.push(`loss ${formatLoss(first)} → ${formatLoss(last)}`);
    if (parts.length > 0) return parts.join(' · ');
  }
  if (job.kind === 'evaluate-recommenders' && Array.isArray(result.rows)) {
    // The best model by NDCG@10, as the Insights table marks it.
    const rows = result.rows as { name?: unknown; hr10?: unknown; ndcg10?: unknown }[];
    const best = rows.filter((r) => typeof r.ndcg10 === 'number').sort((a, b) => (b.ndcg10 as number) - (a.ndcg10 as number))[0];
    if (best && typeof best.name === 'string') return `Best: ${best.name} · NDCG@10 ${(best.ndcg10 as number).toFixed(3)} · HR@10 ${num(best.hr10)?.toFixed(3) ?? '—'} (${rows.length} models)`;
  }
  if (job.kind === 'transcribe' && typeof result.words === 'number') {
    // "4 words in 2.8 s of audio (real-time factor 0.35)", or why there are none.
    if (typeof result.note === 'string') return result.note;
    const audio = num(result.durationSeconds);
    const rtf = num(result.realTimeFactor);
    return `${result.words} word${result.words === 1 ? '' : 's'}${audio !== undefined ? ` in ${audio.toFixed(1)} s of audio` : ''}${rtf !== undefined ? ` (real-time factor ${rtf.toFixed(2)})` : ''}`;
  }
  if (job.kind === 'train-image-categories') {
    const r = asTrainingResult(result);
    const method = r?.method === 'knn' ? `k-NN, k = ${r.k ?? '?'}` : 'dense head';
    if (r) return `${r.categories} categories from ${r.examples} images · right on ${percent(r.accuracy)} left out · ${method}${r.tagged > 0 ? ` · ${r.tagged} more images tagged` : ''}`;
  }
  const plain = Object.entries(result)
    .filter(([key, value]) => !/id$/i.test(key) && ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${typeof value === 'number' ? formatRate(value) : String(value)}`);
  return plain.length > 0 ? plain.join(' · ') : 'Finished';
}
