// The scene drafter, docked beside the screenplay editor (toggle: the toolbar's ✦ Suggest or
// Ctrl/Cmd+G): a scene model, how many scenes and how wild; Next scene asks for scenes to follow the
// one the cursor is in and shows them as cards (heading, characters, beat) to accept into the
// script, draft, or reject; a draft is previewed laid out like the editor, to accept under its
// heading or discard. Opening it warms the model's session on the host, and keeps it warm.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelInfo } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import type { StudioClient } from '../../client/studio-client';
import { useUiStore } from '../../stores/ui-store';
import { routeProjectId } from '../../stores/route';
import { openSceneTrainDialog } from '../train/train-store';
import { acceptCard, acceptDraft, closeDrafter, chooseSceneModel, discardDraft, draftCard, draftCurrentScene, focusCard, rejectCard, suggestNext, warmScenes } from './drafter-actions';
import { formatMs, previewLines } from './drafter-logic';
import { useDrafterStore, type DrafterCard } from './drafter-store';
import { useScriptViewStore } from './script-view-store';
import './drafter.css';

const modelLabel = (m: ModelInfo): string => `${m.name}${m.origin === 'shipped' ? ' (came with Montage)' : ''}`;

function DraftPreview({ card, client }: { card: DrafterCard; client: StudioClient }) {
  const draft = card.draft;
  if (!draft) return null;
  const lines = previewLines(card.heading, draft.fountain);
  return (
    <div className="drafter-draft" data-testid="drafter-draft">
      <div className="drafter-page" aria-label={`Draft of ${card.heading}`}>
        {lines.map((l, i) => (
          <div key={i} className={`drafter-line cm-fl-${l.kind}`} data-kind={l.kind}>
            {l.text || '\u00a0'}
          </div>
        ))}
      </div>
      <div className="drafter-card-actions">
        <button type="button" className="btn btn-small btn-primary" data-testid="drafter-accept-draft" onClick={() => acceptDraft(client, card.id)}>
          Accept draft
        </button>
        <button type="button" className="btn btn-small" data-testid="drafter-redraft" disabled={card.drafting} onClick={() => void draftCard(client, card.id)}>
          Again
        </button>
        <button type="button" className="btn btn-small btn-ghost" data-testid="drafter-discard-draft" onClick={() => discardDraft(client, card.id)}>
          Discard
        </button>
        <span className="drafter-ms text-faint" title="How long the model took">
          {draft.words} words · {formatMs(draft.ms)}
        </span>
      </div>
    </div>
  );
}

function Card({ card, focused, client }: { card: DrafterCard; focused: boolean; client: StudioClient }) {
  const what = card.status === 'scene' ? 'This scene' : card.status === 'accepted' ? 'Added to the script' : 'Suggested scene';
  return (
    <li
      className={`drafter-card${focused ? ' is-focused' : ''}${card.status === 'accepted' ? ' is-accepted' : ''}`}
      data-testid="drafter-card"
      data-drafter-card={card.id}
      data-status={card.status}
      tabIndex={focused ? 0 : -1}
      aria-label={`${what}: ${card.heading}. ${card.beat} Enter ${card.draft ? 'accepts the draft' : card.status === 'new' ? 'accepts' : 'drafts'}, Delete rejects.`}
      onFocus={(e) => {
        if (e.target === e.currentTarget) focusCard(card.id);
      }}
    >
      <div className="drafter-card-head">
        <span className="drafter-card-kind text-faint">{what}</span>
      </div>
      <p className="drafter-heading" data-testid="drafter-heading">
        {card.heading}
      </p>
      {card.characters.length > 0 && (
        <ul className="drafter-chips" aria-label="Characters">
          {card.characters.map((c) => (
            <li key={c} className="drafter-chip" data-testid="drafter-character">
              {c}
            </li>
          ))}
        </ul>
      )}
      <p className={`drafter-beat${card.beat ? '' : ' text-faint'}`} data-testid="drafter-beat">
        {card.beat || 'No beat: the model wrote none.'}
      </p>
      {!card.draft && (
        <div className="drafter-card-actions">
          {card.status === 'new' && (
            <button type="button" className="btn btn-small btn-primary" data-testid="drafter-accept" onClick={() => acceptCard(client, card.id)} title="Add the heading and beat after the current scene (Enter)">
              Accept
            </button>
          )}
          <button type="button" className="btn btn-small" data-testid="drafter-draft-card" disabled={card.drafting} onClick={() => void draftCard(client, card.id)} title="Write the scene’s action and dialogue">
            {card.drafting ? 'Drafting…' : 'Draft'}
          </button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="drafter-reject" onClick={() => rejectCard(client, card.id)} title={card.status === 'new' ? 'Reject the suggestion (Delete)' : 'Remove the card (Delete)'}>
            {card.status === 'new' ? 'Reject' : 'Done'}
          </button>
        </div>
      )}
      {card.drafting && (
        <p className="drafter-busy text-dim" role="status" data-testid="drafter-drafting">
          <span className="spinner" aria-hidden="true" /> Drafting the scene…
        </p>
      )}
      {card.error && (
        <p className="field-error" role="alert" data-testid="drafter-card-error">
          {card.error}
        </p>
      )}
      <DraftPreview card={card} client={client} />
    </li>
  );
}

