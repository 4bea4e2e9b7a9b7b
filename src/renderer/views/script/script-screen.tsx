// The script screen (#/projects/<id>/scripts/<docId>): opens the script on the host for as long as
// the screen is shown (stores/script-store.ts mirrors it), with the toolbar (Undo/Redo with the
// host's labels, the Editor / Board / Reports switch, Export) and one of three views: the
// screenplay editor beside its outline, the scene board, or the reports. The screen itself never
// reads the script's text (that would re-render it per keystroke): the editor holds the text and
// the board and outline read the scene index made once the writer pauses. Dictate (Ctrl/Cmd+
// Shift+D) puts spoken words in at the editor's cursor (dictation-actions.ts).
import { useEffect, useRef, useState } from 'react';
import { useStudioClient } from '../../client/client-context';
import { historyLabels } from '../../stores/document-logic';
import { recordEvent } from '../../lib/record-event';
import { useProjectsStore } from '../../stores/projects-store';
import { routeHash } from '../../stores/route';
import { notify } from '../../stores/ui-store';
import { keyedHeading, sceneItemKey } from '../../../shared/script/scene-items';
import { closeScript, openScript, undoScript, useScriptStore } from '../../stores/script-store';
import { MicrophoneIcon } from '../../components/icons';
import { cancelListening, isListening, useDictationStore } from '../../stores/dictation-store';
import { screenplayKeys } from './cycling-logic';
import { toggleDictation } from './dictation-actions';
import { resetDrafter, toggleDrafter } from './drafter-actions';
import { DrafterPanel } from './drafter-panel';
import { useDrafterStore } from './drafter-store';
import { ExportMenu } from './export-menu';
import { ReportsPanel } from './reports-panel';
import { SceneBoard } from './scene-board';
import { ScriptEditor } from './script-editor';
import { ScriptOutline } from './script-outline';
import { resetScriptParse } from './script-parse';
import { currentIndex, initialScriptView, jumpTo, onSceneOpened, showView, takePendingScene, useScriptViewStore, watchIndex, type ScriptView } from './script-view-store';
import './script.css';

const views: { id: ScriptView; label: string; keys: string }[] = [
  { id: 'editor', label: 'Editor', keys: 'Alt+1' },
  { id: 'board', label: 'Board', keys: 'Alt+2' },
  { id: 'reports', label: 'Reports', keys: 'Alt+3' },
];

/**
 * "Saving…" while local edits are on their way (its own component: the count changes per
 * keystroke). Each keystroke is saved within milliseconds, so the word only changes when a save
 * takes longer than a moment: flickering it on every key would cost a layout per key.
 */
function SavingNote() {
  const unsaved = useScriptStore((s) => s.unsaved);
  const pending = unsaved > 0;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), 400);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending]);
  return (
    <span className="script-saving text-dim" data-testid="script-saving" data-unsaved={unsaved} aria-live="polite">
      {slow ? 'Saving…' : 'Saved'}
    </span>
  );
}

