// The table of projects, in the order the host returns them, a page at a time ("Show more" asks
// the host for the next page), with the delete confirmation.
import { useState } from 'react';
import type { Project } from '../../../shared/api';
import { useNow } from '../../components/use-now';
import { moreToShow, projectPageSize } from '../../stores/projects-logic';
import { setPagesWanted, useProjectsStore } from '../../stores/projects-store';
import { navigate } from '../../stores/ui-store';
import { DeleteProjectDialog } from './delete-project-dialog';
import { ProjectRow } from './project-row';

export function ProjectList({ highlightId }: { highlightId: string | null }) {
  const projects = useProjectsStore((s) => s.projects);
  const loaded = useProjectsStore((s) => s.loaded);
  const total = useProjectsStore((s) => s.total);
  const pages = useProjectsStore((s) => s.pages);
  const more = moreToShow(total, projects.length);
  // Asked for a page that has not arrived yet.
  const loadingMore = projects.length < Math.min(total, pages * projectPageSize);
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
      {more.left > 0 && (
        <div className="list-more">
          <span className="text-faint" data-testid="projects-shown">
            Showing {projects.length} of {total}
          </span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="projects-show-more"
            disabled={loadingMore}
            // host-sync fetches the new page (and keeps it on every refetch).
            onClick={() => setPagesWanted(pages + 1)}
          >
            {loadingMore ? 'Loading…' : `Show more (${more.left} more)`}
          </button>
        </div>
      )}
      {deleting && <DeleteProjectDialog project={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
