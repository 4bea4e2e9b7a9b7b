// The songs and scripts of the open project and a mirror of the one open song. The host owns every document:
// this store shows what `documents.list`/`documents.open` returned and applies the host's
// onDocumentChanged events in rev order (document-logic.ts). Edits are sent with the mirror's rev
// as their base and never applied here first; the event that follows brings them, the same way
// it brings another window's edits. A 'conflict' (the song moved on under us) reopens it.
import { create } from 'zustand';
import type { DocumentInfo, HistoryState } from '../../shared/api/documents';
import { StudioError } from '../../shared/api/errors';
import { applySongOps } from '../../shared/music/song-ops-apply';
import type { SongOp } from '../../shared/music/song-ops';
import type { StudioClient } from '../client/studio-client';
import { coalesce } from './coalesce';
import { catchUp, receiveChange, type DocMirror, type DocumentChange } from './document-logic';
import { notify, reportError } from './ui-store';

interface DocumentsState {
  /** Whose documents `songs` and `scripts` list. */
  projectId: string | null;
  songs: DocumentInfo[];
  scripts: DocumentInfo[];
  /** Both lists come from one `documents.list`, so they load together. */
  listLoaded: boolean;
  /** The open song, or null while opening / after it closed. */
  open: DocMirror | null;
  openId: string | null;
  openState: 'idle' | 'opening' | 'open' | 'missing';
  /** Edits sent and not yet acknowledged (the editor keeps its drag preview until they land). */
  inFlight: number;
}

export const useDocumentsStore = create<DocumentsState>()(() => ({
  projectId: null,
  songs: [],
  scripts: [],
  listLoaded: false,
  open: null,
  openId: null,
  openState: 'idle',
  inFlight: 0,
}));

const apply = (song: DocMirror['content'], ops: SongOp[]) => applySongOps(song, ops);

// ---- The project's songs and scripts ---------------------------------------------------------

let refreshList: (() => Promise<void>) | null = null;

const listOf = (kind: DocumentInfo['kind']): 'songs' | 'scripts' => (kind === 'script' ? 'scripts' : 'songs');

/** Loads the project's songs and scripts and keeps them fresh while `projectId` is shown; returns the stop. */
export function watchDocuments(client: StudioClient, projectId: string): () => void {
  if (useDocumentsStore.getState().projectId !== projectId) useDocumentsStore.setState({ projectId, songs: [], scripts: [], listLoaded: false });
  const refresh = coalesce(async () => {
    const documents = await client.documents.list({ projectId });
    const songs = documents.filter((d) => d.kind === 'song');
    const scripts = documents.filter((d) => d.kind === 'script');
    if (useDocumentsStore.getState().projectId === projectId) useDocumentsStore.setState({ songs, scripts, listLoaded: true });
  });
  refreshList = refresh;
  refresh().catch(reportError);
  const stops = [
    client.on('onDocumentsChanged', (change) => {
      if (change.projectId === projectId) refresh().catch(reportError);
    }),
    // Events were missed while the link was down.
    client.onConnection((state) => {
      if (state === 'connected') refresh().catch(reportError);
    }),
  ];
  return () => {
    if (refreshList === refresh) refreshList = null;
    for (const stop of stops) stop();
  };
}

/** Puts a song or script the host just returned into its list at once (its event follows). */
export function applyDocumentInfo(info: DocumentInfo): void {
  const key = listOf(info.kind);
  useDocumentsStore.setState((s) => (s.projectId === info.projectId ? { [key]: [info, ...s[key].filter((d) => d.id !== info.id)] } : {}));
  void refreshList?.().catch(() => undefined);
}

export function forgetDocument(id: string): void {
  useDocumentsStore.setState((s) => ({ songs: s.songs.filter((d) => d.id !== id), scripts: s.scripts.filter((d) => d.id !== id) }));
}

// ---- The open song --------------------------------------------------------------------------

let session = 0;

/**
 * Opens a song and mirrors it until the returned function is called (which closes it on the
 * host). Reopens by itself after a reconnect, a gap in the revisions or a conflict.
 */
