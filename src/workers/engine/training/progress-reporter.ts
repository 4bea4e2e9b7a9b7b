// Turns training steps into progress updates for the Jobs panel and the loss plots: fraction,
// a one-line text ("step 12/600 · loss 2.310 · 85 seq/s · ETA 4m 10s") and a metric point.
// Speed is measured from the end of this run's first step (which builds kernels and allocates
// memory, so it is slower than the rest) to the latest step. The line's wording can be replaced
// (the machine benchmark reports steps/s); the fraction and metric point are the same for all.
import type { RunContext } from './run-context';

export interface ProgressSnapshot {
  step: number;
  loss: number;
  /** Absent for the first step of a run (warm-up). */
  stepsPerSec?: number;
  sequencesPerSec?: number;
  etaMs?: number;
}

/** Words a snapshot as the job's progress line. */
export type ProgressText = (snapshot: ProgressSnapshot, totalSteps: number) => string;

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "step 12/600 · loss 2.310 · 85 seq/s · ETA 4m 10s" ("· warming up" for the first step). */
export const sequencesAndEtaText: ProgressText = (s, totalSteps) => {
  const head = `step ${s.step}/${totalSteps} · loss ${s.loss.toFixed(3)}`;
  if (s.sequencesPerSec === undefined) return `${head} · warming up`;
  const eta = s.step < totalSteps && s.etaMs !== undefined ? ` · ETA ${formatDuration(s.etaMs)}` : '';
  return `${head} · ${s.sequencesPerSec.toFixed(0)} seq/s${eta}`;
};

export class ProgressReporter {
  private readonly started: number;
  private warmedUpAt: number | null = null;
  private warmedUpStep = 0;

  constructor(
    private readonly context: RunContext,
    private readonly totalSteps: number,
    private readonly sequencesPerStep: number,
    private readonly now: () => number = () => performance.now(),
    private readonly text: ProgressText = sequencesAndEtaText,
  ) {
    this.started = now();
  }

  /** Reports that `step` (1-based, counting resumed steps) finished with this loss. */
  report(step: number, loss: number): ProgressSnapshot {
    const now = this.now();
    const elapsedMs = now - this.started;
    const fraction = Math.min(1, step / this.totalSteps);
    if (this.warmedUpAt === null) {
      this.warmedUpAt = now;
      this.warmedUpStep = step;
      const snapshot: ProgressSnapshot = { step, loss };
      this.context.progress({ fraction, text: this.text(snapshot, this.totalSteps), point: { step, elapsedMs, loss } });
      return snapshot;
    }
    const stepsPerSec = ((step - this.warmedUpStep) * 1000) / Math.max(now - this.warmedUpAt, 1e-3);
    const sequencesPerSec = stepsPerSec * this.sequencesPerStep;
    const etaMs = ((this.totalSteps - step) / stepsPerSec) * 1000;
    const snapshot: ProgressSnapshot = { step, loss, stepsPerSec, sequencesPerSec, etaMs };
    this.context.progress({
      fraction,
      text: this.text(snapshot, this.totalSteps),
      point: { step, elapsedMs, loss, stepsPerSec, sequencesPerSec },
    });
    return snapshot;
  }
}
