// The Generate panel's actions, shared by the panel and the command registry (Ctrl/Cmd+G, and the
// results list's keys): list and warm the models, ask the host for variations, continuations or
// interpolations, audition a result, keep it as a clip (one labelled edit, so one undo step),
// discard it, drop it on a lane. Keep and discard (and each request) are recorded in the history
// (history.record) for recommendations later; a history write that fails is said once, and the
// music is kept all the same.
import { StudioError, type GenerationMode, type HistoryKind, type HistoryPayload, type ModelInfo } from '../../../shared/api';
import { arrangeTrack, clipNotes, ClipRefusal } from '../../../shared/music/clips';
import { newId } from '../../../shared/music/new-id';
import type { NoteSequence, Track } from '../../../shared/music/note-sequence';
import type { StudioClient } from '../../client/studio-client';
import { recordEvent } from '../../lib/record-event';
import { livePlayheadTick, playStop } from '../../audio/transport-actions';
import { editSong, useDocumentsStore } from '../../stores/documents-store';
import { usePlaybackStore, isRunning } from '../../stores/playback-store';
import { selectClip, useSongEditorStore } from '../../stores/song-editor-store';
import { notify } from '../../stores/ui-store';
import { selectedClip } from '../song/clip-actions';
import { cardTicks, clipSummaryOf, tasteOrder, dropBar, focusAfterRemoval, keepOps, keepStart, stepFocus, targetTrack, trackSuits } from './generate-logic';
import { initialGenerateState, useGenerateStore, type ClipRef, type GenCard } from './generate-store';
import type * as AuditionModule from './audition';
import type { GenerationPreset } from '../../../shared/recommend/presets';

const state = () => useGenerateStore.getState();
const set = (patch: Partial<ReturnType<typeof state>>) => useGenerateStore.setState(patch);
const song = (): NoteSequence | null => useDocumentsStore.getState().open?.content ?? null;
const projectId = (): string | undefined => useDocumentsStore.getState().open?.info.projectId;
const messageOf = (err: unknown): string => (err instanceof StudioError || err instanceof Error ? err.message : String(err));

export const selectedModel = (): ModelInfo | null => state().models?.find((m) => m.id === state().modelId) ?? null;

/** The track results of the chosen model go to now. */
export function resultTrack(): Track | null {
  const s = song();
  if (!s) return null;
  return targetTrack(s, selectedModel()?.kind ?? null, state().trackId, useSongEditorStore.getState().trackId);
}

// ---- Opening, models, warm-up -----------------------------------------------------------------

let stopModelEvents: (() => void) | null = null;

let stopSongWatch: (() => void) | null = null;

/**
 * While a song is open the host keeps a model session process started and waiting (no model in
 * it: `generation.prepare`), so the first Generate only loads its model; once the panel has loaded
 * a model, that model is kept loaded instead. Both are asked for again every minute (the host lets
 * an idle one go after two), panel shown or not, until the song closes.
 */
const keepAliveMs = 60_000;
let keepAlive: ReturnType<typeof setInterval> | null = null;

/** The song editor opened: a standby session process now, then the keep-alive until the returned detach. */
/** A generation preset For you offered, to set the panel up with once the song editor opens. */
let pendingPreset: GenerationPreset | null = null;

/** Sets the Generate panel up with `preset` when a song editor next opens (For you's preset cards). */
export function openWithPreset(preset: GenerationPreset): void {
  pendingPreset = preset;
}

function applyPreset(client: StudioClient, preset: GenerationPreset): void {
  set({
    modelId: preset.modelId,
    mode: preset.mode,
    temperature: preset.temperature,
    keyOn: preset.key !== undefined,
    ...(preset.key ? { tonic: preset.key.tonic, scale: preset.key.mode } : {}),
    densityOn: preset.density !== undefined,
    ...(preset.density !== undefined ? { density: preset.density } : {}),
    ...(preset.bars !== undefined ? { bars: preset.bars } : {}),
  });
  openPanel(client);
}

