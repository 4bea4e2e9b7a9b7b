// What a scene model does for the scene writer, on a loaded model (scene-model-files.ts):
// propose next scenes (the outline model), draft a scene (the draft model), and measure both on
// held-out units. The model session (session/scene-model-session.ts), the bench and the tests call
// these in-process.
//
// Next scene: the last scenes (up to three) are serialised as an outline chunk, `<scene>` is
// appended and `count` rows are drawn until the next `<scene>`. A row whose scene has no valid
// heading (INT/EXT, location, time) is drawn again (up to three more rounds, new seeds); one still
// invalid is repaired from the scene before it (its INT/EXT and location; DAY). The answer says how
// many were valid at once, drawn again and repaired, so evaluation can report the raw rate.
//
// Draft: the header (INT/EXT, location, time, the scene's characters as slots, the beat) primes
// the draft model; tokens are drawn until `<end>` (not allowed before 70% of the word budget) or
// the word budget (finishing the sentence). With
// `constrainCues` (what the app uses) a cue may only name one of the scene's characters and must be
// followed by a parenthetical or dialogue; evaluation measures the unconstrained model too.
import { writeFountain } from '../../shared/script/fountain-write';
import {
  draftHeaderTokens,
  draftSlot,
  draftToElements,
  maxDraftSlots,
  maxOutlineSlots,
  outlineToCandidate,
  outlineTokens,
  slotIndex,
  specialTokens,
  tokenizeWords,
  type IntExt,
  type OutlineCandidate,
  type SceneSummary,
  type Vocabulary,
} from '../../shared/script/generation/scene-tokens';
import type { LoadedSceneModel } from './scene-model-files';

/** Scenes of context the next-scene model is primed with. */
export const outlineContextScenes = 3;

export interface SuggestOptions {
  count: number;
  temperature: number;
  seed: number;
  /** Every character of the script (keys), most present first: slots past the context's name these. */
  cast?: readonly string[];
  between?: () => Promise<void>;
}

export interface Suggestions {
  candidates: OutlineCandidate[];
  /** Rows valid on their first draw, drawn again, and repaired. */
  validFirst: number;
  resampled: number;
  repaired: number;
}

const ids = (vocabulary: Vocabulary, tokens: readonly string[]): number[] => tokens.filter((t) => vocabulary.has(t)).map((t) => vocabulary.id(t));

export async function suggestScenes(model: LoadedSceneModel, context: readonly SceneSummary[], options: SuggestOptions): Promise<Suggestions> {
  const vocab = model.outlineVocabulary;
  const recent = context.slice(-outlineContextScenes);
  const chunk = outlineTokens(recent, false);
  const names = [...chunk.names];
  for (const c of options.cast ?? []) if (names.length < maxOutlineSlots && !names.includes(c)) names.push(c);
  const primer = vocab.encode([...chunk.tokens, '<scene>']);
  const banned = ids(vocab, ['<pad>', '<unk>', '<bos>', '<body>', '<action>', '<cue>', '<paren>', '<dialogue>', '<locslot>', ...Array.from({ length: maxDraftSlots }, (_, i) => draftSlot(i))]);
  const stop = ids(vocab, ['<scene>', '<end>']);
  const out: (OutlineCandidate | null)[] = new Array(options.count).fill(null);
  let pending = Array.from({ length: options.count }, (_, i) => i);
  let validFirst = 0;
  let resampled = 0;
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    const rows = await model.outline.generate(primer, {
      count: pending.length,
      maxSteps: 48,
      temperature: options.temperature,
      seed: (options.seed + round * 7919) >>> 0,
      banned,
      stop,
      ...(options.between ? { between: options.between } : {}),
    });
    const still: number[] = [];
    rows.forEach((row, k) => {
      const candidate = outlineToCandidate(vocab.decode(row), names);
      const slot = pending[k]!;
      if ('invalid' in candidate) still.push(slot);
      else {
        out[slot] = candidate;
        if (round === 0) validFirst++;
        else resampled++;
      }
    });
    pending = still;
  }
  const last = context[context.length - 1];
  for (const slot of pending) out[slot] = repairCandidate(last ?? null);
  return { candidates: out as OutlineCandidate[], validFirst, resampled, repaired: pending.length };
}

