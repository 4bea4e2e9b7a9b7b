// Scripts service contract: screenplays, the second kind of document. A script is stored as
// Fountain text and edited with typed text replacements (ScriptOp), applied by the host with the
// same machinery as songs: one transaction per edit, host-side undo/redo shared by every window,
// and `onScriptChanged` {docId, rev, ops} sent only to the clients that opened it. Listing,
// renaming and deleting go through the documents service, which lists both kinds.
import { z } from 'zod';
import { maxScriptChars, type ScriptContent } from '../script/script';
import { scriptOpSchema } from '../script/script-ops';
import type { ScriptReport } from '../script/report';

export type { ReportCharacter, ReportLocation, ReportScene, ScriptReport } from '../script/report';
import { documentId, documentName, type DocumentInfo, type EditResult, type HistoryState } from './documents';
import { projectId } from './projects';
import { generatedSceneSummary } from './recommend';

/** Largest script file accepted for import, in bytes (a 120-page script is ~250 KB). */
export const maxScriptFileBytes = 3 * 1024 * 1024;

export const scriptFormats = ['fountain', 'fdx'] as const;
export type ScriptFormat = (typeof scriptFormats)[number];
export const scriptExportFormats = ['fountain', 'fdx', 'pdf'] as const;
export type ScriptExportFormat = (typeof scriptExportFormats)[number];
export const paperSizes = ['letter', 'a4'] as const;
export type PaperSize = (typeof paperSizes)[number];

export interface OpenedScript {
  info: DocumentInfo;
  content: ScriptContent;
  history: HistoryState;
}

export interface ScriptImportSummary {
  document: DocumentInfo;
  scenes: number;
  /** Pages as the PDF export lays them out on US Letter. */
  pages: number;
}

export interface ScriptExport {
  /** A file name for the export, e.g. "Brick & Steel.pdf". */
  fileName: string;
  mime: string;
  /** The file, base64-encoded. */
  data: string;
  /** Pages, for PDF. */
  pages?: number;
}

const base64File = z.string().min(1).max(Math.ceil(maxScriptFileBytes / 3) * 4 + 4);

/** Scene candidates one request may ask for, and characters a draft knows. */
export const maxSceneCandidates = 8;
export const maxDraftCharacters = 8;
const sceneTemperature = z.number().min(0, 'Temperature is at least 0.').max(2, 'Temperature is at most 2.').default(0.9);
/** A model's name or id. */
const sceneModelRef = z.string().trim().min(1).max(200);

