// Waiting in a test for a job of an in-process host to finish, whatever it ends as.
import { isFinished, type Job } from '../../shared/api';
import type { Host } from '../host';

export function jobFinished(host: Pick<Host, 'bus' | 'jobs'>, id: string): Promise<Job> {
  return new Promise((resolve) => {
    const check = (job: Job): void => {
      if (job.id !== id || !isFinished(job.status)) return;
      off();
      resolve(job);
    };
    const off = host.bus.on('onJobChanged', check);
    check(host.jobs.get(id));
  });
}