/** A plain valid scene after `last`: same INT/EXT and place, DAY, same people. */
function repairCandidate(last: SceneSummary | null): OutlineCandidate {
  const intExt: IntExt = last?.intExt ?? 'INT';
  const location = (last?.location || 'LOCATION').toUpperCase();
  return { heading: `${intExt === 'INT/EXT' ? 'INT./EXT' : intExt}. ${location} - DAY`, intExt, location, time: 'DAY', characters: [...(last?.characters ?? [])], beat: '' };
}

export interface DraftOptions {
  /** Content words to aim for; the draft ends at the first sentence end after it. */
  words: number;
  temperature: number;
  seed: number;
  /** Cues name only the scene's characters (default true). */
  constrainCues?: boolean;
  /** The scene may not end before this share of `words` is written (default 0.7). */
  minShare?: number;
  /** The draft so far as Fountain, each time an element is finished. */
  onText?: (fountain: string) => void;
  between?: () => Promise<void>;
}

export interface Draft {
  fountain: string;
  /** The drawn tokens (after the header). */
  tokens: string[];
  words: number;
  cues: number;
  knownCues: number;
}


export async function draftScene(model: LoadedSceneModel, scene: Pick<SceneSummary, 'intExt' | 'location' | 'time' | 'beat'>, characters: readonly string[], options: DraftOptions): Promise<Draft> {
  const vocab = model.draftVocabulary;
  const cast = characters.slice(0, maxDraftSlots);
  const header = draftHeaderTokens(scene, cast);
  const primer = vocab.encode(header);
  const constrain = options.constrainCues ?? true;
  const slotIds = ids(vocab, cast.map((_, i) => draftSlot(i)));
  const afterCue = ids(vocab, ['<paren>', '<dialogue>']);
  const cueId = vocab.id('<cue>');
  const firstElement = ids(vocab, ['<action>', '<cue>']);
  const structural = new Set(ids(vocab, ['<action>', '<cue>', '<paren>', '<dialogue>']));
  const contentWord = vocab.tokens.map((t) => /[\p{L}\p{N}]/u.test(t) && !specialTokens.includes(t as never));
  const slotWord = vocab.tokens.map((t) => slotIndex(t, 'c') >= 0 && slotIndex(t, 'c') < cast.length);
  const sentenceEnd = new Set(ids(vocab, ['.', '!', '?']));
  const endId = vocab.id('<end>');
  // Tokens never drawn: padding, unknown words, header and outline tokens, slots past the cast.
  const banned = new Set(ids(vocab, ['<pad>', '<unk>', '<bos>', '<scene>', '<int>', '<ext>', '<intext>', '<loc>', '<time>', '<chars>', '<beat>', '<body>']));
  for (let i = 0; i < vocab.size; i++) {
    const t = vocab.tokens[i]!;
    if (slotIndex(t, 'p') >= 0 || (constrain && slotIndex(t, 'c') >= cast.length)) banned.add(i);
    if (t === '<locslot>' && scene.location.trim() === '') banned.add(i);
  }
  const budget = Math.max(1, options.words);
  const minWords = Math.floor(budget * (options.minShare ?? 0.7));
  // A scene with characters is a scene where they speak: in the app (constrained), once action has
  // run `actionWords` words since the last speech (consecutive action elements read as one
  // paragraph), the next element at a sentence end is a cue — at `actionWords + 15` words in any
  // case — and the first cue comes by a third of the budget.
  const actionId = vocab.id('<action>');
  const actionWords = Math.max(12, Math.min(45, Math.round(budget / 3)));
  const mustSpeak = constrain && cast.length > 0;
  const parenId = vocab.id('<paren>');
  const dialogueId = vocab.id('<dialogue>');
  let element = -1;
  let elementWords = 0;
  let actionRun = 0;
  let cuesSoFar = 0;
  let written = 0;
  let lastEmitted = 0;
  const emit = (drawn: readonly number[]): void => {
    if (!options.onText) return;
    const conv = draftToElements(vocab.decode(drawn), cast, scene.location);
    options.onText(writeFountain({ titlePage: [], elements: conv.elements }));
  };
  const [row] = await model.draft.generate(primer, {
    count: 1,
    maxSteps: Math.round(budget * 2.2) + 40,
    temperature: options.temperature,
    seed: options.seed,
    banned: [...banned],
    stop: [endId],
    // Not before most of the asked words: the corpus' scenes are short, and a writer asking for 200
    // words wants about that many.
    // And in the app, the elements keep their order so that every one reads as meant: a
    // parenthetical leads to its dialogue, a speech has words, and a parenthetical or dialogue
    // never follows action or dialogue on its own (it would read as action).
    forbid: () => {
      const no = written < minWords ? [endId] : [];
      if (constrain) {
        if (element === parenId && elementWords > 0) no.push(actionId, cueId, parenId, endId);
        else if ((element === dialogueId || element === parenId) && elementWords === 0) no.push(actionId, cueId, parenId, dialogueId, endId);
        else if (element === dialogueId) no.push(dialogueId, parenId);
        else if (element === actionId) no.push(parenId, dialogueId);
      }
      return no.length ? no : null;
    },
    allowed: (_, drawn) => {
      if (drawn.length === 0) return firstElement;
      if (!constrain) return null;
      const prev = drawn[drawn.length - 1]!;
      if (prev === cueId) return slotIds;
      if (drawn.length >= 2 && drawn[drawn.length - 2] === cueId) return afterCue;
      if (mustSpeak && element === actionId) {
        const atSentenceEnd = sentenceEnd.has(prev);
        if ((atSentenceEnd && (actionRun >= actionWords || (cuesSoFar === 0 && written >= budget / 3))) || actionRun >= actionWords + 15) return [cueId];
      }
      return null;
    },
    shouldStop: (_, drawn) => {
      const t = drawn[drawn.length - 1]!;
      if (contentWord[t] || slotWord[t]) {
        written++;
        elementWords++;
        if (element === actionId) actionRun++;
      }
      if (structural.has(t)) {
        element = t;
        elementWords = 0;
        if (t === cueId) {
          cuesSoFar++;
          actionRun = 0;
        }
      }
      // Stream when an element is finished.
      if (structural.has(t) && drawn.length - lastEmitted > 1) {
        lastEmitted = drawn.length;
        emit(drawn.slice(0, -1));
      }
      return written >= budget && sentenceEnd.has(t);
    },
    ...(options.between ? { between: options.between } : {}),
  });
  const tokens = vocab.decode(row!);
  const conv = draftToElements(tokens, cast, scene.location);
  const fountain = writeFountain({ titlePage: [], elements: conv.elements });
  options.onText?.(fountain);
  return { fountain, tokens, words: conv.words, cues: conv.cues, knownCues: conv.knownCues };
}

