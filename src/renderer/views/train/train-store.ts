// Whether the Train dialog is open, for which project (the project screen and the command palette
// open it; null project: only files can be chosen) and what it trains: a music model, or a scene
// model on screenplays ("Train on my scripts…", also from the scene drafter).
import { create } from 'zustand';
import { useEffect, useState } from 'react';
import { StudioError, type Job } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { receiveJob, useJobsStore } from '../../stores/jobs-store';
import { setJobsPanelOpen } from '../../stores/ui-store';
import { resumable } from './train-logic';

export type TrainKind = 'music' | 'scenes';

interface TrainDialogState {
  open: boolean;
  projectId: string | null;
  kind: TrainKind;
}

export const useTrainDialogStore = create<TrainDialogState>()(() => ({ open: false, projectId: null, kind: 'music' }));

export function openTrainDialog(projectId: string | null): void {
  useTrainDialogStore.setState({ open: true, projectId, kind: 'music' });
}

export function openSceneTrainDialog(projectId: string | null): void {
  useTrainDialogStore.setState({ open: true, projectId, kind: 'scenes' });
}

export function closeTrainDialog(): void {
  useTrainDialogStore.setState({ open: false });
}

/** The job that continues a stopped training run, or the host's reason it cannot. */
export async function resumeTraining(client: StudioClient, jobId: string): Promise<{ job: Job } | { error: string }> {
  try {
    const { job } = await client.call('training', 'resume', { jobId });
    receiveJob(job);
    setJobsPanelOpen(true);
    return { job };
  } catch (err) {
    return { error: StudioError.from(err).message };
  }
}

/** Whether the host kept a checkpoint to resume this stopped job from. */
export function useResumable(client: StudioClient, job: { id: string; kind: string; status: string }): boolean {
  const [ids, setIds] = useState<{ for: string; jobIds: readonly string[] } | null>(null);
  const candidate = resumable(job);
  // Asked again whenever a training job starts or stops (a resume makes the older job's run the newer one's).
  const training = useJobsStore((s) =>
    Object.values(s.jobs)
      .filter((j) => j.kind === 'train-music')
      .map((j) => `${j.id.slice(0, 8)}${j.status[0]}`)
      .join(''),
  );
  const key = `${job.id}:${job.status}:${training}`;
  useEffect(() => {
    if (!candidate) return;
    let live = true;
    client
      .call('training', 'resumable', {})
      .then(({ jobIds }) => live && setIds({ for: key, jobIds }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, candidate, key]);
  return candidate && ids?.for === key && ids.jobIds.includes(job.id);
}
