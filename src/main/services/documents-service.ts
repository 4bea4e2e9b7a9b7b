// Implements DocumentsService: the songs of a project, and the list, rename and delete of every
// document (songs and scripts). Storing, editing, undo/redo and scoped updates are the shared
// document store's (documents/document-store.ts); this file adds what is particular to songs:
// their ops (applySongOps: they address tracks and notes by id, so a stale edit applies to the
// current song as it is when it still can), MIDI import and export, and onDocumentChanged.
import { StudioError, maxMidiBytes, type DocumentInfo, type DocumentsService, type ImportSummary, type OpenedDocument } from '../../shared/api';
import type { DocumentId } from '../../shared/ids';
import { SongOpError, applySongOps, sequenceToMidi } from '../../shared/music';
import { MidiImportError, importMidiAsJson } from '../../shared/music/midi-convert';
import { emptySequence, type NoteSequence } from '../../shared/music/note-sequence';
import { isSortedNotes, sortNotes } from '../../shared/music/note-order';
import type { SongOp } from '../../shared/music/song-ops';
import type { DocumentsRepo } from '../db/documents-repo';
import type { EventLog } from './event-log';
import { sequenceProblem } from '../documents/content-checks';
import { createDocumentStore, type DocumentKindSpec, type DocumentStore } from '../documents/document-store';
import type { ReadMidiFile } from '../documents/parse-midi-off-thread';
import { createScriptDocument } from '../documents/script-documents';
import type { DocumentSubscriptions } from '../documents/subscriptions';
import type { CallContext } from './call-context';
import type { EventBus } from './event-bus';


/** How songs are edited and announced, for the shared document store. */
export const songKind: DocumentKindSpec<NoteSequence, SongOp> = {
  kind: 'song',
  noun: 'song',
  apply: (content, ops) => {
    const applied = applySongOps(content, ops);
    return { content: applied.song, inverse: applied.inverse };
  },
  isOpError: (err): err is SongOpError => err instanceof SongOpError,
  announce: (bus, clients, change) => bus.emitTo(clients, 'onDocumentChanged', change),
};

export interface DocumentsServiceDeps {
  repo: DocumentsRepo;
  history: EventLog;
  bus: EventBus;
  subscriptions?: DocumentSubscriptions;
  now?: () => number;
  /** The shared document store; one is made from repo, bus, subscriptions and now when absent. */
  store?: DocumentStore;
  /**
   * Reads a MIDI file into the song's JSON and summary (midi-convert.ts importMidiAsJson). The host
   * passes one that runs in a worker thread with a time limit (parse-midi-off-thread.ts); the
   * default parses in place, for tests of this service alone.
   */
  parseMidi?: (bytes: Uint8Array) => Promise<ReadMidiFile>;
  /** Gets parseMidi's reader ready for a file about to come (the host's warms a thread). */
  warmMidi?: () => Promise<void>;
}

/** The service plus what the host's transports need: forgetting a client that went away. */
export interface HostDocumentsService extends DocumentsService {
  open(args: Parameters<DocumentsService['open']>[0], context?: CallContext): Promise<OpenedDocument>;
  close(args: Parameters<DocumentsService['close']>[0], context?: CallContext): Promise<{ id: DocumentId }>;
  /** Ends every subscription of a client whose connection closed. */
  dropClient(clientId: string): void;
  readonly subscriptions: DocumentSubscriptions;
  /** The document store it shares with the scripts service. */
  readonly store: DocumentStore;
}

const isBase64 = (s: string): boolean => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);

export function createDocumentsService(deps: DocumentsServiceDeps): HostDocumentsService {
  const { history } = deps;
  const parseMidi = deps.parseMidi ?? (async (bytes: Uint8Array) => importMidiAsJson(bytes));
  const store = deps.store ?? createDocumentStore(deps);

  const insertSong = async (projectId: string, name: string, song: NoteSequence, record: (info: DocumentInfo) => void): Promise<DocumentInfo> => {
    // Notes are kept in time order within a track (note-order.ts); ops rely on it.
    const content: NoteSequence = { ...song, tracks: song.tracks.map((t) => (isSortedNotes(t.notes) ? t : { ...t, notes: sortNotes(t.notes) })) };
    return store.insert('song', projectId, name, JSON.stringify(content), record);
  };

  return {
    subscriptions: store.subscriptions,
    store,
    async list({ projectId }) {
      return store.list(projectId);
    },
    async create({ projectId, kind, name, content }) {
      if (kind === 'script') return createScriptDocument(store, history, projectId, name, '');
      const song = content ?? emptySequence();
      const problem = sequenceProblem(song);
      if (problem) throw new StudioError('invalid-argument', `That song cannot be stored: ${problem}`, [{ path: 'content', message: problem }]);
      return insertSong(projectId, name, song, (info) => void history.record({ type: 'document.created', item: `song:${info.id}`, projectId }));
    },
    async prepareImport() {
      await deps.warmMidi?.();
      return { ready: true as const };
    },
    async importMidi({ projectId, name, data }): Promise<ImportSummary> {
      // Everything is checked before anything is written: a file that fails leaves the project as it was.
      if (!isBase64(data)) throw new StudioError('invalid-argument', 'The MIDI file did not arrive intact (its data is not valid base64).');
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > maxMidiBytes) {
        throw new StudioError('invalid-argument', `That MIDI file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Montage imports MIDI files up to ${maxMidiBytes / 1024 / 1024} MB.`);
      }
      let parsed: ReadMidiFile;
      try {
        parsed = await parseMidi(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      } catch (err) {
        if (err instanceof MidiImportError) throw new StudioError('invalid-argument', err.message);
        throw err;
      }
      // The JSON is stored as it came: the importer is our code, not the client's, and its songs
      // are valid by construction (it checks each note as it makes it and the rest against the
      // schema; its tests hold every song it makes to noteSequenceSchema and sequenceProblem).
      // Parsing and checking 100,000 notes again here would cost more than reading the file did.
      const { summary } = parsed;
      const document = await store.insert('song', projectId, name ?? 'Imported song', parsed.contentJson, (info) =>
        void history.record({ type: 'document.imported', item: `song:${info.id}`, projectId, data: { tracks: summary.tracks, notes: summary.notes, bytes: bytes.length } }),
      );
      return { document, tracks: summary.tracks, notes: summary.notes, durationSeconds: summary.durationSeconds };
    },
    async exportMidi({ id }) {
      const exported = await store.read(id, songKind, (doc) => ({ name: doc.info.name, projectId: doc.info.projectId, data: Buffer.from(sequenceToMidi(doc.content)).toString('base64') }));
      history.record({ type: 'document.exported', item: `song:${id}`, projectId: exported.projectId, data: { format: 'midi' } });
      return { name: exported.name, data: exported.data };
    },
    async open({ id }, context) {
      return store.open(id, songKind, context);
    },
    async close({ id }, context) {
      return store.close(id, context);
    },
    dropClient(clientId) {
      store.dropClient(clientId);
    },
    edit({ id, baseRev, ops, group, label }) {
      return store.edit(id, songKind, { baseRev, ops, group, label });
    },
    undo: ({ id }) => store.step(id, songKind, 'undo'),
    redo: ({ id }) => store.step(id, songKind, 'redo'),
    rename({ id, name }) {
      return store.rename(id, name, (info) => void history.record({ type: 'document.renamed', item: `${info.kind}:${id}`, projectId: info.projectId }));
    },
    delete({ id }) {
      return store.delete(id, (info) => void history.record({ type: 'document.deleted', item: `${info.kind}:${id}`, projectId: info.projectId }));
    },
  };
}