export interface SceneEvaluation {
  /** Held-out teacher-forced figures of each model. */
  outlineLoss: number;
  outlinePerplexity: number;
  outlineAccuracy: number;
  draftLoss: number;
  draftPerplexity: number;
  draftAccuracy: number;
  /** Next-scene proposals from held-out contexts: share with a valid heading on the first draw. */
  validHeadingRate: number;
  /** After drawing again and repairing (the app's answer): always 1 when the repair works. */
  validHeadingRateFinal: number;
  proposals: number;
  /** Drafts from held-out headers, cues unconstrained: share of cues naming the scene's characters. */
  characterConsistency: number;
  cues: number;
  drafts: number;
  /** Distinct unigrams and bigrams over all draft words, divided by the words. */
  distinct1: number;
  distinct2: number;
  /** Mean content words per draft. */
  meanWords: number;
}

/** Splits an outline chunk's tokens into scenes (each from after its `<scene>`). */
function scenesOfChunk(tokens: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const t of tokens) {
    if (t === '<scene>') out.push([]);
    else if (out.length > 0) out[out.length - 1]!.push(t);
  }
  return out.filter((s) => s.length > 0);
}

/**
 * Measures a loaded model on held-out units: perplexities (teacher-forced windows of the model's
 * length), `count` next-scene proposals from held-out contexts and `count` drafts from held-out
 * headers (`words` each).
 */
