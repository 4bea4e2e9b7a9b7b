// The project's images: "Import images…" (a file input; JPEG and PNG files dropped on the window
// come here too, see project/midi-drop-overlay.tsx), one progress bar with Cancel per upload,
// refusals at the control, a search box that filters by tag (the host's search: objects, your
// categories and predicted ones), the grid of thumbnails with their top tags, the open image's
// panel, and the custom categories with "Train categories". The list and uploads live in
// images-store.ts.
import { useEffect, useId, useRef } from 'react';
import { imageExtensions } from '../../../shared/assets/image-sniff';
import { useStudioClient } from '../../client/client-context';
import { formatBytes } from '../audio/upload-logic';
import { ImageCategories } from './image-categories';
import { ImageDetail } from './image-detail';
import { ImageGrid } from './image-grid';
import { cancelImageUpload, selectImage, setImageQuery, uploadImageFiles, useImagesStore, watchImages } from './images-store';
import './images.css';

export function ImagesSection({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const state = useImagesStore();
  const mine = state.projectId === projectId;
  const images = mine ? state.images : [];
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const searchId = useId();
  useEffect(() => watchImages(client, projectId), [client, projectId]);

  const shown = state.matches === null ? images : state.matches.flatMap((id) => images.filter((i) => i.assetId === id));
  const selected = images.find((i) => i.assetId === state.selected) ?? null;
  const errors = mine ? state.errors : [];

  return (
    <section className="images-section" aria-labelledby="images-title">
      <div className="songs-bar">
        <h2 id="images-title" className="section-label">
          Images
        </h2>
        <button type="button" className="btn btn-small" data-testid="import-images" aria-describedby={errors.length ? errorId : undefined} onClick={() => input.current?.click()}>
          Import images…
        </button>
        <input
          ref={input}
          type="file"
          accept={[...imageExtensions, 'image/jpeg', 'image/png'].join(',')}
          multiple
          hidden
          data-testid="import-images-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void uploadImageFiles(client, projectId, files);
          }}
        />
        <span className="text-dim songs-hint">JPEG or PNG, up to 64 MB; or drop them onto the window. Montage tags what is in them.</span>
        {images.length > 0 && (
          <span className="image-search">
            <label htmlFor={searchId} className="visually-hidden">
              Search images by tag
            </label>
            <input
              id={searchId}
              type="search"
              className="input image-input"
              placeholder="Search by tag (dog, person…)"
              value={mine ? state.query : ''}
              data-testid="image-search"
              onChange={(e) => setImageQuery(client, projectId, e.currentTarget.value)}
            />
          </span>
        )}
      </div>
      {state.uploads.map((u) => (
        <div key={u.key} className="upload-row" data-testid="image-upload-progress">
          <span className="upload-name">{u.name}</span>
          <progress max={u.total} value={u.sent} aria-label={`Uploading ${u.name}`} />
          <span className="text-dim">
            {formatBytes(u.sent)} of {formatBytes(u.total)}
          </span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => cancelImageUpload(u.key)}>
            Cancel
          </button>
        </div>
      ))}
      {errors.length > 0 && (
        <div id={errorId} className="field-error import-error" role="alert" data-testid="import-images-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {!state.loaded && mine && <p className="empty-note">Loading images…</p>}
      {state.loaded && mine && images.length === 0 && state.uploads.length === 0 && <p className="empty-note">No images yet: storyboard frames, mood boards, location photos.</p>}
      {state.matches !== null && (
        <p className="text-dim" role="status" data-testid="image-search-status">
          {state.searchError ?? (shown.length === 0 ? `No image is tagged “${state.query.trim()}”.` : `${shown.length} of ${images.length} images match “${state.query.trim()}”.`)}
        </p>
      )}
      {shown.length > 0 && <ImageGrid images={shown} selected={state.selected} onOpen={(id) => selectImage(id === state.selected ? null : id)} />}
      {selected && (
        <ImageDetail
          summary={selected}
          onClose={() => {
            selectImage(null);
            // Back to the card the panel was opened from.
            requestAnimationFrame(() => document.getElementById(`image-card-${selected.assetId}`)?.focus());
          }}
        />
      )}
      {images.length > 0 && <ImageCategories projectId={projectId} />}
    </section>
  );
}
