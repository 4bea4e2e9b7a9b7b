// The "Recent" strip: the projects opened most recently (projects.recent), one click to reopen.
import { useNow } from '../../components/use-now';
import { formatRelative } from '../../lib/format';
import { useProjectsStore } from '../../stores/projects-store';
import { navigate } from '../../stores/ui-store';

export function RecentStrip() {
  const recent = useProjectsStore((s) => s.recent);
  const hasProjects = useProjectsStore((s) => s.projects.length > 0);
  const now = useNow(30_000);

  if (!hasProjects) return null;
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading" className="section-label">
        Recent
      </h2>
      {recent.length === 0 ? (
        <p className="empty-note">Projects you open show up here.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((project) => (
            <li key={project.id}>
              <button type="button" className="recent-card" onClick={() => navigate({ name: 'project', projectId: project.id })}>
                <span className="recent-name">{project.name}</span>
                <span className="recent-when">
                  {project.lastOpenedAt === null ? 'Not opened yet' : `Opened ${formatRelative(project.lastOpenedAt, now)}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
