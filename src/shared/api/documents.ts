// Documents service contract: the songs (and, next, scripts) of a project, owned by the host.
// Every change is a typed operation (SongOp) applied by the host, which keeps its inverse for
// undo/redo and persists each edit in one transaction (an append-only log plus snapshots). A
// client that opens a document receives `onDocumentChanged` {docId, rev, ops} for it, and only for
// the documents it opened.
import { z } from 'zod';
import type { DocumentId, ProjectId } from '../ids';
import { noteSequenceSchema, type NoteSequence } from '../music/note-sequence';
import { songOpSchema } from '../music/song-ops';
import { projectId } from './projects';

export const documentKinds = ['song', 'script'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Largest MIDI file accepted (the 1 MB files fit; a 20 MB one is refused clearly). */
export const maxMidiBytes = 4 * 1024 * 1024;

export interface DocumentInfo {
  id: DocumentId;
  projectId: ProjectId;
  kind: DocumentKind;
  name: string;
  /** Revision: 0 when created, +1 per applied edit, undo or redo. */
  rev: number;
  createdAt: number;
  updatedAt: number;
}

/** What `open` returns: the content at `info.rev` and the undo/redo state. */
export interface OpenedDocument {
  info: DocumentInfo;
  content: NoteSequence;
  history: HistoryState;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo would undo, e.g. "Move 3 notes". */
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface EditResult {
  rev: number;
  history: HistoryState;
  /** True when the edit was based on an older revision and applied on top of the newer one. */
  rebased: boolean;
}

export interface ImportSummary {
  document: DocumentInfo;
  tracks: number;
  notes: number;
  durationSeconds: number;
}

export const documentId = z.string().uuid('Not a valid document id.').transform((s) => s as DocumentId);
export const documentName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'A song needs a name.').max(120, 'Song names are at most 120 characters.'));

export const documentsArgs = {
  list: z.object({ projectId }).strict(),
  create: z.object({ projectId, kind: z.enum(documentKinds), name: documentName, content: noteSequenceSchema.optional() }).strict(),
  /** A MIDI file, base64-encoded, becomes a new song of the project. */
  importMidi: z
    .object({ projectId, name: documentName.optional(), data: z.string().min(1).max(Math.ceil(maxMidiBytes / 3) * 4 + 4) })
    .strict(),
  /** A MIDI import is coming (a file is dragged over the window): the host gets its reader ready. */
  prepareImport: z.object({}).strict(),
  /** The song as a Standard MIDI File, base64-encoded. */
  exportMidi: z.object({ id: documentId }).strict(),
  open: z.object({ id: documentId }).strict(),
  close: z.object({ id: documentId }).strict(),
  edit: z
    .object({
      id: documentId,
      /** The revision the client saw when it made the edit. */
      baseRev: z.number().int().min(0),
      ops: z.array(songOpSchema).min(1).max(1000),
      /** Edits with the same group id in a row are one undo step (one drag = one undo). */
      group: z.string().min(1).max(64).optional(),
      /** Shown as "Undo <label>", e.g. "Move notes". */
      label: z.string().min(1).max(80),
    })
    .strict(),
  undo: z.object({ id: documentId }).strict(),
  redo: z.object({ id: documentId }).strict(),
  rename: z.object({ id: documentId, name: documentName }).strict(),
  delete: z.object({ id: documentId }).strict(),
};

export interface DocumentsService {
  /** The project's documents, most recently changed first. */
  list(args: z.input<typeof documentsArgs.list>): Promise<DocumentInfo[]>;
  create(args: z.input<typeof documentsArgs.create>): Promise<DocumentInfo>;
  importMidi(args: z.input<typeof documentsArgs.importMidi>): Promise<ImportSummary>;
  /** Resolves when the MIDI reader is warm (a hint: it never fails for a reason the caller must show). */
  prepareImport(args: z.input<typeof documentsArgs.prepareImport>): Promise<{ ready: true }>;
  exportMidi(args: z.input<typeof documentsArgs.exportMidi>): Promise<{ name: string; data: string }>;
  /** Returns the document and subscribes the calling client to its onDocumentChanged events. */
  open(args: z.input<typeof documentsArgs.open>): Promise<OpenedDocument>;
  /** Ends the calling client's subscription. */
  close(args: z.input<typeof documentsArgs.close>): Promise<{ id: DocumentId }>;
  /** Applies the ops in one transaction; refused with 'conflict' when based on a revision they no longer apply to. */
  edit(args: z.input<typeof documentsArgs.edit>): Promise<EditResult>;
  undo(args: z.input<typeof documentsArgs.undo>): Promise<EditResult>;
  redo(args: z.input<typeof documentsArgs.redo>): Promise<EditResult>;
  rename(args: z.input<typeof documentsArgs.rename>): Promise<DocumentInfo>;
  delete(args: z.input<typeof documentsArgs.delete>): Promise<{ id: DocumentId }>;
}
