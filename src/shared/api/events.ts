// Events the host pushes to every connected renderer. Names follow `onSomething`.
import type { Job, MetricPoint } from './jobs';
import type { SongOp } from '../music/song-ops';
import type { ScriptOp } from '../script/script-ops';
import type { Asset } from './assets';
import type { DocumentInfo, HistoryState } from './documents';
import type { ModelKind } from './models';
import type { BackendReport } from './system';

export interface StudioEvents {
  /** Any project was created, renamed, opened or deleted. */
  onProjectsChanged: { reason: 'created' | 'renamed' | 'opened' | 'deleted' | 'restored'; id: string };
  /** A job changed status, progress text or messages. */
  onJobChanged: Job;
  /** A job produced a metric point (training step). */
  onJobProgress: { jobId: string; point: MetricPoint };
  /** A benchmark run was stored. */
  onBenchmarkRunsChanged: { id: string };
  /** A worker reported the ML backend it uses. */
  onBackendChanged: BackendReport;
  /** A project's list of documents changed (created, renamed, deleted, imported). */
  onDocumentsChanged: { projectId: string; reason: 'created' | 'renamed' | 'deleted'; document: DocumentInfo };
  /**
   * A document a client opened changed: apply `ops` to the content at `rev - 1` to get `rev`.
   * Sent only to the clients that opened it (documents.open), the editing one included.
   */
  onDocumentChanged: { docId: string; rev: number; ops: SongOp[]; reason: 'edit' | 'undo' | 'redo'; history: HistoryState };
  /** A script a client opened changed (scripts.open): apply `ops` to the text at `rev - 1` to get `rev`. */
  onScriptChanged: { docId: string; rev: number; ops: ScriptOp[]; reason: 'edit' | 'undo' | 'redo'; history: HistoryState; editId?: string };
  /** A project's list of assets changed (an upload finished, a rename, a delete). */
  onAssetsChanged: { projectId: string; reason: 'created' | 'renamed' | 'deleted'; asset: Asset };
  /**
   * A project's images changed as images: tagging started, finished or failed for one (`assetId`),
   * the user gave or took away a category, or a new classifier re-tagged them (`assetId` null).
   */
  onImagesChanged: { projectId: string; assetId: string | null; reason: 'tagging' | 'tagged' | 'failed' | 'labelled' | 'classified' };
  /** The model registry changed: a model was registered (trained or shipped), updated, renamed or deleted. */
  onModelsChanged: { reason: 'registered' | 'updated' | 'renamed' | 'deleted'; id: string; kind: ModelKind };
}
export type StudioEventName = keyof StudioEvents;
export const studioEventNames: readonly StudioEventName[] = [
  'onProjectsChanged',
  'onJobChanged',
  'onJobProgress',
  'onBenchmarkRunsChanged',
  'onBackendChanged',
  'onDocumentsChanged',
  'onDocumentChanged',
  'onScriptChanged',
  'onAssetsChanged',
  'onImagesChanged',
  'onModelsChanged',
];
