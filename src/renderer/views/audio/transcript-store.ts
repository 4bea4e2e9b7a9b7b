// Transcripts of the project's audio files as the waveform shows them: read from the host per
// asset (speech.transcript), a Transcribe click starts the host's `transcribe` job (its progress
// and Cancel live in the Jobs panel like every job) and is remembered per asset here, so the
// waveform shows the progress too; when a transcribe job for the asset succeeds (in this window or
// another) the transcript is read again.
import { create } from 'zustand';
import type { AssetTranscript, Job } from '../../../shared/api';
import { StudioError } from '../../../shared/api/errors';
import type { StudioClient } from '../../client/studio-client';
import { hostProblem, type ListenProblem } from '../../stores/dictation-logic';

interface TranscriptState {
  /** undefined: not read yet; null: none. */
  transcripts: Record<string, AssetTranscript | null | undefined>;
  /** The transcribe job started from here, per asset. */
  jobs: Record<string, string>;
  problems: Record<string, ListenProblem | undefined>;
}

export const useTranscriptStore = create<TranscriptState>()(() => ({ transcripts: {}, jobs: {}, problems: {} }));

const patch = (key: keyof TranscriptState, assetId: string, value: unknown): void =>
  useTranscriptStore.setState((s) => ({ [key]: { ...s[key], [assetId]: value } }) as Partial<TranscriptState>);

export async function loadTranscript(client: StudioClient, assetId: string): Promise<void> {
  try {
    patch('transcripts', assetId, await client.call('speech', 'transcript', { assetId }));
  } catch (err) {
    patch('problems', assetId, { kind: 'failed', message: `The transcript could not be read: ${StudioError.from(err).message}` });
  }
}

export async function transcribe(client: StudioClient, assetId: string): Promise<void> {
  patch('problems', assetId, undefined);
  try {
    const job = await client.call('speech', 'transcribeAsset', { assetId });
    patch('jobs', assetId, job.id);
  } catch (err) {
    patch('problems', assetId, hostProblem(err));
  }
}

/** Follows transcribe jobs: a finished one reads its asset's transcript again or says why it failed. */
export function watchTranscripts(client: StudioClient): () => void {
  return client.on('onJobChanged', (job: Job) => {
    if (job.kind !== 'transcribe') return;
    const { jobs } = useTranscriptStore.getState();
    const assetId = typeof job.result?.assetId === 'string' ? job.result.assetId : Object.keys(jobs).find((id) => jobs[id] === job.id);
    if (!assetId) return;
    if (job.status === 'succeeded') void loadTranscript(client, assetId);
    else if (job.status === 'failed' && jobs[assetId] === job.id) patch('problems', assetId, { kind: 'failed', message: job.error?.message ?? 'The transcription failed.' });
  });
}
