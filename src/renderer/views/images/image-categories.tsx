// The project's custom categories and their classifier: how many images each category has, what
// the trained classifier scored, and "Train categories", which starts a train-image-categories
// job. The job shows in the Jobs panel like any other; here its progress line follows it, and
// when it ends its leave-one-out accuracy (or why it failed) is said.
import { useState } from 'react';
import { StudioError } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { useJobsStore } from '../../stores/jobs-store';
import { asTrainingResult, percent, trainingSummary } from './image-logic';
import { useImagesStore } from './images-store';

export function ImageCategories({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const categories = useImagesStore((s) => (s.projectId === projectId ? s.categories : null));
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const running = job?.status === 'queued' || job?.status === 'running';
  const result = job?.status === 'succeeded' ? asTrainingResult(job.result) : null;
  const classifier = categories?.classifier ?? null;

  const train = async () => {
    setError(null);
    try {
      setJobId((await client.call('images', 'trainCategories', { projectId })).id);
    } catch (err) {
      setError(StudioError.from(err).message);
    }
  };

  return (
    <div className="image-categories" data-testid="image-categories">
      <span className="text-dim">
        {categories && categories.categories.length > 0
          ? `Your categories: ${categories.categories.map((c) => `${c.name} (${c.examples})`).join(', ')}`
          : 'Give images a category in their panel, then train Montage to tag new images with them.'}
      </span>
      <button type="button" className="btn btn-small" data-testid="train-categories" disabled={running} aria-describedby={error ? 'train-categories-error' : undefined} onClick={() => void train()}>
        Train categories
      </button>
      {running && (
        <span className="text-dim" data-testid="train-categories-progress" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {job?.progressText || 'Waiting to start…'}
        </span>
      )}
      {result && (
        <p className="image-categories-result" data-testid="train-categories-result" aria-live="polite">
          {trainingSummary(result)}
          {result.denseAccuracy !== null && ` (k-NN ${percent(result.knnAccuracy)}, dense head ${percent(result.denseAccuracy)}.)`}
          {result.tagged > 0 && ` ${result.tagged} more ${result.tagged === 1 ? 'image was' : 'images were'} given a category.`}
        </p>
      )}
      {!result && !running && classifier && (
        <p className="image-categories-result text-dim" data-testid="classifier-info">
          {classifier.projectId === null ? 'Categories trained on all projects' : 'Trained'}: {classifier.categories.join(', ')} · right on {percent(classifier.accuracy)} of images left out ·{' '}
          {classifier.method === 'knn' ? `nearest neighbours (k = ${classifier.k})` : 'dense head'}
        </p>
      )}
      {job?.status === 'failed' && (
        <p className="field-error" role="alert">
          {job.error?.message ?? 'Training failed.'}
        </p>
      )}
      {error && (
        <p id="train-categories-error" className="field-error" role="alert" data-testid="train-categories-error">
          {error}
        </p>
      )}
    </div>
  );
}
