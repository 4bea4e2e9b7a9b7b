// "Suggested for you" beside the song editor's Add track buttons: the instruments For you ranks
// for this project (recommend.forYou, instruments only), each adding a track with that GM program
// (or a drum track) through the same add-track path as + Piano and + Drums. Each opening of the
// list records recommendation.shown for its items; a pick records recommendation.clicked first.
import { useEffect, useRef, useState } from 'react';
import { StudioError, type ForYou, type Recommendation } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { routeProjectId } from '../../stores/route';
import { useUiStore } from '../../stores/ui-store';
import { addTrack } from '../song/song-actions';
import { instrumentOf } from './foryou-logic';
import { recordClicked, recordShown } from './foryou-actions';
import './foryou.css';

const panelWidth = 250;

export function SuggestedInstruments() {
  const client = useStudioClient();
  const projectId = useUiStore((s) => routeProjectId(s.route));
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<ForYou | null>(null);
  const [error, setError] = useState<string | null>(null);
  const control = useRef<HTMLDivElement>(null);
  // Fixed under the button: the track list scrolls and would clip a panel inside it.
  const [at, setAt] = useState<{ top: number; left: number }>({ top: 0, left: 0 });
  const toggle = () => {
    const rect = control.current?.getBoundingClientRect();
    if (rect) setAt({ top: rect.bottom + 4, left: Math.max(8, Math.min(rect.left, window.innerWidth - panelWidth - 8)) });
    if (!open) {
      setList(null);
      setError(null);
    }
    setOpen(!open);
  };

  useEffect(() => {
    if (!open) return;
    let alive = true;
    client
      .call('recommend', 'forYou', { ...(projectId ? { projectId } : {}), kinds: ['instrument'], limit: 5 })
      .then((answer) => {
        if (!alive) return;
        const usable = { ...answer, items: answer.items.filter((r) => instrumentOf(r.item) !== null) };
        setList(usable);
        recordShown(client, usable, new Set(), projectId);
      })
      .catch((err: unknown) => alive && setError(StudioError.from(err).message));
    const away = (e: PointerEvent) => {
      if (!control.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', away);
    return () => {
      alive = false;
      window.removeEventListener('pointerdown', away);
    };
  }, [client, open, projectId]);

  const pick = (rec: Recommendation) => {
    if (!list) return;
    const instrument = instrumentOf(rec.item);
    if (instrument === null) return;
    recordClicked(client, list, rec, projectId);
    if (instrument === 'drums') addTrack(client, 'drums');
    else addTrack(client, 'piano', instrument);
    setOpen(false);
  };

  return (
    <div className="suggested-control" ref={control}>
      <button
        type="button"
        className={`btn btn-small${open ? ' is-on' : ''}`}
        aria-expanded={open}
        data-testid="add-suggested-track"
        title="Instruments suggested for you, from what you use"
        onClick={toggle}
      >
        + Suggested…
      </button>
      {open && (
        <div
          className="suggested-panel"
          style={{ top: at.top, left: at.left, width: panelWidth }}
          role="group"
          aria-label="Suggested for you"
          data-testid="suggested-instruments"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        >
          <p className="suggested-title">Suggested for you</p>
          {error ? (
            <p className="suggested-note" role="status">
              Suggestions could not be read ({error}).
            </p>
          ) : list === null ? (
            <p className="suggested-note">Looking at what you use…</p>
          ) : list.items.length === 0 ? (
            <p className="suggested-note">{list.message ?? 'No instruments to suggest yet: the ones you add to songs show up here.'}</p>
          ) : (
            <ul className="suggested-list">
              {list.items.map((rec) => (
                <li key={rec.item}>
                  <button type="button" className="suggested-item" data-testid="suggested-instrument" data-item={rec.item} title={[rec.label, ...rec.because].join('\n')} onClick={() => pick(rec)}>
                    <span>{rec.label}</span>
                    {rec.because[0] && <span className="suggested-because">{rec.because[0]}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
