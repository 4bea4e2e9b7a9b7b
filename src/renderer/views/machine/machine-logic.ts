// The words on the "This machine" card, kept pure for tests: what the Benchmark button says and
// why it is disabled when it is, and what a measured run means in a musician's terms. Everything
// said about speed is derived from the run's own measured numbers (steps/s, melodies/s) for the
// same model; nothing is claimed that the benchmark did not measure (e.g. generation speed).
import type { BenchmarkRun, Job } from '../../../shared/api';
import { formatRate } from '../../lib/format';

export interface ButtonState {
  label: string;
  disabled: boolean;
  /** Tooltip: always says why when disabled, and what a click does otherwise. */
  title: string;
}

export function benchmarkButton(s: { connected: boolean; starting: boolean; active: Job | null }): ButtonState {
  if (!s.connected) return { label: 'Benchmark this machine', disabled: true, title: 'Not connected to the Montage host — waiting for it to come back' };
  if (s.starting) return { label: 'Starting…', disabled: true, title: 'Waiting for the host to accept the benchmark' };
  if (s.active) {
    return {
      label: 'Queue another benchmark',
      disabled: false,
      title: `“${s.active.title}” is ${s.active.status === 'running' ? 'running' : 'queued'}; another one would start after it`,
    };
  }
  return { label: 'Benchmark this machine', disabled: false, title: 'Train a small melody model for a minute or two and measure how fast this machine is' };
}

/** Rounded for reading, not for comparing: "about 40 seconds", "about 5 minutes", "about 1.5 hours". */
export function roughDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return 'a few seconds';
  if (seconds < 90) return `about ${Math.round(seconds / 5) * 5} seconds`;
  const minutes = seconds / 60;
  if (minutes < 90) return `about ${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}`;
  const hours = minutes / 60;
  return `about ${Number(hours.toFixed(hours < 10 ? 1 : 0))} hours`;
}

/** A longer training session, in steps, to put the measured speed in perspective. */
export const sessionSteps = 1000;

export interface RunExplanation {
  headline: string;
  lines: string[];
  /** The technical figures, behind a disclosure. */
  figures: { label: string; value: string }[];
}

/** Bars of 4/4 in a melody of `eighths` eighth notes (the benchmark's melodies are eighth notes). */
function barsOf(eighths: number): string {
  const bars = eighths / 8;
  const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
  return Number.isInteger(bars) ? `${words[bars] ?? bars}-bar` : `${eighths}-note`;
}

export function explainRun(run: BenchmarkRun): RunExplanation {
  const { config } = run;
  const melody = barsOf(config.sequenceLength);
  const sessionMs = (sessionSteps / run.stepsPerSec) * 1000;
  const ok = Number.isFinite(run.stepsPerSec) && run.stepsPerSec > 0;
  return {
    headline: ok
      ? `This machine trains a small melody model at ${formatRate(run.stepsPerSec)} steps a second.`
      : 'This run did not measure a training speed.',
    lines: ok
      ? [
          `Each step learns from ${config.batchSize} ${melody} melodies, so it gets through about ${formatRate(run.sequencesPerSec)} melodies a second.`,
          `Training this ${melody} melody model for ${sessionSteps.toLocaleString('en-US')} steps would take ${roughDuration(sessionMs)} here.`,
        ]
      : [],
    figures: [
      { label: 'Backend', value: run.backend },
      { label: 'Steps/s', value: formatRate(run.stepsPerSec) },
      { label: 'Sequences/s', value: formatRate(run.sequencesPerSec) },
      { label: 'Loss', value: `${run.initialLoss.toFixed(3)} → ${run.finalLoss.toFixed(3)}` },
      { label: 'Model', value: `LSTM, ${config.hiddenUnits} units` },
      { label: 'Run', value: `${config.steps} steps · batch ${config.batchSize} · ${config.sequenceLength} notes · seed ${config.seed}` },
      { label: 'Time', value: `${(run.durationMs / 1000).toFixed(1)} s` },
    ],
  };
}
