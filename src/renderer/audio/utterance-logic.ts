// When a spoken command is over, judged from the loudness of the 16 kHz audio as it arrives: a
// voice command is one utterance, so listening stops by itself once the user has spoken and then
// been quiet for a moment (or after a few seconds in any case). A 20 ms frame is speech when it is
// louder than three times the quiet frames' level (the 10th percentile so far) and above a floor,
// the host's dictation rule (src/main/speech/pause-split.ts). Pure, so it is unit-tested.

const frame = 320;

export interface UtteranceOptions {
  /** Seconds of quiet after speech that end the utterance (default 0.7). */
  quietSeconds?: number;
  /** Seconds of speech that count as having spoken (default 0.15). */
  speechSeconds?: number;
  /** The longest wait in all (default 6 s). */
  maxSeconds?: number;
  floor?: number;
}

export class UtteranceWatch {
  private readonly levels: number[] = [];
  private speech = 0;
  private quiet = 0;
  private pending: number[] = [];
  private readonly opts: Required<UtteranceOptions>;

  constructor(options: UtteranceOptions = {}) {
    this.opts = { quietSeconds: 0.7, speechSeconds: 0.15, maxSeconds: 6, floor: 0.004, ...options };
  }

  /** Feeds 16 kHz samples; true once the utterance is over (or the time is up). */
  push(samples: Float32Array): boolean {
    for (const v of samples) {
      this.pending.push(v);
      if (this.pending.length < frame) continue;
      let sum = 0;
      for (const x of this.pending) sum += x * x;
      this.pending = [];
      const level = Math.sqrt(sum / frame);
      this.levels.push(level);
      const sorted = this.levels.slice(-300).sort((a, b) => a - b);
      const threshold = Math.max(this.opts.floor, 3 * (sorted[Math.floor(sorted.length * 0.1)] ?? 0));
      if (level > threshold) {
        this.speech++;
        this.quiet = 0;
      } else if (this.heard()) this.quiet++;
    }
    return this.done();
  }

  /** Whether the user has said something yet. */
  heard(): boolean {
    return this.speech * frame >= this.opts.speechSeconds * 16_000;
  }

  done(): boolean {
    return (this.heard() && this.quiet * frame >= this.opts.quietSeconds * 16_000) || this.levels.length * frame >= this.opts.maxSeconds * 16_000;
  }
}
