// Implements JobsService on the JobManager.
import type { JobsService } from '../../shared/api';
import type { JobManager } from '../jobs/job-manager';

export function createJobsService(jobs: JobManager): JobsService {
  return {
    async list(args) {
      return jobs.list(args.limit ?? 100);
    },
    async get({ id }) {
      return jobs.get(id);
    },
    async series({ id }) {
      return jobs.series(id);
    },
    async cancel({ id }) {
      return jobs.cancel(id);
    },
    async clearFinished() {
      return { removed: jobs.clearFinished() };
    },
  };
}