export function attachGeneration(client: StudioClient): () => void {
  if (pendingPreset) {
    applyPreset(client, pendingPreset);
    pendingPreset = null;
  }
  if (keepAlive) clearInterval(keepAlive);
  // A failure here only means the first request starts its process itself; nothing to show.
  const keepWarm = (): void => {
    const { modelId, warm } = state();
    if (modelId && warm[modelId] === 'warm') client.call('generation', 'warm', { modelId }).catch(() => undefined);
    else client.call('generation', 'prepare', {}).catch(() => undefined);
  };
  keepWarm();
  const timer = setInterval(keepWarm, keepAliveMs);
  keepAlive = timer;
  return () => {
    clearInterval(timer);
    if (keepAlive === timer) keepAlive = null;
  };
}

export function openPanel(client: StudioClient): void {
  if (state().open) return;
  // The host unloads a model idle for two minutes: ask again on every opening (a quick answer when loaded).
  set({ open: true, warm: {} });
  void loadModels(client);
  stopModelEvents?.();
  stopModelEvents = client.on('onModelsChanged', () => void loadModels(client));
  // One sound at a time: the song starting to play stops an audition.
  stopSongWatch?.();
  stopSongWatch = usePlaybackStore.subscribe((s) => {
    if (s.status !== 'stopped' && state().playingId) stopPlaying();
  });
}

export function closePanel(): void {
  stopModelEvents?.();
  stopModelEvents = null;
  stopSongWatch?.();
  stopSongWatch = null;
  stopPlaying();
  set({ open: false, draggingId: null });
}

export function togglePanel(client: StudioClient): void {
  if (state().open) closePanel();
  else openPanel(client);
}

/** Leaving the song editor: the panel closes and forgets its results; the model list stays. */
export function resetGenerate(): void {
  closePanel();
  audition?.disposeAudition();
  const { models, modelId, warm } = state();
  useGenerateStore.setState({ ...initialGenerateState(), models, modelId, warm });
}

export async function loadModels(client: StudioClient): Promise<void> {
  try {
    // Music models only: scene models belong to the scene writer's drafter.
    const models = (await client.call('models', 'list', {})).filter((m) => m.kind === 'melody' || m.kind === 'drums');
    const current = state().modelId;
    const keep = current && models.some((m) => m.id === current) ? current : null;
    const first = models.find((m) => m.kind === 'melody' && m.origin === 'shipped') ?? models.find((m) => m.kind === 'melody') ?? models[0];
    const modelId = keep ?? first?.id ?? null;
    set({ models, modelsError: null, modelId });
    if (modelId && state().open) void warmModel(client, modelId);
  } catch (err) {
    set({ modelsError: `The models could not be listed: ${messageOf(err)}` });
  }
}

export function chooseModel(client: StudioClient, modelId: string): void {
  set({ modelId, error: null });
  const kind = state().models?.find((m) => m.id === modelId)?.kind;
  // A drum model takes no key, and only interpolates between drum clips.
  if (kind === 'drums') set({ keyOn: false });
  void warmModel(client, modelId);
}

/** Loads the model's session on the host so the first request is fast; says so while it loads. */
export async function warmModel(client: StudioClient, modelId: string): Promise<void> {
  const w = state().warm[modelId];
  if (w === 'warming' || w === 'warm') return;
  set({ warm: { ...state().warm, [modelId]: 'warming' }, warmError: null });
  try {
    await client.call('generation', 'warm', { modelId });
    set({ warm: { ...state().warm, [modelId]: 'warm' } });
  } catch (err) {
    set({ warm: { ...state().warm, [modelId]: 'failed' }, warmError: messageOf(err) });
  }
}

// ---- Requests -----------------------------------------------------------------------------------

let nextCard = 0;
const cardId = () => `gen-${++nextCard}`;

/** What every result card carries beside its clip and args: a fresh id, the model, the mode, its place and title. */
const cardOf = (model: ModelInfo, mode: GenerationMode, index: number, title: string) => ({ id: cardId(), modelId: model.id, kind: model.kind, mode, index, title });
const stripNotes = (notes: readonly { pitch: number; velocity: number; start: number; duration: number }[]) =>
  notes.slice(0, 10_000).map((n) => ({ pitch: n.pitch, velocity: n.velocity, start: n.start, duration: n.duration }));

