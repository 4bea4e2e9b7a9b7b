// The scene drafter's actions, shared by its panel and the command registry (Ctrl/Cmd+G, the card
// list's keys): list the scene models, keep the chosen one's session warm while the panel is open
// (on opening, then every minute), ask for next scenes after the scene the cursor is in, draft a
// card's scene or the current one, accept a scene or a draft into the script (one labelled edit:
// one undo step), reject a card. Every accept and reject is recorded (scripts.recordSuggestion);
// a record that fails is not the writer's concern and is let go.
import { EditorView } from '@codemirror/view';
import { StudioError } from '../../../shared/api/errors';
import { maxDraftCharacters } from '../../../shared/api/scripts';
import type { GeneratedSceneSummary } from '../../../shared/api/recommend';
import { headingParts } from '../../../shared/script/scenes';
import type { ScriptOp } from '../../../shared/script/script-ops';
import type { StudioClient } from '../../client/studio-client';
import { editScript, useScriptStore } from '../../stores/script-store';
import { afterSceneOf, findScene, focusAfterRemoval, insertDraftOps, insertSceneOps, primaryAction, sceneDraftRequest, stepCard } from './drafter-logic';
import { cardOf, drafterCardId, initialDrafterState, useDrafterStore, type DrafterCard, type DrafterState } from './drafter-store';
import { remoteChange } from './screenplay-extensions';
import { activeEditorView } from './script-editor';
import { currentIndex, useScriptViewStore } from './script-view-store';

const state = () => useDrafterStore.getState();
const set = (patch: Partial<DrafterState>) => useDrafterStore.setState(patch);
const messageOf = (err: unknown): string => StudioError.from(err).message;
const docId = (): string | null => useScriptStore.getState().docId;

function patchCard(id: string, patch: Partial<DrafterCard>): void {
  set({ cards: state().cards.map((c) => (c.id === id ? { ...c, ...patch } : c)) });
}
const cardById = (id: string | null): DrafterCard | undefined => state().cards.find((c) => c.id === id);

// ---- Opening, models, warm-up ------------------------------------------------------------------

/** The host lets an idle scene session go after a while: it is asked to stay every minute while the panel is open. */
export const warmEveryMs = 60_000;
let warmTimer: ReturnType<typeof setInterval> | null = null;
let stopModelEvents: (() => void) | null = null;

export function openDrafter(client: StudioClient): void {
  if (state().open) return;
  set({ open: true });
  void loadSceneModels(client);
  stopModelEvents?.();
  stopModelEvents = client.on('onModelsChanged', () => void loadSceneModels(client));
  if (warmTimer) clearInterval(warmTimer);
  warmTimer = setInterval(() => void warmScenes(client, true), warmEveryMs);
}

export function closeDrafter(): void {
  stopModelEvents?.();
  stopModelEvents = null;
  if (warmTimer) clearInterval(warmTimer);
  warmTimer = null;
  set({ open: false });
}

export function toggleDrafter(client: StudioClient): void {
  if (state().open) closeDrafter();
  else openDrafter(client);
}

/** Leaving the script: the panel closes and forgets its cards; the settings stay. */
export function resetDrafter(): void {
  closeDrafter();
  const { count, temperature, words, modelId, models } = state();
  useDrafterStore.setState({ ...initialDrafterState(), count, temperature, words, modelId, models });
}

export async function loadSceneModels(client: StudioClient): Promise<void> {
  try {
    const models = (await client.call('models', 'list', { kind: 'scenes' })).filter((m) => m.kind === 'scenes');
    const current = state().modelId;
    const keep = current && models.some((m) => m.id === current) ? current : null;
    const newest = [...models].sort((a, b) => b.createdAt - a.createdAt)[0];
    const modelId = keep ?? models.find((m) => m.origin === 'shipped')?.id ?? newest?.id ?? null;
    set({ models, modelsError: null, modelId, ...(models.length > 0 && state().noModel ? { noModel: false, error: null } : {}) });
    if (models.length === 0) set({ noModel: true, warm: null });
    else if (state().open) void warmScenes(client);
  } catch (err) {
    set({ modelsError: `The scene models could not be listed: ${messageOf(err)}` });
  }
}

