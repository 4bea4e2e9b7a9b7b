// The Generate panel's state: open or not, the models, the chosen model and mode with their
// settings, the model's warm-up, the request in flight, its error, and the results as cards (which
// one has the focus, which one plays, which one is being dragged). The actions that change it and
// call the host are in generate-actions.ts, shared by the panel and the command registry.
import { create } from 'zustand';
import type { GeneratedClip, GenerationMode, HistoryPayload, ModelInfo, ModelKind } from '../../../shared/api';

export interface GenCard extends GeneratedClip {
  id: string;
  modelId: string;
  kind: ModelKind;
  mode: GenerationMode;
  /** Which result of its request (0-based). */
  index: number;
  title: string;
  /** The arguments asked, for the history. */
  args: NonNullable<HistoryPayload['args']>;
  /** Predicted chance of a keep, from earlier keeps and discards (absent until enough were seen). */
  taste?: number;
  /** The key asked, for the figures. */
  key?: { tonic: number; mode: 'major' | 'minor' };
  /** A continuation: the track it continues and the tick right after what it continues. */
  continues?: { trackId: string; after: number };
}

export interface ClipRef {
  trackId: string;
  clipId: string;
  /** As shown when it was chosen. */
  label: string;
}

export type WarmState = 'warming' | 'warm' | 'failed';

export interface GenerateState {
  open: boolean;
  models: ModelInfo[] | null;
  modelsError: string | null;
  modelId: string | null;
  mode: GenerationMode;
  count: number;
  temperature: number;
  keyOn: boolean;
  tonic: number;
  scale: 'major' | 'minor';
  densityOn: boolean;
  density: number;
  /** Continue: bars to add. */
  bars: number;
  /** Interpolate: clips from and to, and the number of results. */
  from: ClipRef | null;
  to: ClipRef | null;
  steps: number;
  /** The track results go to; null: the selected one (or the first that suits the model). */
  trackId: string | null;
  warm: Record<string, WarmState>;
  warmError: string | null;
  /** What is in flight ("Generating 4 variations…"), or null. */
  busy: string | null;
  error: string | null;
  cards: GenCard[];
  focusedId: string | null;
  playingId: string | null;
  /** The playing card is heard (false while Tone.js or the piano samples still load). */
  audible: boolean;
  draggingId: string | null;
  /** The host's time for the last request, and whether the model was warm for it. */
  lastMs: number | null;
  /** The same request as the page timed it (the link's round trip included). */
  roundTripMs: number | null;
  /** Said above the cards when they are ordered by predicted taste. */
  tasteNote: string | null;
}

export const initialGenerateState = (): GenerateState => ({
  open: false,
  models: null,
  modelsError: null,
  modelId: null,
  mode: 'generate',
  count: 4,
  temperature: 1,
  keyOn: false,
  tonic: 0,
  scale: 'major',
  densityOn: false,
  density: 6,
  bars: 2,
  from: null,
  to: null,
  steps: 5,
  trackId: null,
  warm: {},
  warmError: null,
  busy: null,
  error: null,
  cards: [],
  focusedId: null,
  playingId: null,
  audible: false,
  draggingId: null,
  lastMs: null,
  roundTripMs: null,
  tasteNote: null,
});

export const useGenerateStore = create<GenerateState>()(() => initialGenerateState());
