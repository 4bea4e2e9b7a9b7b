// What a saved document change tells the event log: that the document was edited (one event per
// document every few seconds at most: the log drops repeats); for songs, which instruments were
// taken up (a track added with a program, or a track's program changed), so "For you" can offer
// instruments and Insights can count them; for scripts, which scenes were written in (the scene
// holding each replaced range, after the change), so "For you" can offer scenes to go back to.
import type { DocumentInfo } from '../../shared/api';
import type { SongOp } from '../../shared/music/song-ops';
import type { ScriptOp } from '../../shared/script/script-ops';
import { headingAt, sceneItemKey } from '../../shared/script/scene-items';
import type { EventLog } from './event-log';

/** Scenes named per change at most (a board move replaces two ranges; a paste may touch many). */
const maxScenesPerChange = 4;

export function recordDocumentChange(log: Pick<EventLog, 'record'>, info: DocumentInfo, ops: readonly unknown[], content?: unknown): void {
  log.record({ type: 'document.edited', item: `${info.kind}:${info.id}`, projectId: info.projectId });
  if (info.kind === 'script') {
    const text = (content as { fountain?: unknown } | undefined)?.fountain;
    if (typeof text === 'string') recordSceneEdits(log, info, ops as readonly ScriptOp[], text);
    return;
  }
  for (const op of ops as readonly SongOp[]) {
    const instrument =
      op.type === 'addTrack' ? (op.track.isDrum ? 'drums' : String(op.track.program)) : op.type === 'updateTrack' && op.changes.program !== undefined ? String(op.changes.program) : op.type === 'updateTrack' && op.changes.isDrum ? 'drums' : null;
    if (instrument !== null) log.record({ type: 'document.edited', item: `instrument:${instrument}`, projectId: info.projectId, data: { song: info.id } });
  }
}

/** Ops apply in order, so a later op's offsets are in the text after the earlier ones; the scenes
 * are looked up in the final text, each op's start moved by the ops after it. */
function recordSceneEdits(log: Pick<EventLog, 'record'>, info: DocumentInfo, ops: readonly ScriptOp[], text: string): void {
  const keys = new Set<string>();
  ops.forEach((op, i) => {
    if (op.type !== 'replaceText' || keys.size >= maxScenesPerChange) return;
    // Where the replacement starts (a heading typed is its own scene's).
    let at = op.from;
    for (const later of ops.slice(i + 1)) {
      if (later.type === 'replaceText' && later.from < at) at = later.to <= at ? at + later.text.length - (later.to - later.from) : later.from;
    }
    const heading = headingAt(text, at);
    const key = heading === null ? null : sceneItemKey(info.id, heading);
    if (key) keys.add(key);
  });
  for (const item of keys) log.record({ type: 'document.edited', item, projectId: info.projectId, data: { script: info.id } });
}
