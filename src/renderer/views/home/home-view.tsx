// Home: the projects (create, Recent, For you, the full list) beside the "This machine" card.
import { useState } from 'react';
import { useProjectsStore } from '../../stores/projects-store';
import { ForYouPanel } from '../foryou/foryou-panel';
import { MachineCard } from '../machine/machine-card';
import { CreateProjectForm } from './create-project-form';
import { ProjectList } from './project-list';
import { RecentStrip } from './recent-strip';
import './home.css';

export function HomeView() {
  const count = useProjectsStore((s) => s.total);
  const [justCreated, setJustCreated] = useState<string | null>(null);

  return (
    <div className="home">
      <section className="home-projects" aria-labelledby="projects-heading">
        <header className="screen-header">
          <h1 id="projects-heading" className="screen-title">
            Projects
          </h1>
          {count > 0 && <span className="count-pill">{count}</span>}
        </header>
        <CreateProjectForm onCreated={(project) => setJustCreated(project.id)} />
        <RecentStrip />
        <ForYouPanel />
        <section aria-labelledby="all-projects-heading">
          <h2 id="all-projects-heading" className="section-label">
            All projects
          </h2>
          <ProjectList highlightId={justCreated} />
        </section>
      </section>
      <MachineCard />
    </div>
  );
}
