// Turns training steps into progress updates for the Jobs panel and the loss plots: fraction,
// a one-line text ("step 12/600 · loss 2.310 · 85 seq/s · ETA 4m 10s") and a metric point.
// Speed is measured from the end of this run's first step (which builds kernels and allocates
// memory, so it is slower than the rest) to the latest step.
import type { TaskContext } from '../../tasks/task-context';

export interface ProgressSnapshot {
  step: number;
  loss: number;
  stepsPerSec?: number;
  sequencesPerSec?: number;
  etaMs?: number;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export class ProgressReporter {
  private readonly started: number;
  private warmedUpAt: number | null = null;
  private warmedUpStep = 0;

  constructor(
    private readonly context: TaskContext,
    private readonly totalSteps: number,
    private readonly sequencesPerStep: number,
    private readonly now: () => number = () => performance.now(),
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
      this.context.progress({
        fraction,
        text: `step ${step}/${this.totalSteps} · loss ${loss.toFixed(3)} · warming up`,
        point: { step, elapsedMs, loss },
      });
      return { step, loss };
    }
    const stepsPerSec = ((step - this.warmedUpStep) * 1000) / Math.max(now - this.warmedUpAt, 1e-3);
    const sequencesPerSec = stepsPerSec * this.sequencesPerStep;
    const etaMs = ((this.totalSteps - step) / stepsPerSec) * 1000;
    const eta = step < this.totalSteps ? ` · ETA ${formatDuration(etaMs)}` : '';
    this.context.progress({
      fraction,
      text: `step ${step}/${this.totalSteps} · loss ${loss.toFixed(3)} · ${sequencesPerSec.toFixed(0)} seq/s${eta}`,
      point: { step, elapsedMs, loss, stepsPerSec, sequencesPerSec },
    });
    return { step, loss, stepsPerSec, sequencesPerSec, etaMs };
  }
}
