// Learning-rate schedules as pure functions of the step, so a resumed run needs no schedule state.
export type LearningRateSchedule = (step: number) => number;

export function constantRate(rate: number): LearningRateSchedule {
  return () => rate;
}

export interface WarmupCosineOptions {
  peak: number;
  /** Steps of linear warm-up from peak/warmupSteps to peak. */
  warmupSteps: number;
  totalSteps: number;
  /** The rate at totalSteps and after; defaults to 0. */
  floor?: number;
}

/** Linear warm-up, then a half cosine from peak down to floor at totalSteps. */
export function warmupCosine(options: WarmupCosineOptions): LearningRateSchedule {
  const { peak, warmupSteps, totalSteps } = options;
  const floor = options.floor ?? 0;
  if (!(totalSteps > warmupSteps && warmupSteps >= 0)) throw new RangeError('totalSteps must exceed warmupSteps (≥ 0).');
  return (step) => {
    if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
    const progress = Math.min(1, (step - warmupSteps) / (totalSteps - warmupSteps));
    return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
  };
}

/** rate · factor^⌊step / every⌋. */
export function stepDecay(rate: number, factor: number, every: number): LearningRateSchedule {
  if (!(every >= 1)) throw new RangeError('every must be at least 1.');
  return (step) => rate * factor ** Math.floor(step / every);
}
