// Starting, cancelling and clearing jobs. A started job is shown at once (the Jobs drawer opens and
// the loss chart follows the running benchmark) rather than when its first event arrives. A refused
// start is kept in the benchmarks store so the "This machine" card can say why beside its button.
import { StudioError } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { selectChart, setStartState } from './benchmarks-store';
import { forgetFinishedJobs, receiveJob } from './jobs-store';
import { notify, reportError, setJobsPanelOpen, useUiStore } from './ui-store';

export async function startBenchmark(client: StudioClient): Promise<boolean> {
  setStartState({ starting: true, error: null });
  try {
    const job = await client.benchmarks.start({});
    receiveJob(job);
    // Follow the default (the running benchmark, else this one) rather than pinning the new job:
    // queued behind another, it would show an empty chart while the other one draws.
    selectChart(null);
    setJobsPanelOpen(true);
    setStartState({ starting: false, error: null });
    return true;
  } catch (err) {
    const error = StudioError.from(err);
    setStartState({ starting: false, error: error.message });
    // The card shows the reason beside its button; elsewhere (a command run from another screen)
    // a toast is the only place it can go.
    if (useUiStore.getState().route.name !== 'home') reportError(error);
    return false;
  }
}

export async function cancelJob(client: StudioClient, id: string): Promise<void> {
  try {
    receiveJob(await client.jobs.cancel({ id }));
  } catch (err) {
    reportError(err);
  }
}

/** Removes finished jobs on the host, then from the mirror (no event tells other copies). */
export async function clearFinishedJobs(client: StudioClient): Promise<void> {
  try {
    const { removed } = await client.jobs.clearFinished({});
    forgetFinishedJobs();
    notify(removed === 1 ? 'Cleared 1 finished job.' : `Cleared ${removed} finished jobs.`);
  } catch (err) {
    reportError(err);
  }
}
