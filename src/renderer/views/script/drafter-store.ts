// The scene drafter's state: whether its panel is open, the scene models and the chosen one, the
// request's settings, what is being waited for, and the cards (suggested next scenes, and the
// current scene when the writer asked for its draft), each with its draft once there is one.
import { create } from 'zustand';
import type { ModelInfo } from '../../../shared/api';
import type { SceneCandidate } from '../../../shared/api/scripts';

export interface DraftPreview {
  fountain: string;
  words: number;
  ms: number;
  /** The model that wrote it (its id). */
  model: string;
}

export interface DrafterCard {
  id: string;
  /** 'new': suggested, not in the script; 'accepted': its heading is in the script; 'scene': a scene of the script to draft. */
  status: 'new' | 'accepted' | 'scene';
  heading: string;
  characters: string[];
  beat: string;
  /** The suggesting model (its id) and the candidate's place in its answer. */
  model: string | null;
  index: number | null;
  /** Where its heading is (or was put) in the script, to find its scene again. */
  at: number | null;
  draft: DraftPreview | null;
  /** A draft is being written. */
  drafting: boolean;
  error: string | null;
}

export type WarmState = 'warming' | 'warm' | 'failed';

export interface DrafterState {
  open: boolean;
  models: ModelInfo[] | null;
  modelsError: string | null;
  /** The chosen scene model (null: the host's default, the newest). */
  modelId: string | null;
  count: number;
  temperature: number;
  words: number;
  warm: WarmState | null;
  /** Asking for next scenes. */
  busy: boolean;
  /** The host's refusal of the last request, in words; `noModel` when there is no scene model to ask. */
  error: string | null;
  noModel: boolean;
  cards: DrafterCard[];
  focusedId: string | null;
  /** How long the last answer took (host's ms). */
  lastMs: number | null;
  /** What the last answer says of the candidates (drawn again or repaired). */
  lastNote: string | null;
}

export const initialDrafterState = (): DrafterState => ({
  open: false,
  models: null,
  modelsError: null,
  modelId: null,
  count: 3,
  temperature: 0.9,
  words: 120,
  warm: null,
  busy: false,
  error: null,
  noModel: false,
  cards: [],
  focusedId: null,
  lastMs: null,
  lastNote: null,
});

export const useDrafterStore = create<DrafterState>()(initialDrafterState);

let nextCard = 0;
export const drafterCardId = (): string => `scene-card-${++nextCard}`;

export function cardOf(candidate: SceneCandidate, model: string, index: number): DrafterCard {
  return {
    id: drafterCardId(),
    status: 'new',
    heading: candidate.heading,
    characters: candidate.characters,
    beat: candidate.beat,
    model,
    index,
    at: null,
    draft: null,
    drafting: false,
    error: null,
  };
}
