// The open script, mirrored from the host (script-sync-logic.ts explains how local typing and the
// host's onScriptChanged events meet). The editor view listens with onScriptRemoteChange for the
// changes it did not make itself: another window's, undo and redo, a reload.
import { create } from 'zustand';
import type { DocumentInfo, HistoryState } from '../../shared/api/documents';
import { StudioError } from '../../shared/api/errors';
import type { ScriptOp } from '../../shared/script/script-ops';
import type { StudioClient } from '../client/studio-client';
import { localEdit, nextToSend, receive, reloaded, replaceAll, startSync, type ScriptSync } from './script-sync-logic';
import { notify, reportError } from './ui-store';

interface ScriptState {
  docId: string | null;
  info: DocumentInfo | null;
  /** The text the editor shows (local edits included). */
  text: string;
  /** The host revision the text is based on. */
  rev: number;
  history: HistoryState | null;
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  error: string | null;
  /** Local edits the host has not acknowledged yet (a "Saving…" hint). */
  unsaved: number;
}

export const useScriptStore = create<ScriptState>()(() => ({
  docId: null,
  info: null,
  text: '',
  rev: 0,
  history: null,
  status: 'idle',
  error: null,
  unsaved: 0,
}));

type RemoteListener = (ops: ScriptOp[]) => void;
const remoteListeners = new Set<RemoteListener>();

/** Changes the editor did not make (another window, undo/redo, a reload), in the shown text's positions. */
export function onScriptRemoteChange(listener: RemoteListener): () => void {
  remoteListeners.add(listener);
  return () => remoteListeners.delete(listener);
}

interface Session {
  client: StudioClient;
  docId: string;
  sync: ScriptSync | null;
  buffered: { rev: number; ops: ScriptOp[]; editId?: string | undefined; history: HistoryState }[];
  loading: boolean;
  closed: boolean;
  stops: (() => void)[];
  /** Resolves when nothing is in flight or queued (undo waits for it). */
  idle: (() => void)[];
  /** The edit on its way, resolving to the revision it made (null if it failed). */
  sending: Promise<number | null> | null;
  /** Typing waits this long before it is sent, so a burst of keys goes as one edit. */
  sendTimer: ReturnType<typeof setTimeout> | null;
}

/** How long local typing gathers before it is sent: keys typed meanwhile go in the same edit. */
export const sendDelayMs = 80;

let current: Session | null = null;
let editCounter = 0;

