// The Generate panel of the song editor (toggle: the toolbar's Generate button or Ctrl/Cmd+G):
// a model (shipped or trained, by name and origin), a mode (Generate variations, Continue the
// chosen clip or track, Interpolate between two clips) with its settings, a progress line while
// the host works, the host's errors in words, and the results as cards to audition, keep, discard
// or drag onto a lane. Opening it warms the chosen model on the host so the first request is fast.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { generationModes, type GenerationMode, type ModelInfo } from '../../../shared/api';
import type { NoteSequence } from '../../../shared/music/note-sequence';
import { useStudioClient } from '../../client/client-context';
import { useSongEditorStore } from '../../stores/song-editor-store';
import { chooseModel, chosenClipRef, closePanel, continueSource, runRequest, warmModel } from './generate-actions';
import { targetTrack, tonicNames, trackSuits } from './generate-logic';
import { useGenerateStore } from './generate-store';
import { ResultCard } from './result-card';
import './generate.css';

const modeLabels: Record<GenerationMode, string> = { generate: 'Generate', continue: 'Continue', interpolate: 'Interpolate' };

const modelLabel = (m: ModelInfo) => `${m.name} (${m.kind === 'drums' ? 'drums' : 'melody'})`;
const bars = (m: ModelInfo) => Math.max(1, Math.round(m.steps / 16));
/** The line under the picker: kind, length, where it came from, what it learnt from. */
const modelDetails = (m: ModelInfo) =>
  [
    `${m.kind === 'drums' ? 'Drum' : 'Melody'} model, ${bars(m)} bar${bars(m) === 1 ? '' : 's'}`,
    m.origin === 'shipped' ? 'came with Montage' : 'trained here',
    m.data.examples ? `learnt from ${m.data.examples.toLocaleString('en-US')} examples` : null,
  ]
    .filter(Boolean)
    .join(' · ');

/** One end of an interpolation: the clip picked for it, and a button that picks the one chosen in the arrangement. */
function ClipPick({ end, label, clipLabel, disabled }: { end: 'from' | 'to'; label: string; clipLabel: string | undefined; disabled: boolean }) {
  return (
    <div className="gen-field gen-clip-pick">
      <span>{label}</span>
      <span className="gen-clip-name" data-testid={`gen-${end}`}>{clipLabel ?? 'no clip yet'}</span>
      <button type="button" className="btn btn-small" disabled={disabled} data-testid={`gen-set-${end}`} onClick={() => useGenerateStore.setState({ [end]: chosenClipRef() })} title="Use the clip chosen in the arrangement">
        Chosen clip
      </button>
    </div>
  );
}

