// The project screen. Opening it marks the project opened (it moves up in Recent). It lists the
// project's songs (song-list.tsx), its scripts (script-list.tsx), its audio
// (views/audio/audio-section.tsx) and its images (views/images/images-section.tsx).
import { useEffect, useState } from 'react';
import { useStudioClient } from '../../client/client-context';
import { InlineRename } from '../../components/inline-rename';
import { useNow } from '../../components/use-now';
import { formatDateTime, formatRelative } from '../../lib/format';
import { openProject, renameProject } from '../../stores/project-actions';
import { useProjectsStore } from '../../stores/projects-store';
import { consumeRename, useUiStore } from '../../stores/ui-store';
import { AudioSection } from '../audio/audio-section';
import { ImagesSection } from '../images/images-section';
import { ForYouPanel } from '../foryou/foryou-panel';
import { SongList } from './song-list';
import { ScriptList } from './script-list';
import './project.css';
import { openTrainDialog } from '../train/train-store';

type LoadState = 'opening' | 'open' | 'missing';

export function ProjectView({ projectId }: { projectId: string }) {
  const client = useStudioClient();
  const project = useProjectsStore((s) => s.projects.find((p) => p.id === projectId) ?? null);
  const [load, setLoad] = useState<{ id: string; state: LoadState }>({ id: projectId, state: 'opening' });
  const [renaming, setRenaming] = useState(false);
  const now = useNow(30_000);
  const state: LoadState = load.id === projectId ? load.state : 'opening';

  useEffect(() => {
    let current = true;
    void openProject(client, projectId).then((opened) => {
      if (current) setLoad({ id: projectId, state: opened ? 'open' : 'missing' });
    });
    return () => {
      current = false;
    };
  }, [client, projectId]);

  // F2 (the project.rename command) asks for the rename field; Escape and Alt+← (nav.home) are
  // commands in the registry too, so this screen binds no keys of its own.
  const wantsRename = useUiStore((s) => s.wantsRename);
  useEffect(() => consumeRename, []);
  const editing = renaming || (wantsRename && project !== null);
  const stopEditing = () => {
    setRenaming(false);
    consumeRename();
  };

  const back = (
    <a className="back-link" href="#/" data-testid="home-link" title="Back to Projects (Esc or Alt+←)">
      ← Projects
    </a>
  );

  if (!project) {
    return (
      <div className="project-screen">
        <nav className="breadcrumb">{back}</nav>
        {state === 'missing' ? (
          <div className="empty-state">
            <p className="empty-state-title">This project is not here any more</p>
            <p>It may have been deleted in another window. Go back to Home to pick another one.</p>
          </div>
        ) : (
          <p className="empty-note">Opening project…</p>
        )}
      </div>
    );
  }

  return (
    <div className="project-screen">
      <nav className="breadcrumb">{back}</nav>
      <header className="project-header">
        {editing ? (
          <InlineRename
            className="project-title-edit"
            initial={project.name}
            label="Project name"
            onSave={async (name) => {
              const outcome = await renameProject(client, project.id, name);
              return outcome.ok ? null : outcome.error;
            }}
            onDone={stopEditing}
          />
        ) : (
          <h1 className="project-title" data-testid="project-title" title="Double-click to rename" onDoubleClick={() => setRenaming(true)}>
            {project.name}
          </h1>
        )}
        {!editing && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="project-rename" title="Rename (F2)" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        {!editing && (
          <button type="button" className="btn btn-small" data-testid="project-train" title="Train a music model on this project's songs" onClick={() => openTrainDialog(project.id)}>
            Train on my music…
          </button>
        )}
      </header>
      <p className="project-dates">
        Created <time dateTime={new Date(project.createdAt).toISOString()}>{formatDateTime(project.createdAt)}</time>
        {project.lastOpenedAt !== null && (
          <>
            {' · '}Opened{' '}
            <time dateTime={new Date(project.lastOpenedAt).toISOString()} title={formatDateTime(project.lastOpenedAt)}>
              {formatRelative(project.lastOpenedAt, now)}
            </time>
          </>
        )}
      </p>
      <ForYouPanel projectId={project.id} limit={6} />
      <SongList projectId={project.id} />
      <ScriptList projectId={project.id} />
      <AudioSection projectId={project.id} />
      <ImagesSection projectId={project.id} />
    </div>
  );
}
