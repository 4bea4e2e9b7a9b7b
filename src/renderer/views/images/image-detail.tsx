// The panel of one image: the picture with the detector's boxes over it, every tag with its score
// (pointing at one lights its box), the tagging state (a failure with its reason and Try again),
// its custom category, and Find similar. Opening it records the image as opened in the history,
// with its top tags (For you's explanations use them). Focus moves to its title when it opens.
import { useEffect, useRef, useState } from 'react';
import { StudioError, type ImageInfo } from '../../../shared/api';
import { topTagLabels } from '../../../shared/vision/tag-summary';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { recordEvent } from '../../lib/record-event';
import { reportError } from '../../stores/ui-store';
import { formatBytes } from '../audio/upload-logic';
import { CategoryField } from './image-category-field';
import { percent } from './image-logic';
import { SimilarImages } from './image-similar';
import { ImageStage } from './image-stage';
import { selectImage } from './images-store';

export function ImageDetail({ summary, onClose }: { summary: ImageInfo; onClose: () => void }) {
  const client = useStudioClient();
  const [full, setFull] = useState<ImageInfo | null>(null);
  const [showBoxes, setShowBoxes] = useState(true);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  const info = full?.assetId === summary.assetId ? full : summary;

  // Every tag (the list has the top few): fetched again whenever the image's summary changes.
  useEffect(() => {
    let current = true;
    client
      .call('images', 'get', { assetId: summary.assetId })
      .then((got) => current && setFull(got))
      .catch((err: unknown) => {
        if (!(err instanceof StudioError && err.code === 'not-found')) reportError(err);
      });
    return () => {
      current = false;
    };
  }, [client, summary]);
  useEffect(() => {
    title.current?.focus();
  }, [summary.assetId]);
  const tagged = summary.state === 'tagged';
  useEffect(() => {
    if (tagged) recordEvent(client, { type: 'document.opened', item: `asset:${summary.assetId}`, projectId: summary.projectId, data: { tags: topTagLabels(summary.tags, 3) } });
    // Once per image opened (not on every refresh of its tags).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, summary.assetId, tagged]);

  return (
    <section className="image-detail" aria-labelledby="image-detail-title" data-testid="image-detail">
      <div className="image-detail-bar">
        <h3 id="image-detail-title" className="image-detail-title" tabIndex={-1} ref={title}>
          {info.name}
        </h3>
        <span className="text-dim">
          {info.width && info.height ? `${info.width} × ${info.height} · ` : ''}
          {formatBytes(info.bytes)}
          {info.taggingMs !== null ? ` · tagged in ${(info.taggingMs / 1000).toFixed(2)} s` : ''}
        </span>
        <label className="image-boxes-toggle">
          <input type="checkbox" checked={showBoxes} data-testid="image-show-boxes" onChange={(e) => setShowBoxes(e.currentTarget.checked)} /> Boxes
        </label>
        <button type="button" className="btn btn-small btn-ghost" data-testid="image-delete" onClick={() => setDeleting(true)}>
          Delete
        </button>
        <button type="button" className="btn btn-small" data-testid="image-close" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="image-detail-body">
        <ImageStage info={info} showBoxes={showBoxes} highlight={highlight} />
        <div className="image-side">
          {info.state === 'failed' && (
            <div className="field-error" role="alert" data-testid="image-error">
              <p>{info.error}</p>
              <button type="button" className="btn btn-small" onClick={() => client.call('images', 'retag', { assetId: info.assetId }).catch(reportError)}>
                Try again
              </button>
            </div>
          )}
          {(info.state === 'pending' || info.state === 'tagging') && (
            <p className="text-dim">
              <span className="spinner" aria-hidden="true" /> {info.state === 'tagging' ? 'Tagging…' : 'Waiting to be tagged…'}
            </p>
          )}
          {info.state === 'tagged' && (
            <>
              <h4 className="section-label">Tags</h4>
              {info.tags.length === 0 && <p className="empty-note">No objects found (the detector knows 80 everyday kinds).</p>}
              <ul className="image-tags" data-testid="image-tags">
                {info.tags.map((t, i) => (
                  <li
                    key={i}
                    tabIndex={t.box ? 0 : undefined}
                    className={highlight === i ? 'is-highlighted' : undefined}
                    onMouseEnter={() => setHighlight(i)}
                    onMouseLeave={() => setHighlight(null)}
                    onFocus={() => setHighlight(i)}
                    onBlur={() => setHighlight(null)}
                  >
                    <span className="image-tag-label">{t.label}</span>
                    <span className="image-tag-score">{percent(t.score)}</span>
                    <span className="text-faint">{t.source === 'custom' ? 'your category, predicted' : t.box ? `at ${t.box.x}, ${t.box.y} · ${t.box.width} × ${t.box.height}` : ''}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <CategoryField key={`${info.assetId}:${info.category ?? ''}`} info={info} />
          <SimilarImages key={info.assetId} info={info} />
        </div>
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Delete “${info.name}”?`}
          confirmLabel="Delete"
          confirmTestId="image-delete-confirm"
          danger
          onConfirm={() => {
            setDeleting(false);
            selectImage(null);
            client.assets.delete({ id: info.assetId }).catch(reportError);
          }}
          onCancel={() => setDeleting(false)}
        >
          <p>The image, its tags and its category are removed from this project.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
