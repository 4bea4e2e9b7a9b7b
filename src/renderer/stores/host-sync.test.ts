import { describe, expect, it, vi } from 'vitest';
import type { Job } from '../../shared/api';
import type { JobId } from '../../shared/ids';
import { StudioClient } from '../client/studio-client';
import type { ConnectionState, Transport } from '../client/transport';
import { startHostSync } from './host-sync';
import { useJobsStore } from './jobs-store';
import { useProjectsStore } from './projects-store';
import { useSystemStore } from './system-store';

const job = (status: Job['status']): Job => ({
  id: 'j1' as JobId,
  kind: 'benchmark',
  title: 'Benchmark',
  status,
  progress: 0.4,
  progressText: '',
  messages: [],
  backend: 'wasm',
  createdAt: 1,
  startedAt: 2,
  finishedAt: status === 'running' ? null : 3,
  error: null,
  result: null,
});

/** A host whose answers the test changes, behind a link the test drops and restores. */
function fakeHost() {
  let state: ConnectionState = 'connected';
  const listeners = new Set<(s: ConnectionState) => void>();
  const answers: Record<string, unknown> = {
    'projects.list': { items: [], total: 0 },
    'projects.recent': [],
    'benchmarks.listRuns': [],
    'jobs.list': [job('running')],
    'jobs.series': [],
    'system.info': { appVersion: '0.1.0', shell: 'serve', platform: 'linux', arch: 'x64', nodeVersion: '20', cpus: 2, dataDir: '/d', mlBackend: null },
  };
  const calls: string[] = [];
  const transport: Transport = {
    get connection() {
      return state;
    },
    call: (service, method) => {
      calls.push(`${service}.${method}`);
      return Promise.resolve(answers[`${service}.${method}`]);
    },
    onEvent: () => () => {},
    onConnection: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: vi.fn(),
  };
  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of listeners) l(s);
  };
  return { transport, answers, calls, setState };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('host sync', () => {
  it('refetches the jobs when the link comes back, and takes the host\'s word that a job was interrupted', async () => {
    const host = fakeHost();
    const stop = startHostSync(new StudioClient(host.transport));
    await vi.waitFor(() => expect(useJobsStore.getState().jobs.j1?.status).toBe('running'));
    expect(useProjectsStore.getState().loaded).toBe(true);

    host.setState('reconnecting');
    expect(useSystemStore.getState().connection).toBe('reconnecting');
    expect(useSystemStore.getState().lostAt).not.toBeNull();

    host.answers['jobs.list'] = [job('interrupted')];
    const before = host.calls.filter((c) => c === 'jobs.list').length;
    host.setState('connected');
    await vi.waitFor(() => expect(useJobsStore.getState().jobs.j1?.status).toBe('interrupted'));
    expect(host.calls.filter((c) => c === 'jobs.list').length).toBe(before + 1);
    expect(useSystemStore.getState().lostAt).toBeNull();
    await settle();
    stop();
  });
});