export function ScriptScreen({ projectId, docId }: { projectId: string; docId: string }) {
  const client = useStudioClient();
  const status = useScriptStore((s) => (s.docId === docId ? s.status : 'loading'));
  const info = useScriptStore((s) => (s.docId === docId ? s.info : null));
  const history = useScriptStore((s) => (s.docId === docId ? s.history : null));
  const error = useScriptStore((s) => (s.docId === docId ? s.error : null));
  const view = useScriptViewStore((s) => s.view);
  const drafterOpen = useDrafterStore((s) => s.open);
  const dictating = useDictationStore((s) => (s.mode === 'dictate' ? s.phase : 'idle'));
  const projectName = useProjectsStore((s) => s.projects.find((p) => p.id === projectId)?.name);

  useEffect(() => {
    useScriptViewStore.setState(initialScriptView());
    resetScriptParse();
    openScript(client, docId);
    const stopIndex = watchIndex();
    return () => {
      stopIndex();
      resetDrafter();
      // Dictation into this script ends with it: its words would have nowhere to go.
      if (isListening('dictate')) cancelListening();
      closeScript();
    };
  }, [client, docId]);

  // History: one `document.opened` once the script is open here (not for one that is missing).
  const openedProjectId = status === 'ready' ? info?.projectId : undefined;
  const recordedOpen = useRef(false);
  useEffect(() => {
    if (!openedProjectId || recordedOpen.current) return;
    recordedOpen.current = true;
    recordEvent(client, { type: 'document.opened', item: `script:${docId}`, projectId: openedProjectId });
  }, [client, docId, openedProjectId]);

  // History: every scene gone to from the board, the outline, the reports or the scene commands.
  useEffect(() => {
    if (!openedProjectId) return;
    onSceneOpened((heading) => {
      const item = sceneItemKey(docId, heading);
      if (item) recordEvent(client, { type: 'document.opened', item, projectId: openedProjectId });
    });
    return () => onSceneOpened(null);
  }, [client, docId, openedProjectId]);

  // A scene For you opened: gone to once the script is here.
  useEffect(() => {
    if (status !== 'ready') return;
    const heading = takePendingScene(docId);
    if (heading === null) return;
    const scene = currentIndex().scenes.find((s) => keyedHeading(s.heading) === keyedHeading(heading));
    if (scene) jumpTo(scene.from);
    else notify(`The scene “${heading}” is no longer in this script: its heading may have changed.`);
  }, [docId, status]);

  const back = (
    <a className="back-link" href={routeHash({ name: 'project', projectId })} data-testid="project-link" title="Back to the project (Esc or Alt+←)">
      ← {projectName ?? 'Project'}
    </a>
  );

  if (status !== 'ready' || !info) {
    return (
      <div className="script-screen">
        <nav className="breadcrumb">{back}</nav>
        {status === 'error' || status === 'missing' ? (
          <div className="empty-state">
            <p className="empty-state-title">This script could not be opened</p>
            <p>{error ?? 'It may have been deleted in another window. Go back to the project to pick another one.'}</p>
          </div>
        ) : (
          <p className="empty-note">Opening script…</p>
        )}
      </div>
    );
  }

  const labels = historyLabels(history);
  return (
    <div className="script-screen" data-testid="script-screen" data-view={view}>
      <nav className="breadcrumb">{back}</nav>
      <header className="script-toolbar">
        <h1 className="script-title" data-testid="script-title" title={info.name}>
          {info.name}
        </h1>
        <div className="toolbar-group">
          <button type="button" className="btn btn-small script-history" data-testid="script-undo" disabled={!history?.canUndo} title={`${labels.undo} (Ctrl/Cmd+Z)`} onClick={() => void undoScript('undo')}>
            {labels.undo}
          </button>
          <button type="button" className="btn btn-small script-history" data-testid="script-redo" disabled={!history?.canRedo} title={`${labels.redo} (Ctrl/Cmd+Shift+Z)`} onClick={() => void undoScript('redo')}>
            {labels.redo}
          </button>
        </div>
        <div className="segmented" role="tablist" aria-label="Script view">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              className={`btn btn-small${view === v.id ? ' is-on' : ''}`}
              data-testid={`script-view-${v.id}`}
              title={`${v.label} (${v.keys})`}
              onClick={() => showView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <SavingNote />
        <button
          type="button"
          className={`btn btn-small script-dictate${dictating !== 'idle' ? ' is-recording' : ''}`}
          data-testid="dictate"
          aria-pressed={dictating === 'listening'}
          disabled={dictating === 'starting' || dictating === 'finishing'}
          title={dictating === 'listening' ? 'Stop and insert what you said (Ctrl/Cmd+Shift+D)' : 'Dictate at the cursor: speak, then stop to insert the words (Ctrl/Cmd+Shift+D)'}
          onClick={() => {
            if (view !== 'editor') showView('editor');
            toggleDictation(client);
          }}
        >
          {dictating === 'listening' ? '■ Stop dictating' : dictating === 'finishing' ? 'Recognising…' : (
            <>
              <MicrophoneIcon /> Dictate
            </>
          )}
        </button>
        <button
          type="button"
          className={`btn btn-small script-suggest${drafterOpen ? ' is-on' : ''}`}
          data-testid="drafter-toggle"
          aria-pressed={drafterOpen}
          title="Suggest next scenes and draft them (Ctrl/Cmd+G)"
          onClick={() => {
            if (view !== 'editor') showView('editor');
            toggleDrafter(client);
          }}
        >
          ✦ Suggest
        </button>
        <ExportMenu docId={docId} />
      </header>
      {view === 'editor' && (
        <div className={`script-body${drafterOpen ? ' with-drafter' : ''}`}>
          <ScriptOutline />
          <div className="script-page-area">
            <ScriptEditor />
            <p className="script-help text-dim" data-testid="script-help">
              {screenplayKeys.slice(0, 3).map((k, i) => (
                <span key={k.label}>
                  {i > 0 && ' · '}
                  <kbd>{k.shortcut}</kbd> {k.label}
                </span>
              ))}
              {' · '}
              <kbd>Ctrl/Cmd+/</kbd> every key
            </p>
          </div>
          {drafterOpen && <DrafterPanel />}
        </div>
      )}
      {view === 'board' && <SceneBoard />}
      {view === 'reports' && <ReportsPanel docId={docId} />}
    </div>
  );
}