/** The notes Continue reads: the chosen clip's, else the selected track's. */
export function continueSource(): { trackId: string; label: string; notes: ReturnType<typeof stripNotes> } | null {
  const s = song();
  if (!s) return null;
  const chosen = selectedClip();
  if (chosen) {
    const track = s.tracks.find((t) => t.id === chosen.trackId);
    const notes = track ? clipNotes(track, chosen.clip) : [];
    if (track && notes.length) return { trackId: track.id, label: `clip “${chosen.clip.auto ? track.name : chosen.clip.name}”`, notes: stripNotes(notes) };
  }
  const track = s.tracks.find((t) => t.id === useSongEditorStore.getState().trackId);
  if (track && track.notes.length) return { trackId: track.id, label: `track “${track.name}”`, notes: stripNotes(track.notes) };
  return null;
}

/** The chosen clip of the arrangement as a reference for Interpolate. */
export function chosenClipRef(): ClipRef | null {
  const s = song();
  const chosen = selectedClip();
  if (!s || !chosen) return null;
  const track = s.tracks.find((t) => t.id === chosen.trackId);
  const bar = s.ppq * 4;
  const name = chosen.clip.auto || !chosen.clip.name ? (track?.name ?? 'clip') : chosen.clip.name;
  return { trackId: chosen.trackId, clipId: chosen.clip.id, label: `${name}, bar ${Math.floor(chosen.clip.start / bar) + 1}` };
}

function refNotes(ref: ClipRef | null): ReturnType<typeof stripNotes> | null {
  const s = song();
  const track = s?.tracks.find((t) => t.id === ref?.trackId);
  const clip = s && track ? arrangeTrack(s, track).find((c) => c.id === ref?.clipId) : undefined;
  if (!track || !clip) return null;
  const notes = clipNotes(track, clip);
  return notes.length ? stripNotes(notes) : null;
}

/** In the background, through the shared recorder (lib/record-event.ts): a failure is said once a session. */
function recordHistory(client: StudioClient, type: HistoryKind, modelId: string | undefined, payload: HistoryPayload): void {
  recordEvent(client, { type, data: payload, projectId: projectId(), item: modelId ? `model:${modelId}` : undefined });
}

/** Runs the panel's request in its mode; results replace the cards. */
export async function runRequest(client: StudioClient): Promise<void> {
  const st = state();
  const model = selectedModel();
  const s = song();
  if (!model || !s || st.busy) return;
  const mode: GenerationMode = st.mode;
  const temperature = Math.round(st.temperature * 100) / 100;
  stopPlaying();
  set({ error: null });
  const started = performance.now();
  try {
    if (mode === 'generate') {
      const key = model.kind === 'melody' && st.keyOn ? { tonic: st.tonic, mode: st.scale } : undefined;
      const conditions = { ...(key ? { key } : {}), ...(st.densityOn ? { density: st.density } : {}) };
      set({ busy: `Generating ${st.count} variation${st.count === 1 ? '' : 's'}…` });
      recordHistory(client, 'generation.requested', model.id, { mode, args: { count: st.count, temperature, ...conditions } });
      const result = await client.call('generation', 'generate', { modelId: model.id, count: st.count, temperature, ...conditions });
      setCards(
        await orderByTaste(
          client,
          result.variations.map((v, i) => ({
            ...v,
            ...cardOf(model, mode, i, `Variation ${i + 1}`),
            args: { count: st.count, temperature, seed: result.seed, ...conditions },
            ...(key ? { key } : {}),
          })),
          temperature,
        ),
        result.ms,
        started,
      );
    } else if (mode === 'continue') {
      const source = continueSource();
      if (!source) throw new StudioError('invalid-argument', 'Choose a clip with notes in the arrangement (or a track with notes) to continue.');
      set({ busy: `Continuing the ${source.label}…` });
      recordHistory(client, 'generation.requested', model.id, { mode, args: { count: st.count, bars: st.bars, temperature, notes: source.notes.length } });
      const result = await client.call('generation', 'continue', { modelId: model.id, notes: source.notes, bars: st.bars, count: st.count, temperature, ppq: s.ppq });
      setCards(
        await orderByTaste(
          client,
          result.variations.map((v, i) => ({
            ...v,
            ...cardOf(model, mode, i, `Continuation ${i + 1}`),
            args: { count: st.count, bars: st.bars, temperature, seed: result.seed },
            continues: { trackId: source.trackId, after: result.after },
          })),
          temperature,
        ),
        result.ms,
        started,
      );
    } else {
      const from = refNotes(st.from);
      const to = refNotes(st.to);
      if (!from || !to) throw new StudioError('invalid-argument', 'Choose two clips with notes: pick one in the arrangement, press “From chosen clip”, then another and “To chosen clip”.');
      set({ busy: `Interpolating in ${st.steps} steps…` });
      recordHistory(client, 'generation.requested', model.id, { mode, args: { steps: st.steps, temperature } });
      const result = await client.call('generation', 'interpolate', { modelId: model.id, from, to, steps: st.steps, temperature, ppq: s.ppq });
      setCards(
        result.clips.map((v, i) => ({
          ...v,
          ...cardOf(model, mode, i, `Step ${i + 1} of ${result.clips.length}`),
          args: { steps: st.steps, temperature, seed: result.seed },
        })),
        result.ms,
        started,
      );
    }
    set({ warm: { ...state().warm, [model.id]: 'warm' } });
  } catch (err) {
    set({ error: messageOf(err) });
  } finally {
    set({ busy: null });
  }
}