export const scriptsArgs = {
  create: z.object({ projectId, name: documentName, fountain: z.string().max(maxScriptChars).optional() }).strict(),
  /** A .fountain or .fdx file, base64-encoded (its encoding is detected), becomes a new script of the project. */
  importFile: z.object({ projectId, name: documentName.optional(), format: z.enum(scriptFormats), data: base64File }).strict(),
  open: z.object({ id: documentId }).strict(),
  close: z.object({ id: documentId }).strict(),
  edit: z
    .object({
      id: documentId,
      baseRev: z.number().int().min(0),
      ops: z.array(scriptOpSchema).min(1).max(1000),
      /** Edits with the same group id in a row are one undo step (a burst of typing, one card drag). */
      group: z.string().min(1).max(64).optional(),
      label: z.string().min(1).max(80),
      /** The client's own id for the edit, returned in its onScriptChanged event so the client knows its echo. */
      editId: z.string().min(1).max(64).optional(),
    })
    .strict(),
  undo: z.object({ id: documentId }).strict(),
  redo: z.object({ id: documentId }).strict(),
  export: z
    .object({
      id: documentId,
      format: z.enum(scriptExportFormats),
      paper: z.enum(paperSizes).default('letter'),
      sceneNumbers: z.boolean().default(false),
    })
    .strict(),
  report: z.object({ id: documentId, paper: z.enum(paperSizes).default('letter') }).strict(),
  /** Next-scene candidates from a scene model (src/main/services/scene-generation-service.ts). */
  suggestScenes: z
    .object({
      id: documentId,
      count: z.number().int().min(1, 'Ask for at least 1 scene.').max(maxSceneCandidates, `Ask for at most ${maxSceneCandidates} scenes.`).default(4),
      temperature: sceneTemperature,
      /** A scene model's name or id (default: the newest scene model). */
      model: sceneModelRef.optional(),
      /** Propose what follows this scene (0-based); default: after the last scene. */
      afterScene: z.number().int().min(0).max(100_000).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
  /** A scene's action and dialogue from its heading, characters and beat, as Fountain. */
  draftScene: z
    .object({
      id: documentId,
      heading: z.string().trim().min(1, 'A scene needs a heading.').max(300),
      characters: z.array(z.string().trim().min(1).max(100)).max(maxDraftCharacters, `A draft knows at most ${maxDraftCharacters} characters.`).default([]),
      beat: z.string().max(2000).default(''),
      words: z.number().int().min(20, 'Ask for at least 20 words.').max(400, 'Ask for at most 400 words.').default(120),
      temperature: sceneTemperature,
      model: sceneModelRef.optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
  /** Records what the writer did with a suggestion (for recommendations later; nothing leaves the machine). */
  recordSuggestion: z
    .object({
      id: documentId,
      kind: z.enum(['scene', 'draft']),
      accepted: z.boolean(),
      /** The model that made it (its id, as the suggestion answered). */
      model: z.string().min(1).max(200),
      /** Which candidate (0-based), for scenes. */
      index: z.number().int().min(0).max(100).optional(),
      /** What the suggested scene was like (for scenes), so later suggestions can be ordered by taste. */
      scene: generatedSceneSummary().optional(),
    })
    .strict(),
  /**
   * Loads the scene model's session now (or starts its idle time again), so the next suggestion
   * or draft does not pay the start: the scene writer calls it when the drafter opens and then
   * every minute while it is open.
   */
  warmScenes: z.object({ model: sceneModelRef.optional() }).strict(),
  /** Held-out figures of a scene model (`montage eval scenes`). */
  evaluateScenes: z
    .object({
      model: sceneModelRef.optional(),
      count: z.number().int().min(1).max(512).default(32),
      temperature: z.number().min(0).max(2).default(0.8),
      words: z.number().int().min(10).max(400).default(80),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
};

/** A proposed next scene. */
export interface SceneCandidate {
  /** A valid heading, e.g. "INT. KITCHEN - NIGHT". */
  heading: string;
  intExt: 'INT' | 'EXT' | 'INT/EXT';
  location: string;
  time: string;
  /** Character keys (as cues name them) of the script. */
  characters: string[];
  /** One line of what happens ('' when the model wrote none). */
  beat: string;
}

export interface SceneModelRef {
  id: string;
  name: string;
}

export interface SceneSuggestions {
  model: SceneModelRef;
  candidates: SceneCandidate[];
  /** Candidates valid on the model's first draw; the others were drawn again or repaired. */
  validFirst: number;
  repaired: number;
  seed: number;
  ms: number;
}

export interface SceneDraft {
  model: SceneModelRef;
  /** Action, cues, parentheticals and dialogue (no heading), as Fountain. */
  fountain: string;
  words: number;
  seed: number;
  ms: number;
}

export interface SceneModelEvaluation {
  model: SceneModelRef;
  /** Held-out perplexities, valid-heading rate, character consistency, distinct-1/2 (src/workers/models/scene-generate.ts SceneEvaluation). */
  metrics: Record<string, number | null>;
  /** Whether the model folder keeps held-out scenes (trained models and the shipped one do). */
  heldOut: boolean;
  count: number;
  temperature: number;
  seed: number;
  ms: number;
}

export interface ScriptsService {
  create(args: z.input<typeof scriptsArgs.create>): Promise<DocumentInfo>;
  importFile(args: z.input<typeof scriptsArgs.importFile>): Promise<ScriptImportSummary>;
  /** Returns the script and subscribes the calling client to its onScriptChanged events. */
  open(args: z.input<typeof scriptsArgs.open>): Promise<OpenedScript>;
  close(args: z.input<typeof scriptsArgs.close>): Promise<{ id: DocumentInfo['id'] }>;
  /** Applies the ops in one transaction; an edit based on an older revision is rebased, or refused with 'conflict' when it overlaps what changed. */
  edit(args: z.input<typeof scriptsArgs.edit>): Promise<EditResult>;
  undo(args: z.input<typeof scriptsArgs.undo>): Promise<EditResult>;
  redo(args: z.input<typeof scriptsArgs.redo>): Promise<EditResult>;
  export(args: z.input<typeof scriptsArgs.export>): Promise<ScriptExport>;
  report(args: z.input<typeof scriptsArgs.report>): Promise<ScriptReport>;
  /**
   * `count` next scenes after `afterScene` (default: the last scene), each with a valid heading,
   * its characters (of the script) and a one-line beat. 'not-found' when there is no scene model;
   * 'invalid-argument' for a music model.
   */
  suggestScenes(args: z.input<typeof scriptsArgs.suggestScenes>): Promise<SceneSuggestions>;
  /** A draft of a scene's action and dialogue, as Fountain whose cues are the given characters. */
  draftScene(args: z.input<typeof scriptsArgs.draftScene>): Promise<SceneDraft>;
  /** Records that a suggested scene or draft was accepted or rejected (the history service). */
  recordSuggestion(args: z.input<typeof scriptsArgs.recordSuggestion>): Promise<{ recorded: true }>;
  /** Held-out figures of a scene model. */
  evaluateScenes(args: z.input<typeof scriptsArgs.evaluateScenes>): Promise<SceneModelEvaluation>;
  /** Keeps the scene model's session warm; `loaded` when this call had to load it. */
  warmScenes(args: z.input<typeof scriptsArgs.warmScenes>): Promise<{ model: SceneModelRef; loaded: boolean; ms: number }>;
}