const newEditId = (): string => `${Date.now().toString(36)}-${(editCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const sameHistory = (a: HistoryState | null, b: HistoryState | null | undefined): boolean =>
  a === b || (!!a && !!b && a.canUndo === b.canUndo && a.canRedo === b.canRedo && a.undoLabel === b.undoLabel && a.redoLabel === b.redoLabel);

function show(s: Session, sync: ScriptSync, extra: Partial<ScriptState> = {}): void {
  s.sync = sync;
  // The same history as before keeps its object, so the toolbar does not redraw on every keystroke.
  if ('history' in extra && sameHistory(useScriptStore.getState().history, extra.history)) delete extra.history;
  useScriptStore.setState({ text: sync.text, rev: sync.rev, unsaved: (sync.inFlight ? 1 : 0) + sync.queued.length, ...extra });
  if (!sync.inFlight && sync.queued.length === 0) for (const done of s.idle.splice(0)) done();
}

function tellEditor(ops: ScriptOp[]): void {
  if (ops.length === 0) return;
  for (const listener of remoteListeners) listener(ops);
}

async function load(s: Session): Promise<void> {
  if (s.closed || s.loading) return;
  s.loading = true;
  s.buffered = [];
  try {
    const opened = await s.client.scripts.open({ id: s.docId });
    if (s.closed || current !== s) return;
    const before = s.sync;
    const { sync, lost } = before ? reloaded(before, opened.content.fountain, opened.info.rev) : { sync: startSync(opened.content.fountain, opened.info.rev), lost: false };
    if (lost) notify('This script changed in another window while your last keystrokes were on their way; it now shows the saved version.');
    const shownBefore = useScriptStore.getState().text;
    show(s, sync, { info: opened.info, history: opened.history, status: 'ready', error: null });
    if (before) tellEditor(replaceAll(shownBefore, sync.text));
    s.loading = false;
    // Events that came while opening, then whatever is waiting to be sent.
    const buffered = s.buffered;
    s.buffered = [];
    for (const change of buffered) onChange(s, change);
    pump(s);
  } catch (err) {
    s.loading = false;
    if (s.closed || current !== s) return;
    if (err instanceof StudioError && err.code === 'not-found') useScriptStore.setState({ status: 'missing', error: err.message });
    else {
      useScriptStore.setState({ status: 'error', error: StudioError.from(err).message });
      reportError(err);
    }
  }
}

function onChange(s: Session, change: { rev: number; ops: ScriptOp[]; editId?: string | undefined; history: HistoryState }): void {
  if (s.loading || !s.sync) {
    s.buffered.push(change);
    return;
  }
  const outcome = receive(s.sync, change);
  if (outcome.kind === 'stale') return;
  if (outcome.kind === 'reload') {
    void load(s);
    return;
  }
  show(s, outcome.sync, { history: change.history });
  tellEditor(outcome.shown);
  pump(s);
}

/** Sends the next queued edit when none is in flight (at once: the queue has waited enough). */
function pump(s: Session): void {
  if (s.sendTimer !== null) clearTimeout(s.sendTimer);
  s.sendTimer = null;
  if (!s.sync || s.loading || s.closed) return;
  const next = nextToSend(s.sync);
  if (!next) return;
  s.sync = next.sync;
  const { edit } = next;
  const baseRev = next.sync.rev;
  s.sending = s.client.scripts
    .edit({ id: s.docId, baseRev, ops: edit.ops, label: edit.label, editId: edit.editId, ...(edit.group ? { group: edit.group } : {}) })
    .then((result) => {
      if (s.closed || current !== s) return result.rev;
      // The echo event normally came first; if it did not, it is on its way and finishes the edit.
      if (s.sync?.rev === result.rev && !sameHistory(useScriptStore.getState().history, result.history)) useScriptStore.setState({ history: result.history });
      return result.rev;
    })
    .catch((err: unknown) => {
      if (s.closed || current !== s) return null;
      const e = StudioError.from(err);
      if (e.code !== 'conflict' && e.code !== 'unavailable') reportError(err);
      // What became of the edit is decided from the host's text (script-sync-logic.ts reloaded).
      void load(s);
      return null;
    });
}

/** Sends typing after sendDelayMs, so the keys of a burst travel (and are stored) as one edit. */
function schedule(s: Session): void {
  if (s.sendTimer !== null || s.sync?.inFlight) return;
  s.sendTimer = setTimeout(() => pump(s), sendDelayMs);
}

/**
 * A script closed (another screen, another script) with edits not yet sent: they are sent after the
 * one in flight, each on the revision the one before made, and a failure is said.
 */
async function sendRest(s: Session): Promise<void> {
  const rest = s.sync?.queued ?? [];
  if (rest.length === 0) return;
  let rev = (await s.sending) ?? s.sync?.rev ?? 0;
  try {
    for (const edit of rest) {
      rev = (await s.client.scripts.edit({ id: s.docId, baseRev: rev, ops: edit.ops, label: edit.label, ...(edit.group ? { group: edit.group } : {}) })).rev;
    }
  } catch (err) {
    reportError(new StudioError(StudioError.from(err).code, `Your last changes to the script could not be saved: ${StudioError.from(err).message}`));
  }
}

/** Opens a script and mirrors it until closeScript. */
export function openScript(client: StudioClient, docId: string): void {
  closeScript();
  const s: Session = { client, docId, sync: null, buffered: [], loading: false, closed: false, stops: [], idle: [], sending: null, sendTimer: null };
  current = s;
  useScriptStore.setState({ docId, info: null, text: '', rev: 0, history: null, status: 'loading', error: null, unsaved: 0 });
  s.stops = [
    client.on('onScriptChanged', (change) => {
      if (!s.closed && change.docId === docId) onChange(s, change);
    }),
    client.on('onDocumentsChanged', (change) => {
      if (s.closed || change.document.id !== docId) return;
      if (change.reason === 'deleted') useScriptStore.setState({ status: 'missing', error: 'This script was deleted.' });
      else useScriptStore.setState({ info: change.document });
    }),
    // The host forgets a connection's subscriptions when it drops: open again.
    client.onConnection((state) => {
      if (state === 'connected' && s.sync) void load(s);
    }),
  ];
  // A reload or a closed window: what is typed and waiting goes now.
  const leaving = () => pump(s);
  window.addEventListener('pagehide', leaving);
  s.stops.push(() => window.removeEventListener('pagehide', leaving));
  void load(s);
}

export function closeScript(): void {
  const s = current;
  if (!s) return;
  s.closed = true;
  if (s.sendTimer !== null) clearTimeout(s.sendTimer);
  for (const stop of s.stops) stop();
  for (const done of s.idle.splice(0)) done();
  current = null;
  useScriptStore.setState({ docId: null, info: null, text: '', rev: 0, history: null, status: 'idle', error: null, unsaved: 0 });
  void sendRest(s).finally(() => s.client.scripts.close({ id: s.docId }).catch(() => undefined));
}

/** A local edit of the open script: shown at once, saved in order. */
export function editScript(ops: ScriptOp[], options: { label: string; group?: string }): void {
  const s = current;
  if (!s?.sync || ops.length === 0) return;
  try {
    show(s, localEdit(s.sync, { editId: newEditId(), ops, label: options.label, ...(options.group ? { group: options.group } : {}) }));
  } catch (err) {
    reportError(err);
    return;
  }
  schedule(s);
}

/** Resolves once every local edit is saved (or the script closed). */
function whenSaved(s: Session): Promise<void> {
  if (!s.sync || (!s.sync.inFlight && s.sync.queued.length === 0)) return Promise.resolve();
  pump(s);
  return new Promise((resolve) => s.idle.push(resolve));
}

/** Host-side undo or redo, after the edits on their way; resolves to what it undid, or null. */
export async function undoScript(direction: 'undo' | 'redo'): Promise<string | null> {
  const s = current;
  if (!s) return null;
  await whenSaved(s);
  if (s.closed) return null;
  const history = useScriptStore.getState().history;
  const label = direction === 'undo' ? (history?.undoLabel ?? null) : (history?.redoLabel ?? null);
  try {
    const result = await (direction === 'undo' ? s.client.scripts.undo({ id: s.docId }) : s.client.scripts.redo({ id: s.docId }));
    if (s.sync?.rev === result.rev) useScriptStore.setState({ history: result.history });
    return label;
  } catch (err) {
    if (err instanceof StudioError && err.code === 'conflict') notify(err.message);
    else reportError(err);
    return null;
  }
}
