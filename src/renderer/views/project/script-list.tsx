// The project's scripts (DocumentInfo.kind 'script'), beside its songs: New script, Import script…
// (.fountain or .fdx, also by dropping the files onto the window: midi-drop-overlay.tsx), and per
// script Open, Rename and Delete (after a confirmation), and Train on my scripts… (a scene model
// for the script screen's ✦ Suggest).
import { useEffect, useId, useRef } from 'react';
import { create } from 'zustand';
import type { DocumentInfo } from '../../../shared/api/documents';
import type { StudioClient } from '../../client/studio-client';
import { useStudioClient } from '../../client/client-context';
import { applyDocumentInfo, forgetDocument, useDocumentsStore, watchDocuments } from '../../stores/documents-store';
import { createScript, importScriptFiles } from '../script/script-actions';
import { DocumentRows } from './document-rows';
import { fieldErrorOf } from '../../components/name-field-logic';
import { notify, reportError } from '../../stores/ui-store';
import { openSceneTrainDialog } from '../train/train-store';

async function renameScript(client: StudioClient, id: string, name: string): Promise<string | null> {
  try {
    applyDocumentInfo(await client.documents.rename({ id, name }));
    return null;
  } catch (err) {
    return fieldErrorOf(err);
  }
}

async function deleteScript(client: StudioClient, doc: DocumentInfo): Promise<void> {
  try {
    await client.documents.delete({ id: doc.id });
    forgetDocument(doc.id);
    notify(`Deleted “${doc.name}”.`);
  } catch (err) {
    reportError(err);
  }
}

const useScriptImport = create<{ importing: boolean; errors: string[] }>()(() => ({ importing: false, errors: [] }));

/** Imports script files (from the input or a drop); refusals are shown at Import script…. */
export async function runScriptImport(client: StudioClient, projectId: string, files: File[]): Promise<void> {
  if (!files.length || useScriptImport.getState().importing) return;
  useScriptImport.setState({ importing: true, errors: [] });
  const errors = await importScriptFiles(client, projectId, files);
  useScriptImport.setState({ importing: false, errors });
}

export function ScriptList({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const scripts = useDocumentsStore((s) => (s.projectId === projectId ? s.scripts : []));
  const loaded = useDocumentsStore((s) => s.projectId === projectId && s.listLoaded);
  const { importing, errors } = useScriptImport();
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => watchDocuments(client, projectId), [client, projectId]);

  return (
    <section className="songs scripts" aria-labelledby="scripts-title">
      <div className="songs-bar">
        <h2 id="scripts-title" className="section-label">
          Scripts
        </h2>
        <button type="button" className="btn btn-small btn-primary" data-testid="new-script" onClick={() => void createScript(client, projectId, scripts)}>
          New script
        </button>
        <span className="import-control">
          <button
            type="button"
            className="btn btn-small"
            data-testid="import-script"
            disabled={importing}
            aria-describedby={errors.length ? errorId : undefined}
            onClick={() => input.current?.click()}
          >
            {importing ? 'Importing…' : 'Import script…'}
          </button>
          <input
            ref={input}
            type="file"
            accept=".fountain,.spmd,.fdx"
            multiple
            hidden
            data-testid="import-script-input"
            aria-invalid={errors.length > 0}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void runScriptImport(client, projectId, files);
            }}
          />
        </span>
        <button type="button" className="btn btn-small" data-testid="project-train-scenes" title="Train a scene model on this project's scripts, for ✦ Suggest" onClick={() => openSceneTrainDialog(projectId)}>
          Train on my scripts…
        </button>
        <span className="text-dim songs-hint">Fountain or Final Draft; or drop the files onto the window</span>
      </div>
      {errors.length > 0 && (
        <div id={errorId} className="field-error import-error" role="alert" data-testid="script-import-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {loaded && scripts.length === 0 && (
        <div className="empty-state">
          <p className="empty-state-title">No scripts yet</p>
          <p>Start a screenplay, or import one written in Fountain or Final Draft.</p>
        </div>
      )}
      <DocumentRows
        kind="script"
        projectId={projectId}
        documents={scripts}
        onRename={(id, name) => renameScript(client, id, name)}
        onDelete={(doc) => deleteScript(client, doc)}
        deleteNote={<p>The script and its undo history are removed from this project. Export it first if you want a copy.</p>}
      />
    </section>
  );
}
