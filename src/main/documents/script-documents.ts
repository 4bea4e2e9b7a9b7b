// Scripts in the shared document store: how their text edits apply, rebase and are announced, and
// how a new one is stored. The scripts service (services/scripts-service.ts) builds on these, and
// the documents service's create of kind 'script' uses createScriptDocument.
import type { DocumentInfo } from '../../shared/api';
import { normalizeNewlines } from '../../shared/script/fountain-parse';
import type { ScriptContent } from '../../shared/script/script';
import { ScriptOpError, applyScriptOps, rebaseScriptOps, type ScriptOp } from '../../shared/script/script-ops';
import type { EventLog } from '../services/event-log';
import type { DocumentKindSpec, DocumentStore } from './document-store';

/** How scripts are edited and announced, for the shared document store. */
export const scriptKind: DocumentKindSpec<ScriptContent, ScriptOp> = {
  kind: 'script',
  noun: 'script',
  apply: applyScriptOps,
  isOpError: (err): err is ScriptOpError => err instanceof ScriptOpError,
  rebase: rebaseScriptOps,
  announce: (bus, clients, change) => bus.emitTo(clients, 'onScriptChanged', change),
};

/** Stores a new script of the project (the documents service's create of kind 'script' comes here too). */
export async function createScriptDocument(store: DocumentStore, history: EventLog, projectId: string, name: string, fountain: string): Promise<DocumentInfo> {
  const content: ScriptContent = { fountain: normalizeNewlines(fountain) };
  return store.insert('script', projectId, name, JSON.stringify(content), (info) => void history.record({ type: 'document.created', item: `script:${info.id}`, projectId }));
}

