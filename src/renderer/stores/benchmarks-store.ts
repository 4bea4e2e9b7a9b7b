// Mirror of the stored benchmark runs (newest first, as the host lists them), which curve the loss
// chart shows, and the state of the last "Benchmark this machine" request (in flight, or refused
// and why), shared by the card's button and the command registry.
import { create } from 'zustand';
import type { BenchmarkRun } from '../../shared/api';
import type { ChartSelection } from './benchmarks-logic';

interface BenchmarksState {
  runs: BenchmarkRun[];
  loaded: boolean;
  selection: ChartSelection;
  /** A start request is waiting for the host's answer. */
  starting: boolean;
  /** Why the last start was refused; cleared by the next attempt. */
  startError: string | null;
}

export const useBenchmarksStore = create<BenchmarksState>()(() => ({ runs: [], loaded: false, selection: null, starting: false, startError: null }));

export function setRuns(runs: BenchmarkRun[]): void {
  useBenchmarksStore.setState({ runs, loaded: true });
}

export function selectChart(selection: ChartSelection): void {
  useBenchmarksStore.setState({ selection });
}

export function setStartState({ starting, error }: { starting: boolean; error: string | null }): void {
  useBenchmarksStore.setState({ starting, startError: error });
}
