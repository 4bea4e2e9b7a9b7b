// Mirror of the stored benchmark runs (newest first, as the host lists them) and which curve the
// loss chart shows.
import { create } from 'zustand';
import type { BenchmarkRun } from '../../shared/api';
import type { ChartSelection } from './benchmarks-logic';

interface BenchmarksState {
  runs: BenchmarkRun[];
  loaded: boolean;
  selection: ChartSelection;
}

export const useBenchmarksStore = create<BenchmarksState>()(() => ({ runs: [], loaded: false, selection: null }));

export function setRuns(runs: BenchmarkRun[]): void {
  useBenchmarksStore.setState({ runs, loaded: true });
}

export function selectChart(selection: ChartSelection): void {
  useBenchmarksStore.setState({ selection });
}
