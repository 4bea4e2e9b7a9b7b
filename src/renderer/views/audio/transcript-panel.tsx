// The transcript under an audio file's waveform: Transcribe (a host job; its progress shows here
// and in the Jobs panel, where it can be cancelled), then the words as a list to click, each playing
// just that word (the waveform shows them as regions too). A recording with no speech says so; an
// engine that cannot run says what to install.
import { useEffect } from 'react';
import type { Asset } from '../../../shared/api/assets';
import { formatAudioTime, type TranscriptWord } from '../../../shared/speech/transcript';
import { useStudioClient } from '../../client/client-context';
import { CopyText } from '../../components/copy-text';
import { ProgressBar } from '../../components/progress-bar';
import { useJobsStore } from '../../stores/jobs-store';
import { loadTranscript, transcribe, useTranscriptStore, watchTranscripts } from './transcript-store';

export function TranscriptPanel({ asset, onPlayWord, playingWord }: { asset: Asset; onPlayWord: (word: TranscriptWord, index: number) => void; playingWord: number | null }) {
  const client = useStudioClient();
  const transcript = useTranscriptStore((s) => s.transcripts[asset.id]);
  const jobId = useTranscriptStore((s) => s.jobs[asset.id]);
  const problem = useTranscriptStore((s) => s.problems[asset.id]);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const busy = job !== undefined && (job.status === 'queued' || job.status === 'running');

  useEffect(() => void loadTranscript(client, asset.id), [client, asset.id]);
  useEffect(() => watchTranscripts(client), [client]);

  return (
    <div className="transcript" data-testid="transcript-panel">
      <div className="transcript-bar">
        <button type="button" className="btn btn-small" data-testid="transcribe" disabled={busy} onClick={() => void transcribe(client, asset.id)} title="Recognise the speech in this file (Jobs panel: progress, Cancel)">
          {busy ? 'Transcribing…' : transcript ? 'Transcribe again' : 'Transcribe'}
        </button>
        {busy && job && (
          <>
            <ProgressBar value={job.progress} label={`Transcribing ${asset.name}`} testId="transcribe-progress" />
            <span className="text-dim transcript-status">{job.progressText}</span>
          </>
        )}
        {!busy && transcript && (
          <span className="text-dim transcript-status" data-testid="transcript-summary">
            {transcript.words.length} word{transcript.words.length === 1 ? '' : 's'} · {transcript.engine} · {transcript.seconds.toFixed(1)} s for {transcript.durationSeconds.toFixed(1)} s of audio
          </span>
        )}
        {!busy && job?.status === 'cancelled' && <span className="text-dim transcript-status">Transcription cancelled.</span>}
      </div>
      {problem && (
        <div className="field-error transcript-problem" role="alert" data-testid="transcript-problem">
          <p>{problem.message}</p>
          {problem.installHint && <CopyText text={problem.installHint} />}
        </div>
      )}
      {transcript && transcript.words.length === 0 && <p className="text-dim">{transcript.note ?? 'No speech was recognised.'}</p>}
      {transcript && transcript.words.length > 0 && (
        <ol className="transcript-words" data-testid="transcript-words" aria-label="Words: click one to play it">
          {transcript.words.map((w, i) => (
            <li key={`${i}-${w.start}`}>
              <button
                type="button"
                className={`transcript-word${playingWord === i ? ' is-playing' : ''}`}
                data-testid="transcript-word"
                title={`${formatAudioTime(w.start)}–${formatAudioTime(w.end)}${w.confidence !== undefined ? ` · confidence ${Math.round(w.confidence * 100)} %` : ''}`}
                onClick={() => onPlayWord(w, i)}
              >
                {w.word}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
