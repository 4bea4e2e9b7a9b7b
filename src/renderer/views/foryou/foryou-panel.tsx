// The For you panel (Home, and a project's screen with that project): what to reuse — songs,
// scripts, models, instruments, projects — as compact cards, each with its kind, its name, the
// project of a song or script and the strongest reason (every reason on hover, or expanded). A
// click records recommendation.clicked and opens the item; every card shown records
// recommendation.shown once per panel load. It reads again when projects or documents change.
import { useEffect, useRef, useState } from 'react';
import { StudioError, type ForYou, type Recommendation } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { cardTitle, inProject, kindLabels, modelLabels } from './foryou-logic';
import { openRecommendation, recordShown } from './foryou-actions';
import './foryou.css';

interface ForYouPanelProps {
  /** The project shown (its items weigh more); none on Home. */
  projectId?: string;
  limit?: number;
}

type Load = { state: 'loading'; list: ForYou | null } | { state: 'ready'; list: ForYou } | { state: 'error'; list: ForYou | null; error: string };

/** How long a burst of project and document changes is waited out before reading again. */
const refreshDelay = 400;

export function ForYouPanel({ projectId, limit = 8 }: ForYouPanelProps) {
  const client = useStudioClient();
  const [load, setLoad] = useState<Load>({ state: 'loading', list: null });
  const recorded = useRef(new Set<string>());
  const context = projectId ?? null;

  useEffect(() => {
    let alive = true;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    recorded.current = new Set();
    const read = async () => {
      const mine = ++generation;
      try {
        const list = await client.call('recommend', 'forYou', { ...(projectId ? { projectId } : {}), limit });
        if (!alive || mine !== generation) return;
        setLoad({ state: 'ready', list });
        recordShown(client, list, recorded.current, context);
      } catch (err) {
        if (!alive || mine !== generation) return;
        setLoad((prev) => ({ state: 'error', list: prev.list, error: StudioError.from(err).message }));
      }
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void read(), refreshDelay);
    };
    void read();
    const offProjects = client.on('onProjectsChanged', later);
    const offDocs = client.on('onDocumentsChanged', later);
    const offConn = client.onConnection((state) => state === 'connected' && later());
    return () => {
      alive = false;
      clearTimeout(timer);
      offProjects();
      offDocs();
      offConn();
    };
  }, [client, projectId, limit, context]);

  const list = load.list;
  const items = list?.items ?? [];
  return (
    <section className="foryou" aria-labelledby="foryou-heading" data-testid="foryou-panel" data-state={load.state} data-model={list?.model}>
      <header className="foryou-head">
        <h2 id="foryou-heading" className="section-label">
          For you
        </h2>
        {list && items.length > 0 && (
          <span className="foryou-model text-faint" title={`Ranked on this computer from ${list.interactions} things you did`}>
            {list.coldStart ? 'Popular in your studio' : `Ranked by ${modelLabels[list.model]}`} ·{' '}
            <a href="#/insights" className="foryou-how">
              how?
            </a>
          </span>
        )}
      </header>
      {list?.message && (
        <p className="foryou-message text-dim" data-testid="foryou-message">
          {list.message}
        </p>
      )}
      {load.state === 'error' && (
        <p className="foryou-error text-faint" role="status" data-testid="foryou-error">
          Suggestions could not be read ({load.error}).
        </p>
      )}
      {list === null ? (
        load.state === 'loading' && <p className="empty-note foryou-empty">Looking at what you use…</p>
      ) : items.length === 0 ? (
        !list.message && (
          <p className="empty-note foryou-empty" data-testid="foryou-empty">
            Nothing to suggest yet. Songs, scripts and models you open, play and keep show up here.
          </p>
        )
      ) : (
        <ul className="foryou-list">
          {items.map((rec) => (
            <ForYouCard key={rec.item} rec={rec} onOpen={() => void openRecommendation(client, list, rec, context)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ForYouCard({ rec, onOpen }: { rec: Recommendation; onOpen: () => void }) {
  const [expanded, setExpanded] = useState(false);
  const where = inProject(rec.kind) && rec.projectName ? rec.projectName : null;
  const [first, ...more] = rec.because;
  return (
    <li className={`foryou-card${expanded ? ' is-expanded' : ''}`} data-testid="foryou-card" data-item={rec.item} data-kind={rec.kind}>
      <button type="button" className="foryou-open" title={cardTitle(rec)} data-testid="foryou-open" onClick={onOpen}>
        <span className="foryou-line">
          <span className={`kind-pill kind-${rec.kind}`}>{kindLabels[rec.kind]}</span>
          <span className="foryou-label">{rec.label}</span>
        </span>
        {where && <span className="foryou-where">in {where}</span>}
        {first && (
          <span className="foryou-because" data-testid="foryou-because">
            {first}
          </span>
        )}
      </button>
      {more.length > 0 && (
        <>
          <button
            type="button"
            className="foryou-more"
            aria-expanded={expanded}
            title={expanded ? 'Fewer reasons' : `${more.length} more reason${more.length === 1 ? '' : 's'}`}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? '−' : `+${more.length}`}
          </button>
          {expanded && (
            <ul className="foryou-reasons">
              {more.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </li>
  );
}