function setCards(ranked: GenCard[] | { cards: GenCard[]; note: string | null }, ms: number, started: number): void {
  const { cards, note } = Array.isArray(ranked) ? { cards: ranked, note: null } : ranked;
  set({ cards, tasteNote: note, focusedId: cards[0]?.id ?? null, lastMs: ms, roundTripMs: Math.round(performance.now() - started) });
}

/**
 * Puts the variations the user is likeliest to keep first (recommend.rankGenerated learns from
 * earlier keeps and discards). Until it has seen enough, or if it fails, the model's order stays.
 */
async function orderByTaste(client: StudioClient, cards: GenCard[], temperature: number): Promise<{ cards: GenCard[]; note: string | null }> {
  const first = cards[0];
  if (!first || cards.length < 2) return { cards, note: null };
  try {
    const { scores, learntFrom } = await client.call('recommend', 'rankGenerated', { modelId: first.modelId, clips: cards.map((c) => ({ clip: clipSummaryOf(c), temperature })) });
    if (!scores) return { cards, note: null };
    const ranked = tasteOrder(cards, scores);
    return { cards: ranked, note: `Best first by your taste, learnt from ${learntFrom} keeps and discards` };
  } catch {
    return { cards, note: null };
  }
}

// ---- Cards --------------------------------------------------------------------------------------

export const cardById = (id: string | null): GenCard | null => (id ? (state().cards.find((c) => c.id === id) ?? null) : null);

export function focusCard(id: string | null): void {
  set({ focusedId: id });
}

export function stepCardFocus(delta: number): void {
  const next = stepFocus(
    state().cards.map((c) => c.id),
    state().focusedId,
    delta,
  );
  set({ focusedId: next });
  if (next) document.querySelector<HTMLElement>(`[data-card-id="${next}"]`)?.focus();
}