export async function evaluateSceneModel(
  model: LoadedSceneModel,
  heldOut: { outline: string[][]; draft: string[][] },
  options: { count: number; temperature: number; seed: number; words?: number; between?: () => Promise<void> },
): Promise<SceneEvaluation> {
  const figures = (part: 'outline' | 'draft') => {
    const lm = part === 'outline' ? model.outline : model.draft;
    const vocab = part === 'outline' ? model.outlineVocabulary : model.draftVocabulary;
    const window = model.descriptor[part].window;
    const stream = vocab.encode(heldOut[part].flat());
    const w = window + 1;
    const n = Math.floor(stream.length / w);
    if (n === 0) return { loss: Number.NaN, perplexity: Number.NaN, accuracy: Number.NaN };
    return lm.evaluate(stream.subarray(0, n * w), window);
  };
  const o = figures('outline');
  const d = figures('draft');
  // Proposals: contexts are the first scenes of held-out chunks, as outline tokens; the scenes
  // are summaries re-read from tokens, so the names are the slots themselves.
  let valid = 0;
  let finalValid = 0;
  let proposals = 0;
  const chunks = heldOut.outline.filter((c) => scenesOfChunk(c).length >= 2);
  for (let i = 0; proposals < options.count && chunks.length > 0; i++) {
    const chunk = chunks[i % chunks.length]!;
    const scenes = scenesOfChunk(chunk);
    const context = scenes.slice(0, Math.min(outlineContextScenes, scenes.length - 1));
    const primer = model.outlineVocabulary.encode(['<bos>', ...context.flatMap((s) => ['<scene>', ...s]), '<scene>']);
    const names = Array.from({ length: maxOutlineSlots }, (_, k) => `P${k + 1}`);
    const rows = await model.outline.generate(primer, {
      count: Math.min(4, options.count - proposals),
      maxSteps: 48,
      temperature: options.temperature,
      seed: (options.seed + i * 101) >>> 0,
      banned: ids(model.outlineVocabulary, ['<pad>', '<unk>', '<bos>']),
      stop: ids(model.outlineVocabulary, ['<scene>', '<end>']),
      ...(options.between ? { between: options.between } : {}),
    });
    for (const row of rows) {
      proposals++;
      if (!('invalid' in outlineToCandidate(model.outlineVocabulary.decode(row), names))) valid++;
    }
  }
  // The app's answer (draw again, repair) on a few contexts.
  if (chunks.length > 0) {
    const scenes = scenesOfChunk(chunks[0]!);
    const summaries: SceneSummary[] = scenes.slice(0, -1).map((s) => {
      const c = outlineToCandidate(s, Array.from({ length: maxOutlineSlots }, (_, k) => `P${k + 1}`));
      return 'invalid' in c ? { intExt: 'INT', location: 'ROOM', time: 'DAY', characters: [], beat: '' } : { ...c };
    });
    const s = await suggestScenes(model, summaries, { count: Math.min(8, Math.max(1, options.count)), temperature: options.temperature, seed: options.seed, ...(options.between ? { between: options.between } : {}) });
    finalValid = s.candidates.filter((c) => !('invalid' in outlineToCandidate(tokenizeHeading(c), []))).length / s.candidates.length;
  }
  // Drafts from held-out headers, unconstrained.
  let cues = 0;
  let knownCues = 0;
  let drafts = 0;
  let totalWords = 0;
  const unigrams = new Set<string>();
  const bigrams = new Set<string>();
  let wordCount = 0;
  let bigramCount = 0;
  const headers = heldOut.draft.filter((u) => u.includes('<body>'));
  for (let i = 0; i < options.count && headers.length > 0; i++) {
    const unit = headers[i % headers.length]!;
    const head = unit.slice(unit.indexOf('<bos>') + 1, unit.indexOf('<body>'));
    const parsed = parseDraftHeader(head);
    const draft = await draftScene(model, parsed.scene, parsed.characters, {
      words: options.words ?? 80,
      temperature: options.temperature,
      seed: (options.seed + i * 977) >>> 0,
      constrainCues: false,
      ...(options.between ? { between: options.between } : {}),
    });
    drafts++;
    cues += draft.cues;
    knownCues += draft.knownCues;
    totalWords += draft.words;
    const words = draft.tokens.filter((t) => !t.startsWith('<'));
    words.forEach((w, k) => {
      unigrams.add(w);
      wordCount++;
      if (k > 0) {
        bigrams.add(`${words[k - 1]} ${w}`);
        bigramCount++;
      }
    });
  }
  return {
    outlineLoss: o.loss,
    outlinePerplexity: o.perplexity,
    outlineAccuracy: o.accuracy,
    draftLoss: d.loss,
    draftPerplexity: d.perplexity,
    draftAccuracy: d.accuracy,
    validHeadingRate: proposals > 0 ? valid / proposals : Number.NaN,
    validHeadingRateFinal: finalValid,
    proposals,
    characterConsistency: cues > 0 ? knownCues / cues : Number.NaN,
    cues,
    drafts,
    distinct1: wordCount > 0 ? unigrams.size / wordCount : Number.NaN,
    distinct2: bigramCount > 0 ? bigrams.size / bigramCount : Number.NaN,
    meanWords: drafts > 0 ? totalWords / drafts : Number.NaN,
  };
}

