// One project in the Home list: name (double-click to rename in place), dates, and its actions.
import { useState } from 'react';
import type { Project } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { PencilIcon, TrashIcon } from '../../components/icons';
import { InlineRename } from '../../components/inline-rename';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { renameProject } from '../../stores/project-actions';

interface ProjectRowProps {
  project: Project;
  now: number;
  highlighted: boolean;
  onOpen: () => void;
  onDelete: () => void;
}

export function ProjectRow({ project, now, highlighted, onOpen, onDelete }: ProjectRowProps) {
  const client = useStudioClient();
  const [renaming, setRenaming] = useState(false);

  return (
    <tr data-testid="project-row" data-project-id={project.id} className={highlighted ? 'project-row is-new' : 'project-row'}>
      <td className="project-name-cell">
        {renaming ? (
          <InlineRename
            initial={project.name}
            label={`New name for ${project.name}`}
            onSave={async (name) => {
              const outcome = await renameProject(client, project.id, name);
              return outcome.ok ? null : outcome.error;
            }}
            onDone={() => setRenaming(false)}
          />
        ) : (
          <span className="project-name" title="Double-click to rename" onDoubleClick={() => setRenaming(true)}>
            {project.name}
          </span>
        )}
      </td>
      <td className="cell-date">
        <time dateTime={new Date(project.createdAt).toISOString()} title={formatDateTime(project.createdAt)}>
          {formatDate(project.createdAt)}
        </time>
      </td>
      <td className="cell-date">
        {project.lastOpenedAt === null ? (
          <span className="text-faint">Never</span>
        ) : (
          <time dateTime={new Date(project.lastOpenedAt).toISOString()} title={formatDateTime(project.lastOpenedAt)}>
            {formatRelative(project.lastOpenedAt, now)}
          </time>
        )}
      </td>
      <td className="cell-actions">
        <button type="button" className="btn btn-small" data-testid="project-open" onClick={onOpen} aria-label={`Open ${project.name}`}>
          Open
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost btn-icon"
          data-testid="project-rename"
          onClick={() => setRenaming(true)}
          disabled={renaming}
          aria-label={`Rename ${project.name}`}
          title="Rename (or double-click the name)"
        >
          <PencilIcon />
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost btn-ghost-danger btn-icon"
          data-testid="project-delete"
          onClick={onDelete}
          aria-label={`Delete ${project.name}`}
          title="Delete…"
        >
          <TrashIcon />
        </button>
      </td>
    </tr>
  );
}