export function GeneratePanel({ song }: { song: NoteSequence }) {
  const client = useStudioClient();
  const st = useGenerateStore(
    useShallow((s) => ({
      models: s.models,
      modelsError: s.modelsError,
      modelId: s.modelId,
      mode: s.mode,
      count: s.count,
      temperature: s.temperature,
      keyOn: s.keyOn,
      tonic: s.tonic,
      scale: s.scale,
      densityOn: s.densityOn,
      density: s.density,
      bars: s.bars,
      steps: s.steps,
      from: s.from,
      to: s.to,
      trackId: s.trackId,
      warm: s.warm,
      warmError: s.warmError,
      busy: s.busy,
      error: s.error,
      cards: s.cards,
      focusedId: s.focusedId,
      playingId: s.playingId,
      audible: s.audible,
      lastMs: s.lastMs,
      roundTripMs: s.roundTripMs,
      tasteNote: s.tasteNote,
    })),
  );
  const selectedTrackId = useSongEditorStore((s) => s.trackId);
  // Re-render when the chosen clip changes (Continue and Interpolate name it).
  const clipId = useSongEditorStore((s) => s.clipId);
  const model = st.models?.find((m) => m.id === st.modelId) ?? null;
  const warm = model ? st.warm[model.id] : undefined;
  const target = targetTrack(song, model?.kind ?? null, st.trackId, selectedTrackId);
  const set = useGenerateStore.setState;
  const source = st.mode === 'continue' ? continueSource() : null;
  const chosen = clipId ? chosenClipRef() : null;

  // Results of another model kind would land on an unsuitable track: the panel's choice follows.
  useEffect(() => {
    if (st.trackId && model && !song.tracks.some((t) => t.id === st.trackId && trackSuits(t, model.kind))) set({ trackId: null });
  }, [st.trackId, model, song.tracks, set]);

  const canRun =
    !!model &&
    !st.busy &&
    (st.mode === 'generate' || (st.mode === 'continue' ? source !== null : st.from !== null && st.to !== null));

  return (
    <aside className="generate-panel" data-testid="generate-panel" aria-label="Generate music" data-last-ms={st.lastMs ?? ''} data-round-trip-ms={st.roundTripMs ?? ''} data-warm={warm ?? 'cold'}>
      <header className="gen-head">
        <h2 className="panel-title">Generate</h2>
        <button type="button" className="btn btn-small btn-ghost" data-testid="generate-close" title="Close the panel (Ctrl/Cmd+G)" onClick={() => closePanel()}>
          ✕
        </button>
      </header>

      <label className="gen-field">
        <span>Model</span>
        <select
          className="input input-small"
          data-testid="gen-model"
          value={st.modelId ?? ''}
          disabled={!st.models?.length}
          onChange={(e) => chooseModel(client, e.target.value)}
        >
          {!st.models?.length && <option value="">{st.models ? 'No models yet' : 'Loading models…'}</option>}
          {st.models?.map((m) => (
            <option key={m.id} value={m.id}>
              {modelLabel(m)}
            </option>
          ))}
        </select>
      </label>
      {model && (
        <p className="gen-note text-dim" data-testid="gen-model-details">
          {modelDetails(model)}
        </p>
      )}
      {st.modelsError && (
        <p className="gen-error" role="alert">
          {st.modelsError}
        </p>
      )}
      {st.models && st.models.length === 0 && <p className="gen-note text-dim">No music models yet. The models that come with Montage are being installed; they appear here in a moment.</p>}
      {model && (
        <p className={`gen-status gen-status-${warm ?? 'cold'}`} data-testid="gen-warm" aria-live="polite">
          {warm === 'warming' && 'The model is warming up (loading it once, so each request is quick)…'}
          {warm === 'warm' && 'Model ready.'}
          {warm === 'failed' && (
            <>
              <span role="alert">{st.warmError ?? 'The model could not be loaded.'}</span>{' '}
              <button type="button" className="link-button" onClick={() => void warmModel(client, model.id)}>
                Try again
              </button>
            </>
          )}
          {!warm && 'Not loaded yet: the first request loads it.'}
        </p>
      )}

      <div className="gen-tabs" role="tablist" aria-label="What to make">
        {generationModes.map((m) => (
          <button key={m} type="button" role="tab" aria-selected={st.mode === m} className={`gen-tab${st.mode === m ? ' is-on' : ''}`} data-testid={`gen-mode-${m}`} onClick={() => set({ mode: m, error: null })}>
            {modeLabels[m]}
          </button>
        ))}
      </div>

      <div className="gen-form" role="tabpanel">
        {st.mode !== 'interpolate' && (
          <label className="gen-field">
            <span>{st.mode === 'continue' ? 'Continuations' : 'Variations'}</span>
            <input className="input input-small gen-number" type="number" min={1} max={16} data-testid="gen-count" value={st.count} onChange={(e) => set({ count: Math.min(16, Math.max(1, Math.round(Number(e.target.value) || 1))) })} />
          </label>
        )}
        {st.mode === 'continue' && (
          <>
            <label className="gen-field">
              <span>Bars to add</span>
              <input className="input input-small gen-number" type="number" min={1} max={16} data-testid="gen-bars" value={st.bars} onChange={(e) => set({ bars: Math.min(16, Math.max(1, Math.round(Number(e.target.value) || 1))) })} />
            </label>
            <p className="gen-note text-dim" data-testid="gen-source">
              {source ? `Continues the ${source.label} (${source.notes.length} notes).` : 'Choose a clip with notes in the arrangement, or a track with notes, to continue.'}
            </p>
          </>
        )}
        {st.mode === 'interpolate' && (
          <>
            <ClipPick end="from" label="From" clipLabel={st.from?.label} disabled={!chosen} />
            <ClipPick end="to" label="To" clipLabel={st.to?.label} disabled={!chosen} />
            <label className="gen-field">
              <span>Steps</span>
              <input className="input input-small gen-number" type="number" min={2} max={16} data-testid="gen-steps" value={st.steps} onChange={(e) => set({ steps: Math.min(16, Math.max(2, Math.round(Number(e.target.value) || 2))) })} />
            </label>
          </>
        )}
        <label className="gen-field">
          <span>Temperature</span>
          <input type="range" min={0} max={2} step={0.05} data-testid="gen-temperature" value={st.temperature} onChange={(e) => set({ temperature: Number(e.target.value) })} aria-valuetext={`${st.temperature.toFixed(2)}: ${st.temperature < 0.6 ? 'safe' : st.temperature > 1.3 ? 'wild' : 'balanced'}`} />
          <output className="gen-value">{st.temperature.toFixed(2)}</output>
        </label>
        {st.mode === 'generate' && model?.kind === 'melody' && (
          <div className="gen-field">
            <label className="gen-check">
              <input type="checkbox" checked={st.keyOn} data-testid="gen-key-on" onChange={(e) => set({ keyOn: e.target.checked })} />
              Key
            </label>
            <select className="input input-small" aria-label="Tonic" data-testid="gen-tonic" disabled={!st.keyOn} value={st.tonic} onChange={(e) => set({ tonic: Number(e.target.value) })}>
              {tonicNames.map((n, i) => (
                <option key={n} value={i}>
                  {n}
                </option>
              ))}
            </select>
            <select className="input input-small" aria-label="Mode" data-testid="gen-scale" disabled={!st.keyOn} value={st.scale} onChange={(e) => set({ scale: e.target.value as 'major' | 'minor' })}>
              <option value="major">major</option>
              <option value="minor">minor</option>
            </select>
          </div>
        )}
        {st.mode === 'generate' && (
          <div className="gen-field">
            <label className="gen-check">
              <input type="checkbox" checked={st.densityOn} data-testid="gen-density-on" onChange={(e) => set({ densityOn: e.target.checked })} />
              Density
            </label>
            <input type="range" min={1} max={model?.kind === 'drums' ? 32 : 16} step={0.5} disabled={!st.densityOn} data-testid="gen-density" value={st.density} onChange={(e) => set({ density: Number(e.target.value) })} aria-label="Notes per bar" />
            <output className="gen-value">{st.density}/bar</output>
          </div>
        )}
        <label className="gen-field">
          <span>Keep on</span>
          <select className="input input-small" data-testid="gen-track" value={target?.id ?? ''} onChange={(e) => set({ trackId: e.target.value || null })}>
            {!target && <option value="">{model?.kind === 'drums' ? 'no drum track — add one' : 'no track'}</option>}
            {song.tracks
              .filter((t) => !model || trackSuits(t, model.kind))
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name || 'Track'}
                </option>
              ))}
          </select>
        </label>
        <div className="gen-run">
          <button type="button" className="btn btn-primary" data-testid="gen-run" disabled={!canRun} onClick={() => void runRequest(client)}>
            {modeLabels[st.mode]}
          </button>
          {st.busy && (
            <span className="gen-busy" data-testid="gen-busy" role="status">
              <span className="spinner" aria-hidden="true" /> {st.busy}
            </span>
          )}
          {!st.busy && st.lastMs !== null && st.cards.length > 0 && <span className="text-faint gen-ms">{st.lastMs} ms</span>}
        </div>
        {!st.busy && st.tasteNote && st.cards.length > 0 && (
          <p className="text-faint gen-taste" data-testid="gen-taste">
            {st.tasteNote}
          </p>
        )}
        {st.error && (
          <p className="gen-error" role="alert" data-testid="gen-error">
            {st.error}
          </p>
        )}
      </div>

      {st.cards.length > 0 ? (
        <ul className="gen-cards" data-generate-cards="" data-testid="gen-cards" aria-label="Results: arrow keys move, Space plays, K keeps, D discards">
          {st.cards.map((c) => (
            <ResultCard key={c.id} card={c} client={client} focused={c.id === (st.focusedId ?? st.cards[0]?.id)} playing={st.playingId === c.id} audible={st.audible} />
          ))}
        </ul>
      ) : (
        !st.busy && <p className="gen-note text-faint gen-empty">Results appear here as cards: play each, keep it as a clip, or drag it onto a lane.</p>
      )}
    </aside>
  );
}