export function chooseSceneModel(client: StudioClient, modelId: string): void {
  set({ modelId: modelId || null, warm: null, error: null });
  void warmScenes(client);
}

/** Loads (or keeps loaded) the chosen scene model's session, so the next request does not pay the start. */
export async function warmScenes(client: StudioClient, quiet = false): Promise<void> {
  const { modelId, models } = state();
  if (!models || models.length === 0) return;
  if (!quiet) set({ warm: 'warming' });
  try {
    await client.scripts.warmScenes(modelId ? { model: modelId } : {});
    if (state().modelId === modelId) set({ warm: 'warm' });
  } catch (err) {
    if (state().modelId !== modelId) return;
    if (err instanceof StudioError && err.code === 'not-found') set({ warm: null, noModel: true, error: err.message });
    else if (!quiet) set({ warm: 'failed' });
  }
}

const modelArg = (): { model?: string } => {
  const id = state().modelId;
  return id ? { model: id } : {};
};

// ---- Requests ------------------------------------------------------------------------------------

/** Next scenes after the scene the cursor is in (before the first scene: after the last). */
export async function suggestNext(client: StudioClient): Promise<void> {
  const id = docId();
  if (!id || state().busy) return;
  const scenes = currentIndex().scenes;
  const afterScene = afterSceneOf(scenes, useScriptViewStore.getState().currentScene);
  set({ busy: true, error: null, noModel: false });
  try {
    const answer = await client.scripts.suggestScenes({ id, count: state().count, temperature: state().temperature, ...modelArg(), ...(afterScene !== undefined ? { afterScene } : {}) });
    if (docId() !== id) return;
    const { cards, learntFrom } = await orderByTaste(
      client,
      answer.candidates.map((c, i) => cardOf(c, answer.model.id, i)),
      answer.model.id,
    );
    if (docId() !== id) return;
    const redrawn = answer.candidates.length - answer.validFirst;
    const notes = [redrawn > 0 ? `${redrawn} drawn again${answer.repaired ? `, ${answer.repaired} repaired` : ''}` : null, learntFrom > 0 ? `best first by your taste, from ${learntFrom} accepts and rejects` : null];
    const note = notes.filter(Boolean).join('; ') || null;
    // New suggestions come first; cards still open (accepted ones to draft, drafts to read) stay under them.
    const kept = state().cards.filter((c) => c.status !== 'new' || c.draft);
    set({ busy: false, cards: [...cards, ...kept], focusedId: cards[0]?.id ?? state().focusedId, lastMs: answer.ms, lastNote: note });
  } catch (err) {
    const e = StudioError.from(err);
    set({ busy: false, error: e.message, noModel: e.code === 'not-found' });
    // A chosen model deleted meanwhile: the list is read again.
    if (e.code === 'not-found') void loadSceneModels(client);
  }
}

/**
 * Puts the suggestions the writer is likeliest to accept first (recommend.rankGenerated learns
 * from earlier accepts and rejects); until it has seen enough, or if it fails, the model's order stays.
 */
async function orderByTaste(client: StudioClient, cards: DrafterCard[], model: string): Promise<{ cards: DrafterCard[]; learntFrom: number }> {
  if (cards.length < 2) return { cards, learntFrom: 0 };
  try {
    const { scores, learntFrom } = await client.call('recommend', 'rankGenerated', { modelId: model, scenes: cards.map(sceneSummaryOf) });
    if (!scores) return { cards, learntFrom: 0 };
    const order = cards.map((card, i) => ({ card, score: scores[i] ?? 0, i })).sort((a, b) => b.score - a.score || a.i - b.i);
    return { cards: order.map((x) => x.card), learntFrom };
  } catch {
    return { cards, learntFrom: 0 };
  }
}