/** A candidate's heading back as outline tokens (to check it the same way a draw is checked). */
function tokenizeHeading(c: OutlineCandidate): string[] {
  const ie = c.intExt === 'INT' ? '<int>' : c.intExt === 'EXT' ? '<ext>' : '<intext>';
  return [ie, '<loc>', ...tokenizeWords(c.location), '<time>', ...tokenizeWords(c.time)];
}

/** A draft header's tokens (between `<bos>` and `<body>`) back to a scene and slot-named characters. */
function parseDraftHeader(tokens: readonly string[]): { scene: SceneSummary; characters: string[] } {
  let intExt: IntExt | null = null;
  const fields: Record<string, string[]> = { '<loc>': [], '<time>': [], '<chars>': [], '<beat>': [] };
  let field: string | null = null;
  for (const t of tokens) {
    if (t === '<int>' || t === '<ext>' || t === '<intext>') intExt = t === '<int>' ? 'INT' : t === '<ext>' ? 'EXT' : 'INT/EXT';
    else if (Object.hasOwn(fields, t)) field = t;
    else if (field) fields[field]!.push(t);
  }
  const chars = fields['<chars>']!.filter((t) => slotIndex(t, 'c') >= 0);
  const characters = chars.map((_, i) => `C${i + 1}`);
  const plain = (ws: string[]): string => ws.filter((w) => !w.startsWith('<')).join(' ');
  return {
    scene: { intExt, location: plain(fields['<loc>']!).toUpperCase(), time: plain(fields['<time>']!).toUpperCase() || null, characters, beat: fields['<beat>']!.map((w) => (slotIndex(w, 'c') >= 0 ? `C${slotIndex(w, 'c') + 1}` : w)).join(' ') },
    characters,
  };
}