export function openSong(client: StudioClient, docId: string): () => void {
  const mine = ++session;
  let buffered: DocumentChange[] = [];
  let opening = false;
  let closed = false;
  useDocumentsStore.setState({ open: null, openId: docId, openState: 'opening', inFlight: 0 });

  const load = async (): Promise<void> => {
    if (closed || opening) return;
    opening = true;
    buffered = [];
    try {
      const opened = await client.documents.open({ id: docId });
      if (closed || mine !== session) return;
      const base: DocMirror = { info: opened.info, content: opened.content, rev: opened.info.rev, history: opened.history };
      const { mirror, reopen } = catchUp(base, buffered, apply);
      buffered = [];
      useDocumentsStore.setState({ open: mirror, openState: 'open' });
      opening = false;
      if (reopen) void load();
    } catch (err) {
      opening = false;
      if (closed || mine !== session) return;
      if (err instanceof StudioError && err.code === 'not-found') useDocumentsStore.setState({ open: null, openState: 'missing' });
      else reportError(err);
    }
  };
  reopenCurrent = () => void load();

  const stops = [
    client.on('onDocumentChanged', (change) => {
      if (closed || change.docId !== docId) return;
      if (opening) {
        buffered.push(change);
        return;
      }
      const mirror = useDocumentsStore.getState().open;
      if (!mirror) return;
      const outcome = receiveChange(mirror, change, apply);
      if (outcome.kind === 'applied') useDocumentsStore.setState({ open: outcome.mirror });
      else if (outcome.kind === 'gap' || outcome.kind === 'broken') void load();
    }),
    client.on('onDocumentsChanged', (change) => {
      if (closed || change.document.id !== docId) return;
      if (change.reason === 'deleted') {
        useDocumentsStore.setState({ open: null, openState: 'missing' });
        return;
      }
      useDocumentsStore.setState((s) => (s.open ? { open: { ...s.open, info: { ...s.open.info, name: change.document.name } } } : {}));
    }),
    client.onConnection((state) => {
      // The host forgets a connection's subscriptions when it drops; open again.
      if (state === 'connected' && useDocumentsStore.getState().openState !== 'idle') void load();
    }),
  ];
  void load();

  return () => {
    closed = true;
    for (const stop of stops) stop();
    if (mine === session) {
      reopenCurrent = null;
      useDocumentsStore.setState({ open: null, openId: null, openState: 'idle', inFlight: 0 });
    }
    client.documents.close({ id: docId }).catch(() => undefined);
  };
}

let reopenCurrent: (() => void) | null = null;

function onEditError(err: unknown): void {
  if (err instanceof StudioError && err.code === 'conflict') {
    notify('This song changed in another window, so that edit was not applied. It now shows the latest version.');
    reopenCurrent?.();
    return;
  }
  reportError(err);
}

async function track<T>(work: Promise<T>): Promise<T> {
  useDocumentsStore.setState((s) => ({ inFlight: s.inFlight + 1 }));
  try {
    return await work;
  } finally {
    useDocumentsStore.setState((s) => ({ inFlight: Math.max(0, s.inFlight - 1) }));
  }
}

function keepHistory(rev: number, history: HistoryState): void {
  // The ack may come before or after its event; the newest word on history wins.
  useDocumentsStore.setState((s) => (s.open && s.open.rev === rev ? { open: { ...s.open, history } } : {}));
}

/** Sends an edit of the open song. Resolves true when the host applied it. */
export async function editSong(client: StudioClient, ops: SongOp[], label: string, group?: string): Promise<boolean> {
  const mirror = useDocumentsStore.getState().open;
  if (!mirror || ops.length === 0) return false;
  try {
    const result = await track(client.documents.edit({ id: mirror.info.id, baseRev: mirror.rev, ops, label, ...(group ? { group } : {}) }));
    keepHistory(result.rev, result.history);
    return true;
  } catch (err) {
    onEditError(err);
    return false;
  }
}

/** Host-side undo/redo of the open song; resolves to what was undone ("Move 3 notes"), or null. */
export async function undoSong(client: StudioClient, direction: 'undo' | 'redo'): Promise<string | null> {
  const mirror = useDocumentsStore.getState().open;
  if (!mirror) return null;
  const label = direction === 'undo' ? mirror.history.undoLabel : mirror.history.redoLabel;
  try {
    const result = await track(direction === 'undo' ? client.documents.undo({ id: mirror.info.id }) : client.documents.redo({ id: mirror.info.id }));
    keepHistory(result.rev, result.history);
    return label;
  } catch (err) {
    onEditError(err);
    return null;
  }
}
