// What a saved document change tells the event log: that the document was edited (one event per
// document every few seconds at most: the log drops repeats) and, for songs, which instruments
// were taken up (a track added with a program, or a track's program changed), so "For you" can
// offer instruments and Insights can count them.
import type { DocumentInfo } from '../../shared/api';
import type { SongOp } from '../../shared/music/song-ops';
import type { EventLog } from './event-log';

export function recordDocumentChange(log: Pick<EventLog, 'record'>, info: DocumentInfo, ops: readonly unknown[]): void {
  log.record({ type: 'document.edited', item: `${info.kind}:${info.id}`, projectId: info.projectId });
  if (info.kind !== 'song') return;
  for (const op of ops as readonly SongOp[]) {
    const instrument =
      op.type === 'addTrack' ? (op.track.isDrum ? 'drums' : String(op.track.program)) : op.type === 'updateTrack' && op.changes.program !== undefined ? String(op.changes.program) : op.type === 'updateTrack' && op.changes.isDrum ? 'drums' : null;
    if (instrument !== null) log.record({ type: 'document.edited', item: `instrument:${instrument}`, projectId: info.projectId, data: { song: info.id } });
  }
}
