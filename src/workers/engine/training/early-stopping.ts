// Early stopping on a validation metric (lower is better): stop after `patience` evaluations
// without an improvement of at least minDelta. Its state is plain numbers so checkpoints keep it.
export interface EarlyStoppingState {
  best: number;
  bestStep: number;
  evaluationsSinceBest: number;
}

export interface EarlyStoppingOptions {
  patience: number;
  minDelta?: number;
}

export class EarlyStopping {
  private state: EarlyStoppingState = { best: Infinity, bestStep: -1, evaluationsSinceBest: 0 };

  constructor(readonly options: EarlyStoppingOptions, restored?: EarlyStoppingState) {
    if (!(options.patience >= 1)) throw new RangeError('patience must be at least 1.');
    if (restored) this.state = { ...restored };
  }

  /** Records an evaluation; true means stop now. */
  update(metric: number, step: number): boolean {
    if (metric < this.state.best - (this.options.minDelta ?? 0)) {
      this.state = { best: metric, bestStep: step, evaluationsSinceBest: 0 };
      return false;
    }
    this.state = { ...this.state, evaluationsSinceBest: this.state.evaluationsSinceBest + 1 };
    return this.state.evaluationsSinceBest >= this.options.patience;
  }

  get best(): number {
    return this.state.best;
  }

  /** Whether the evaluations so far (restored ones included) already called for a stop. */
  get stopped(): boolean {
    return this.state.evaluationsSinceBest >= this.options.patience;
  }

  get bestStep(): number {
    return this.state.bestStep;
  }

  snapshot(): EarlyStoppingState {
    return { ...this.state };
  }
}