/** What a suggested scene is like, for its taste and its history record. */
function sceneSummaryOf(card: DrafterCard): GeneratedSceneSummary {
  const parts = headingParts(card.heading);
  return { intExt: parts.intExt ?? 'INT', time: (parts.time ?? '').slice(0, 40), characters: Math.min(100, card.characters.length), beatWords: Math.min(1000, card.beat.split(/\s+/).filter(Boolean).length) };
}

/** The scene of the script a card stands for now (-1: not in the script). */
function sceneOfCard(card: DrafterCard): number {
  if (card.status === 'new') return -1;
  return findScene(currentIndex().scenes, card.heading, card.at ?? 0);
}

/** Writes a draft of the card's scene. */
export async function draftCard(client: StudioClient, cardId: string): Promise<void> {
  const id = docId();
  const card = cardById(cardId);
  if (!id || !card || card.drafting) return;
  patchCard(cardId, { drafting: true, error: null });
  try {
    const draft = await client.scripts.draftScene({
      id,
      heading: card.heading,
      characters: card.characters.slice(0, maxDraftCharacters),
      beat: card.beat,
      words: state().words,
      temperature: state().temperature,
      ...modelArg(),
    });
    patchCard(cardId, { drafting: false, draft: { fountain: draft.fountain, words: draft.words, ms: draft.ms, model: draft.model.id } });
    set({ lastMs: draft.ms });
  } catch (err) {
    const e = StudioError.from(err);
    patchCard(cardId, { drafting: false, error: e.message });
    if (e.code === 'not-found' && /no scene model/i.test(e.message)) set({ noModel: true });
  }
}

/** A card for the scene the cursor is in, drafted at once ("Draft this scene"). */
export function draftCurrentScene(client: StudioClient): void {
  const index = currentIndex();
  const scene = index.scenes[useScriptViewStore.getState().currentScene];
  if (!scene) {
    set({ error: 'Put the cursor in a scene to draft it.' });
    return;
  }
  const request = sceneDraftRequest(scene, index.characters, maxDraftCharacters);
  const existing = state().cards.find((c) => c.status !== 'new' && c.at === scene.from && c.heading === request.heading);
  const card: DrafterCard = existing ?? { id: drafterCardId(), status: 'scene', ...request, model: null, index: null, at: scene.from, draft: null, drafting: false, error: null };
  if (!existing) set({ cards: [card, ...state().cards] });
  set({ focusedId: card.id, error: null });
  void draftCard(client, card.id);
}

// ---- Accepting and rejecting ---------------------------------------------------------------------

function record(client: StudioClient, kind: 'scene' | 'draft', accepted: boolean, model: string | null, index: number | null, card?: DrafterCard): void {
  const id = docId();
  if (!id || !model) return;
  client.scripts.recordSuggestion({ id, kind, accepted, model, ...(index !== null ? { index } : {}), ...(card ? { scene: sceneSummaryOf(card) } : {}) }).catch(() => undefined);
}

/** One labelled edit of the script, shown in the editor at once and scrolled to. */
function applyEdit(ops: ScriptOp[], label: string, showAt: number): void {
  if (ops.length === 0) return;
  editScript(ops, { label });
  const view = activeEditorView();
  if (!view) return;
  try {
    view.dispatch({ changes: ops.map((op) => ({ from: op.from, to: op.to, insert: op.text })), annotations: remoteChange.of(true) });
    const at = Math.min(showAt, view.state.doc.length);
    view.dispatch({ effects: EditorView.scrollIntoView(at, { y: 'start', yMargin: 48 }) });
  } catch {
    // The editor catches up from the store's text on its next change.
  }
}

/** Puts a suggested scene (heading and beat) after the scene the cursor is in. */
export function acceptCard(client: StudioClient, cardId: string): void {
  const card = cardById(cardId);
  if (!card || card.status !== 'new') return;
  const text = useScriptStore.getState().text;
  const scenes = currentIndex().scenes;
  const after = afterSceneOf(scenes, useScriptViewStore.getState().currentScene);
  const { ops, headingAt } = insertSceneOps(text, scenes, after, { heading: card.heading, beat: card.beat });
  applyEdit(ops, 'Add suggested scene', headingAt);
  patchCard(cardId, { status: 'accepted', at: headingAt, error: null });
  record(client, 'scene', true, card.model, card.index, card);
}

