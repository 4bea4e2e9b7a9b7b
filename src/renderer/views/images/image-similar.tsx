// "Find similar" for the open image: the images whose embeddings are nearest its own, in this
// project or in all of them, most similar first with their similarity. Choosing one of this
// project opens its panel; one of another project opens that project.
import { useEffect, useRef, useState } from 'react';
import { StudioError, type FindSimilarResult, type ImageInfo } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { navigate } from '../../stores/ui-store';
import { assetUrl } from '../audio/asset-url';
import { percent } from './image-logic';
import { selectImage } from './images-store';

export function SimilarImages({ info }: { info: ImageInfo }) {
  const client = useStudioClient();
  const [scope, setScope] = useState<'project' | 'all'>('project');
  const [result, setResult] = useState<FindSimilarResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // The answer may land below the fold: bring it into view. (Braces: Chromium's scrollIntoView may
  // return a promise, which React would take for a clean-up function.)
  useEffect(() => {
    list.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);

  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await client.call('images', 'findSimilar', { assetId: info.assetId, limit: 8, scope }));
    } catch (err) {
      setResult(null);
      setError(StudioError.from(err).message);
    } finally {
      setBusy(false);
    }
  };
  const open = (other: ImageInfo) => {
    if (other.projectId === info.projectId) selectImage(other.assetId);
    else navigate({ name: 'project', projectId: other.projectId });
  };

  return (
    <div className="image-similar">
      <div className="image-similar-bar">
        <button type="button" className="btn btn-small" data-testid="find-similar" disabled={busy || info.state !== 'tagged'} onClick={() => void find()}>
          {busy ? 'Finding…' : 'Find similar'}
        </button>
        <label className="text-dim">
          in{' '}
          <select className="input image-input" value={scope} data-testid="similar-scope" onChange={(e) => setScope(e.currentTarget.value as 'project' | 'all')}>
            <option value="project">this project</option>
            <option value="all">all projects</option>
          </select>
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="similar-error">
          {error}
        </p>
      )}
      {result && result.items.length === 0 && <p className="empty-note">No other image to compare it with yet.</p>}
      {result && result.items.length > 0 && (
        <ol ref={list} className="similar-list" data-testid="similar-list" aria-label={`Images most similar to ${info.name}`}>
          {result.items.map(({ image, similarity, projectName }) => (
            <li key={image.assetId} data-testid="similar-item">
              <button type="button" className="similar-item" onClick={() => open(image)} title={image.projectId === info.projectId ? `Open ${image.name}` : `Open the project “${projectName}”`}>
                {image.thumbnail ? <img src={assetUrl(image.projectId, image.thumbnail.hash)} alt="" /> : <span className="image-thumb-empty" aria-hidden="true" />}
                <span className="similar-name">{image.name}</span>
                <span className="similar-score" data-testid="similar-score">
                  {percent(similarity)} similar
                </span>
                {image.projectId !== info.projectId && <span className="text-faint">in {projectName}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {result && <p className="text-faint similar-note">Compared with {result.compared} images in {result.ms < 1 ? 'under a millisecond' : `${Math.round(result.ms)} ms`}.</p>}
    </div>
  );
}