export function DrafterPanel() {
  const client = useStudioClient();
  const st = useDrafterStore(
    useShallow((s) => ({
      models: s.models,
      modelsError: s.modelsError,
      modelId: s.modelId,
      count: s.count,
      temperature: s.temperature,
      words: s.words,
      warm: s.warm,
      busy: s.busy,
      error: s.error,
      noModel: s.noModel,
      cards: s.cards,
      focusedId: s.focusedId,
      lastMs: s.lastMs,
      lastNote: s.lastNote,
    })),
  );
  const currentScene = useScriptViewStore((s) => s.currentScene);
  const sceneCount = useScriptViewStore((s) => s.index?.scenes.length ?? 0);
  const heading = useScriptViewStore((s) => (s.currentScene >= 0 ? (s.index?.scenes[s.currentScene]?.heading ?? null) : null));
  const projectId = useUiStore((s) => routeProjectId(s.route));
  const set = useDrafterStore.setState;
  const model = st.models?.find((m) => m.id === st.modelId) ?? null;
  const hasModels = (st.models?.length ?? 0) > 0;
  const focusedId = st.focusedId ?? st.cards[0]?.id ?? null;

  // The focused card stays in view as the arrows move it.
  useEffect(() => {
    if (focusedId) document.querySelector(`[data-drafter-card="${focusedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);

  const where = heading ? `after scene ${currentScene + 1}, ${heading}` : sceneCount > 0 ? 'after the last scene' : 'as the first scene';

  return (
    <aside className="drafter-panel" data-testid="drafter-panel" aria-label="Suggest scenes" data-warm={st.warm ?? 'cold'} data-last-ms={st.lastMs ?? ''}>
      <header className="drafter-head">
        <h2 className="panel-title">✦ Suggest</h2>
        <button type="button" className="btn btn-small btn-ghost" data-testid="drafter-close" title="Close the panel (Ctrl/Cmd+G)" onClick={() => closeDrafter()}>
          ✕
        </button>
      </header>

      <label className="drafter-field">
        <span>Model</span>
        <select className="input input-small" data-testid="drafter-model" value={st.modelId ?? ''} disabled={!hasModels} onChange={(e) => chooseSceneModel(client, e.target.value)}>
          {!hasModels && <option value="">{st.models ? 'No scene model yet' : 'Loading models…'}</option>}
          {st.models?.map((m) => (
            <option key={m.id} value={m.id}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
      </label>
      {model && (
        <p className={`drafter-note drafter-warm-${st.warm ?? 'cold'} text-dim`} data-testid="drafter-warm" aria-live="polite">
          {st.warm === 'warming' && 'Loading the model…'}
          {st.warm === 'warm' && `Ready · learnt from ${model.data.examples ? `${model.data.examples.toLocaleString('en-US')} scenes` : 'screenplays'}`}
          {st.warm === 'failed' && (
            <>
              The model could not be loaded.{' '}
              <button type="button" className="link-button" onClick={() => void warmScenes(client)}>
                Try again
              </button>
            </>
          )}
          {!st.warm && 'Not loaded yet: the first request loads it.'}
        </p>
      )}
      {st.modelsError && (
        <p className="field-error" role="alert">
          {st.modelsError}
        </p>
      )}

      <div className="drafter-settings">
        <label className="drafter-field drafter-field-small">
          <span>Scenes</span>
          <input className="input input-small drafter-number" type="number" min={1} max={8} data-testid="drafter-count" value={st.count} onChange={(e) => set({ count: Math.min(8, Math.max(1, Math.round(Number(e.target.value) || 1))) })} />
        </label>
        <label className="drafter-field drafter-field-grow">
          <span>Temperature</span>
          <input type="range" min={0} max={2} step={0.05} data-testid="drafter-temperature" value={st.temperature} onChange={(e) => set({ temperature: Number(e.target.value) })} aria-valuetext={`${st.temperature.toFixed(2)}: ${st.temperature < 0.6 ? 'safe' : st.temperature > 1.3 ? 'wild' : 'balanced'}`} />
          <output className="drafter-value">{st.temperature.toFixed(2)}</output>
        </label>
      </div>

      <div className="drafter-run">
        <button type="button" className="btn btn-primary" data-testid="drafter-next" disabled={st.busy || st.models === null || !hasModels} onClick={() => void suggestNext(client)} title={`Suggest scenes ${where}`}>
          Next scene
        </button>
        <button type="button" className="btn" data-testid="drafter-draft-current" disabled={currentScene < 0 || !hasModels} onClick={() => draftCurrentScene(client)} title={heading ? `Draft the action and dialogue of ${heading}` : 'Put the cursor in a scene to draft it'}>
          Draft this scene
        </button>
      </div>
      <p className="drafter-note text-faint" data-testid="drafter-where">
        {st.busy ? (
          <span role="status" data-testid="drafter-busy">
            <span className="spinner" aria-hidden="true" /> Thinking of scenes {where}…
          </span>
        ) : (
          <>
            Suggests {where}.{st.lastMs !== null && <span className="drafter-ms" data-testid="drafter-ms"> Last answer {formatMs(st.lastMs)}{st.lastNote ? ` (${st.lastNote})` : ''}.</span>}
          </>
        )}
      </p>

      {(st.noModel || (st.models !== null && !hasModels)) && (
        <div className="drafter-empty" data-testid="drafter-no-model" role="alert">
          <p>{st.error ?? 'There is no scene model yet. Train one on your scripts: it learns headings, beats and dialogue from them.'}</p>
          <button type="button" className="btn btn-small btn-primary" data-testid="drafter-train" onClick={() => openSceneTrainDialog(projectId)}>
            Train on my scripts…
          </button>
        </div>
      )}
      {st.error && !st.noModel && (
        <p className="field-error" role="alert" data-testid="drafter-error">
          {st.error}
        </p>
      )}

      {st.cards.length > 0 ? (
        <ul className="drafter-cards" data-drafter-cards="" data-testid="drafter-cards" aria-label="Scenes: arrow keys move, Enter accepts, Delete rejects">
          {st.cards.map((c) => (
            <Card key={c.id} card={c} client={client} focused={c.id === focusedId} />
          ))}
        </ul>
      ) : (
        !st.busy &&
        hasModels && <p className="drafter-note text-faint drafter-placeholder">Put the cursor in a scene and ask for the next one: suggestions appear here as cards to accept, draft or reject.</p>
      )}
    </aside>
  );
}