/** Puts a card's draft into the script: under its scene, or (a scene not in the script) as a whole new scene. */
export function acceptDraft(client: StudioClient, cardId: string): void {
  const card = cardById(cardId);
  if (!card?.draft) return;
  const text = useScriptStore.getState().text;
  const scenes = currentIndex().scenes;
  const at = sceneOfCard(card);
  const scene = scenes[at];
  if (scene) {
    applyEdit(insertDraftOps(text, scene, card.draft.fountain), 'Add drafted scene', scene.from);
  } else {
    const after = afterSceneOf(scenes, useScriptViewStore.getState().currentScene);
    const { ops, headingAt } = insertSceneOps(text, scenes, after, { heading: card.heading, beat: card.beat, draft: card.draft.fountain });
    applyEdit(ops, 'Add drafted scene', headingAt);
    if (card.status === 'new') record(client, 'scene', true, card.model, card.index, card);
  }
  record(client, 'draft', true, card.draft.model, null);
  removeCard(cardId);
}

/** Throws away a card's draft (the card stays, to draft again). */
export function discardDraft(client: StudioClient, cardId: string): void {
  const card = cardById(cardId);
  if (!card?.draft) return;
  record(client, 'draft', false, card.draft.model, null);
  patchCard(cardId, { draft: null });
}

/** Removes a card: a suggestion not taken is recorded as rejected, and so is a draft not taken. */
export function rejectCard(client: StudioClient, cardId: string): void {
  const card = cardById(cardId);
  if (!card) return;
  if (card.status === 'new') record(client, 'scene', false, card.model, card.index, card);
  if (card.draft) record(client, 'draft', false, card.draft.model, null);
  removeCard(cardId);
}

function removeCard(cardId: string): void {
  const ids = state().cards.map((c) => c.id);
  const focusedId = focusAfterRemoval(ids, cardId, state().focusedId);
  const hadFocus = cardsFocused();
  set({ cards: state().cards.filter((c) => c.id !== cardId), focusedId });
  if (hadFocus) queueMicrotask(() => focusCardElement(focusedId));
}

// ---- Keyboard ------------------------------------------------------------------------------------

/** Whether a card itself (not a button in it) has the keyboard focus. */
export const cardsFocused = (): boolean =>
  state().open && state().cards.length > 0 && typeof document !== 'undefined' && document.activeElement instanceof HTMLElement && document.activeElement.dataset.drafterCard !== undefined;

/** Whether the focus is inside the open panel (Escape closes it then). */
export const drafterFocused = (): boolean =>
  state().open && typeof document !== 'undefined' && (document.activeElement?.closest('[data-testid="drafter-panel"]') ?? null) !== null;

function focusCardElement(id: string | null): void {
  if (!id) {
    document.querySelector<HTMLElement>('[data-testid="drafter-next"]')?.focus();
    return;
  }
  document.querySelector<HTMLElement>(`[data-drafter-card="${id}"]`)?.focus();
}

export const focusCard = (id: string): void => {
  if (state().focusedId !== id) set({ focusedId: id });
};

export function stepCardFocus(delta: number): void {
  const next = stepCard(
    state().cards.map((c) => c.id),
    state().focusedId,
    delta,
  );
  set({ focusedId: next });
  focusCardElement(next);
}

export const focusedCard = (): DrafterCard | undefined => cardById(state().focusedId) ?? state().cards[0];

/** Enter on a card: accept its draft, accept the scene, or draft it. */
export function runPrimary(client: StudioClient): void {
  const card = focusedCard();
  if (!card) return;
  const action = primaryAction({ status: card.status, draft: card.draft, busy: card.drafting });
  if (action === 'acceptDraft') acceptDraft(client, card.id);
  else if (action === 'accept') acceptCard(client, card.id);
  else if (action === 'draft') void draftCard(client, card.id);
}

export function rejectFocused(client: StudioClient): void {
  const card = focusedCard();
  if (card) rejectCard(client, card.id);
}
