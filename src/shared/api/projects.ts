// Projects service contract: a project holds a user's music tracks and scripts.
import { z } from 'zod';
import type { ProjectId } from '../ids';

export interface Project {
  id: ProjectId;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** When the user last opened it (epoch ms), null if never. Recent projects sort by this. */
  lastOpenedAt: number | null;
}

export const projectName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'A project needs a name.').max(120, 'Project names are at most 120 characters.'));
export const projectId = z.string().uuid('Not a valid project id.').transform((s) => s as ProjectId);

/** One page of the project list, and how many live projects there are in all. */
export interface ProjectPage {
  items: Project[];
  total: number;
}

export const projectsArgs = {
  list: z
    .object({
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    })
    .strict(),
  recent: z.object({ limit: z.number().int().min(1).max(50).default(5) }).strict(),
  get: z.object({ id: projectId }).strict(),
  create: z.object({ name: projectName }).strict(),
  rename: z.object({ id: projectId, name: projectName }).strict(),
  open: z.object({ id: projectId }).strict(),
  delete: z.object({ id: projectId }).strict(),
  restore: z.object({ id: projectId }).strict(),
};

export interface ProjectsService {
  /** One page of projects, most recently opened or changed first. */
  list(args: z.input<typeof projectsArgs.list>): Promise<ProjectPage>;
  /** Projects opened most recently. */
  recent(args: z.input<typeof projectsArgs.recent>): Promise<Project[]>;
  get(args: z.input<typeof projectsArgs.get>): Promise<Project>;
  create(args: z.input<typeof projectsArgs.create>): Promise<Project>;
  rename(args: z.input<typeof projectsArgs.rename>): Promise<Project>;
  /** Marks the project opened now and returns it. */
  open(args: z.input<typeof projectsArgs.open>): Promise<Project>;
  /** Moves the project to the trash; `restore` undoes it (for a day). */
  delete(args: z.input<typeof projectsArgs.delete>): Promise<{ id: ProjectId }>;
  /** Brings a deleted project back (Undo). */
  restore(args: z.input<typeof projectsArgs.restore>): Promise<Project>;
}
