// `montage projects list|create`: the project list for scripts. `list` only reads, on a read-only
// SQLite connection, so it works beside a running host; `create` writes, so it goes through the
// running host's API (or a host of its own when none runs: host-session.ts), which keeps names
// unique and tells open windows. With --json, stdout is one JSON object and nothing else.
import { type Project, type ProjectPage } from '../shared/api';
import { openDatabaseReadOnly } from '../main/db/read-only-database';
import { createProjectsReader } from '../main/db/projects-repo';
import { dataPaths, defaultDataDir } from '../main/paths';
import { fail, openStudioSession, sessionFailure } from './host-session';

export interface ProjectsFlags {
  json?: boolean;
  dataDir?: string;
  limit?: number;
  offset?: number;
}

/** Exit codes: 0 ok, 1 failed, 2 bad usage. Errors are one line on stderr. */
export async function projectsCommand(sub: string | undefined, positionals: string[], flags: ProjectsFlags): Promise<number> {
  const dataDir = flags.dataDir ?? defaultDataDir();
  if (sub === 'list') {
    if (positionals.length > 0) return fail(2, `projects list takes no arguments (got "${positionals[0]}")`);
    let page: ProjectPage;
    try {
      const db = openDatabaseReadOnly(dataPaths(dataDir).database);
      try {
        page = db ? createProjectsReader(db).page(flags.limit ?? 1000, flags.offset ?? 0) : { items: [], total: 0 };
      } finally {
        db?.close();
      }
    } catch (err) {
      return fail(1, err instanceof Error ? err.message : String(err));
    }
    if (flags.json) {
      console.log(JSON.stringify(page));
    } else {
      for (const p of page.items) console.log(`${p.id}  ${p.name}`);
      const shown = page.items.length;
      if ((flags.offset ?? 0) + shown < page.total) console.log(`(${shown} of ${page.total} projects; use --offset and --limit for more)`);
      else if (page.total === 0) console.log('No projects yet.');
    }
    return 0;
  }
  if (sub === 'create') {
    if (positionals.length !== 1) return fail(2, 'usage: montage projects create NAME [--json] (quote a name with spaces)');
    let project: Project;
    let session;
    try {
      session = await openStudioSession(dataDir, 'create the project');
      project = (await session.call('projects', 'create', { name: positionals[0] })) as Project;
    } catch (err) {
      return sessionFailure(err);
    } finally {
      session?.close();
    }
    if (flags.json) console.log(JSON.stringify(project));
    else console.log(`Created “${project.name}” (${project.id})${session.kind === 'running' ? ' in the running Montage' : ''}.`);
    return 0;
  }
  return fail(2, sub === undefined ? 'usage: montage projects list|create …' : `unknown projects command "${sub}" (list, create)`);
}
