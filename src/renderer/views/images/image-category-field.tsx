// The open image's custom category: type one (or pick one already used) and Set it, or Remove it.
// Labelled images are the examples "Train categories" learns from. Refusals are said at the field.
// The panel keys it by image and category, so the field starts again from what the host has.
import { useId, useState } from 'react';
import { StudioError, type ImageInfo } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { useImagesStore } from './images-store';

export function CategoryField({ info }: { info: ImageInfo }) {
  const client = useStudioClient();
  const known = useImagesStore((s) => s.categories?.categories);
  const [value, setValue] = useState(info.category ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const errorId = useId();

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(StudioError.from(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="image-category"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => client.call('images', 'label', { assetId: info.assetId, category: value }));
      }}
    >
      <label className="image-category-label" htmlFor={`${listId}-input`}>
        Category
      </label>
      <div className="image-category-row">
        <input
          id={`${listId}-input`}
          className="input image-input"
          list={listId}
          value={value}
          maxLength={64}
          placeholder="e.g. Location, Storyboard"
          data-testid="image-category-input"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <datalist id={listId}>
          {(known ?? []).map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <button type="submit" className="btn btn-small" data-testid="image-category-set" disabled={busy || value.trim() === '' || value.trim() === info.category}>
          Set
        </button>
        {info.category && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="image-category-remove" disabled={busy} onClick={() => void run(() => client.call('images', 'unlabel', { assetId: info.assetId }))}>
            Remove
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
