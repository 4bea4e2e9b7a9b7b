// Keeps the stores a mirror of the host: a full refresh whenever the link comes up (first connect
// and every reconnect, since events were missed while it was down), then host events applied as
// they arrive. The renderer never guesses document state it could have asked for.
import { isFinished } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { setRuns } from './benchmarks-store';
import { coalesce } from './coalesce';
import { queueJob, queuePoint, setJobs, setSeries } from './jobs-store';
import { joinPages, projectPageSize } from './projects-logic';
import { forgetProject, setProjects, useProjectsStore } from './projects-store';
import { setBackend, setConnection, setSystemInfo } from './system-store';
import { routeProjectId } from './route';
import { navigate, notify, reportError, setJobsPanelOpen, useUiStore } from './ui-store';

export function startHostSync(client: StudioClient): () => void {
  // As many pages as the user has asked to see, so "Show more" survives every refetch.
  const refreshProjects = coalesce(async () => {
    const pages = useProjectsStore.getState().pages;
    const offsets = Array.from({ length: pages }, (_, i) => i * projectPageSize);
    const [recent, fetched] = await Promise.all([
      client.projects.recent({}),
      Promise.all(offsets.map((offset) => client.projects.list({ limit: projectPageSize, offset }))),
    ]);
    setProjects(joinPages(fetched.map((page) => page.items)), fetched[0]?.total ?? 0, recent);
  });

  const refreshRuns = coalesce(async () => setRuns(await client.benchmarks.listRuns({})));

  const refreshJobs = async () => {
    const jobs = await client.jobs.list({});
    setJobs(jobs);
    // Series for what the Jobs panel and loss chart can show live: unfinished jobs, plus the newest
    // benchmark so a reload mid-way (or just after) still draws its curve.
    const newestBenchmark = jobs.find((j) => j.kind === 'benchmark');
    const ids = new Set(jobs.filter((j) => !isFinished(j.status)).map((j) => j.id));
    if (newestBenchmark) ids.add(newestBenchmark.id);
    await Promise.all([...ids].map(async (id) => setSeries(id, await client.jobs.series({ id }))));
  };

  const refreshSystem = async () => setSystemInfo(await client.system.info({}));

  const refreshAll = coalesce(async () => {
    const outcomes = await Promise.allSettled([refreshProjects(), refreshRuns(), refreshJobs(), refreshSystem()]);
    // One toast for a failed refresh, not four: the causes are almost always the same.
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) reportError(failure.reason);
  });

  const subscriptions = [
    // "Show more" on Home asks for one more page.
    useProjectsStore.subscribe((state, previous) => {
      if (state.pages !== previous.pages) refreshProjects().catch(reportError);
    }),
    client.onConnection((state) => {
      setConnection(state);
      if (state === 'connected') void refreshAll();
    }),
    client.on('onProjectsChanged', (change) => {
      if (change.reason === 'deleted') {
        const { route } = useUiStore.getState();
        if (routeProjectId(route) === change.id) {
          const name = useProjectsStore.getState().projects.find((p) => p.id === change.id)?.name;
          navigate({ name: 'home' });
          notify(name ? `“${name}” was deleted.` : 'This project was deleted.');
        }
        forgetProject(change.id);
      }
      refreshProjects().catch(reportError);
    }),
    client.on('onJobChanged', (job) => {
      if (queueJob(job) && !isFinished(job.status)) setJobsPanelOpen(true);
    }),
    client.on('onJobProgress', ({ jobId, point }) => queuePoint(jobId, point)),
    client.on('onBenchmarkRunsChanged', () => {
      refreshRuns().catch(reportError);
    }),
    client.on('onBackendChanged', setBackend),
  ];

  setConnection(client.connection);
  if (client.connection === 'connected') void refreshAll();

  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}
