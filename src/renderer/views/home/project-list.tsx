// The table of all projects, in the order the host returns them, with the delete confirmation.
import { useState } from 'react';
import type { Project } from '../../../shared/api';
import { useNow } from '../../components/use-now';
import { useProjectsStore } from '../../stores/projects-store';
import { navigate } from '../../stores/ui-store';
import { DeleteProjectDialog } from './delete-project-dialog';
import { ProjectRow } from './project-row';

export function ProjectList({ highlightId }: { highlightId: string | null }) {
  const projects = useProjectsStore((s) => s.projects);
  const loaded = useProjectsStore((s) => s.loaded);
  const [deleting, setDeleting] = useState<Project | null>(null);
  const now = useNow(30_000);

  if (!loaded) return <p className="empty-note">Loading projects…</p>;
  if (projects.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-state-title">No projects yet</p>
        <p>Name one above and press Create. A project will hold your tracks and scripts.</p>
      </div>
    );
  }

  return (
    <>
      <div className="table-scroll">
        <table className="data-table project-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last opened</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => (
              <ProjectRow
                key={project.id}
                project={project}
                now={now}
                highlighted={project.id === highlightId}
                onOpen={() => navigate({ name: 'project', projectId: project.id })}
                onDelete={() => setDeleting(project)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {deleting && <DeleteProjectDialog project={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
