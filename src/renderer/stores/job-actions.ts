// Starting and cancelling jobs. A started job is shown at once (the Jobs drawer opens and the loss
// chart follows it) rather than when its first event arrives.
import type { StudioClient } from '../client/studio-client';
import { selectChart } from './benchmarks-store';
import { receiveJob } from './jobs-store';
import { reportError, setJobsPanelOpen } from './ui-store';

export async function startBenchmark(client: StudioClient): Promise<void> {
  try {
    const job = await client.benchmarks.start({});
    receiveJob(job);
    selectChart({ kind: 'job', jobId: job.id });
    setJobsPanelOpen(true);
  } catch (err) {
    reportError(err);
  }
}

export async function cancelJob(client: StudioClient, id: string): Promise<void> {
  try {
    receiveJob(await client.jobs.cancel({ id }));
  } catch (err) {
    reportError(err);
  }
}
