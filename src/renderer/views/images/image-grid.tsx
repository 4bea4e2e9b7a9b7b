// The grid of a project's images: each a button with its thumbnail (the file itself while it waits
// to be tagged), name and top tags as chips, a spinner while it waits or is tagged, and a badge
// when tagging failed. Opening one shows its panel.
import type { ImageInfo } from '../../../shared/api';
import { assetUrl } from '../audio/asset-url';
import { chipTags, percent, taggingNote } from './image-logic';

export function ImageCard({ info, selected, onOpen }: { info: ImageInfo; selected: boolean; onOpen: () => void }) {
  const chips = info.state === 'tagged' ? chipTags(info) : [];
  const note = taggingNote(info);
  const busy = info.state === 'pending' || info.state === 'tagging';
  const described = [info.name, ...chips.map((t) => t.label), ...(note ? [note] : [])].join(', ');
  return (
    <li className="image-card" data-testid="image-card" data-state={info.state} data-name={info.name}>
      <button id={`image-card-${info.assetId}`} type="button" className={`image-card-button${selected ? ' is-selected' : ''}`} aria-pressed={selected} aria-label={described} onClick={onOpen}>
        <span className="image-thumb">
          {/* Until tagging has made its thumbnail, the file itself (a failed one may not display). */}
          {info.thumbnail || busy ? (
            <img src={assetUrl(info.projectId, info.thumbnail?.hash ?? info.hash)} alt="" loading="lazy" />
          ) : (
            <span className="image-thumb-empty" aria-hidden="true" />
          )}
          {busy && (
            <span className="image-state" data-testid="image-tagging">
              <span className="spinner" aria-hidden="true" /> {note}
            </span>
          )}
          {info.state === 'failed' && (
            <span className="image-state badge badge-failed" data-testid="image-failed" title={info.error ?? undefined}>
              Tagging failed
            </span>
          )}
        </span>
        <span className="image-card-name">{info.name}</span>
        <span className="image-chips" data-testid="image-chips">
          {info.category && <span className="tag-chip is-category">{info.category}</span>}
          {chips.map((t) => (
            <span key={t.label} className={`tag-chip${t.source === 'custom' ? ' is-custom' : ''}`} title={`${t.label} · ${percent(t.score)}`}>
              {t.label}
            </span>
          ))}
          {!busy && note && info.state === 'tagged' && <span className="text-faint">{note}</span>}
        </span>
      </button>
    </li>
  );
}

export function ImageGrid({ images, selected, onOpen }: { images: readonly ImageInfo[]; selected: string | null; onOpen: (id: string) => void }) {
  return (
    <ul className="image-grid" data-testid="image-grid">
      {images.map((info) => (
        <ImageCard key={info.assetId} info={info} selected={info.assetId === selected} onOpen={() => onOpen(info.assetId)} />
      ))}
    </ul>
  );
}