/** Removes a card from the list, moving the focus to its neighbour. */
function dropCardFromList(id: string): void {
  const ids = state().cards.map((c) => c.id);
  const focusedId = focusAfterRemoval(ids, id, state().focusedId);
  if (state().playingId === id) stopPlaying();
  set({ cards: state().cards.filter((c) => c.id !== id), focusedId });
  if (focusedId) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-card-id="${focusedId}"]`)?.focus());
}

export function discardCard(client: StudioClient, id: string, via: 'button' | 'key'): void {
  const card = cardById(id);
  if (!card) return;
  dropCardFromList(id);
  recordHistory(client, 'generation.discarded', card.modelId, { mode: card.mode, args: card.args, clip: clipSummaryOf(card), index: card.index, via });
}

/**
 * Adds the card as a new clip: on `place` (a drop on a lane), else on the panel's track at the
 * playhead's bar (a continuation right after what it continues), or after the track's last clip.
 */
export async function keepCard(client: StudioClient, id: string, via: 'button' | 'key' | 'drag', place?: { trackId: string; tick: number }): Promise<boolean> {
  const card = cardById(id);
  const s = song();
  if (!card || !s) return false;
  const track = place ? s.tracks.find((t) => t.id === place.trackId) : (card.continues ? s.tracks.find((t) => t.id === card.continues?.trackId) : undefined) ?? resultTrack();
  if (!track) {
    notify(card.kind === 'drums' ? 'Add a drum track to keep drum clips (Add drums, on the left).' : 'Add a track to keep this clip on.');
    return false;
  }
  if (!trackSuits(track, card.kind)) {
    notify(card.kind === 'drums' ? `“${track.name}” is not a drum track: keep drum clips on a drum track.` : `“${track.name}” is a drum track: keep melodies on another track.`);
    return false;
  }
  const duration = cardTicks(s, card.bars);
  const start = place ? dropBar(s, place.tick) : keepStart(s, track, duration, livePlayheadTick(), card.continues?.trackId === track.id ? card.continues.after : undefined);
  let made: { ops: ReturnType<typeof keepOps>['ops']; clip: ReturnType<typeof keepOps>['clip'] };
  try {
    made = keepOps(s, track.id, card, start, `${card.title}`, newId);
  } catch (err) {
    if (err instanceof ClipRefusal) {
      notify(err.message);
      return false;
    }
    throw err;
  }
  const ok = await editSong(client, made.ops, `Keep ${card.title.toLowerCase()}`);
  if (!ok) return false;
  selectClip(track.id, made.clip.id);
  dropCardFromList(id);
  recordHistory(client, 'generation.kept', card.modelId, { mode: card.mode, args: card.args, clip: clipSummaryOf(card), index: card.index, via });
  return true;
}

// ---- Audition -----------------------------------------------------------------------------------

type Audition = typeof AuditionModule;
let audition: Audition | null = null;

export function stopPlaying(): void {
  audition?.stopAudition();
  if (state().playingId) set({ playingId: null, audible: false });
}

export function auditionPosition(): { seconds: number; length: number } | null {
  return audition?.auditionPosition() ?? null;
}

/** Plays the card with the target track's instrument, or stops it when it is the one playing. */
export function togglePlay(id: string): void {
  if (state().playingId === id) {
    stopPlaying();
    return;
  }
  const card = cardById(id);
  const s = song();
  if (!card || !s) return;
  // One sound at a time: the song's playback stops for an audition.
  if (isRunning(usePlaybackStore.getState())) playStop();
  const track = (card.continues ? s.tracks.find((t) => t.id === card.continues?.trackId) : undefined) ?? resultTrack();
  const instrument = track && trackSuits(track, card.kind) ? track : { isDrum: card.kind === 'drums', program: 0, volume: 0.8 };
  set({ playingId: id, focusedId: id, audible: false });
  void import('./audition')
    .then(async (m) => {
      audition = m;
      if (state().playingId !== id) return;
      const started = await m.audition({
        notes: card.notes,
        ppq: 480,
        bpm: s.tempos[0]?.bpm ?? 120,
        lengthTicks: card.bars * 4 * 480,
        track: instrument,
        onEnd: () => {
          if (state().playingId === id) set({ playingId: null, audible: false });
        },
      });
      if (started && state().playingId === id) set({ audible: true });
    })
    .catch((err: unknown) => {
      if (state().playingId === id) set({ playingId: null });
      notify(`Audio could not start: ${messageOf(err)}`);
    });
}

// ---- Drag onto a lane ---------------------------------------------------------------------------

export function startDrag(id: string): void {
  set({ draggingId: id });
}

export function endDrag(): void {
  set({ draggingId: null });
}

/** The length in song ticks of the card being dragged, and its kind, or null when none is. */
export function draggedCard(): { ticks: number; kind: GenCard['kind'] } | null {
  const card = cardById(state().draggingId);
  const s = song();
  return card && s ? { ticks: cardTicks(s, card.bars), kind: card.kind } : null;
}

/** A card dropped on a lane: kept there, at the bar under the pointer. */
export function dropDragged(client: StudioClient, trackId: string, tick: number): void {
  const id = state().draggingId;
  set({ draggingId: null });
  if (id) void keepCard(client, id, 'drag', { trackId, tick });
}

// ---- Keys (the command registry) ----------------------------------------------------------------

/** Whether the results list has the keyboard focus (its keys apply only then). */
export const cardsFocused = (): boolean =>
  state().open && state().cards.length > 0 && typeof document !== 'undefined' && (document.activeElement?.closest('[data-generate-cards]') ?? null) !== null;

/** Whether the keyboard focus is inside the open panel (Escape closes it then). */
export const panelFocused = (): boolean =>
  state().open && typeof document !== 'undefined' && (document.activeElement?.closest('[data-testid="generate-panel"]') ?? null) !== null;

export function focusedCardId(): string | null {
  return cardById(state().focusedId)?.id ?? state().cards[0]?.id ?? null;
}
