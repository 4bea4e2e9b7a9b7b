import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { removeProject, replaceProject, upsertProject } from './projects-logic';

const project = (id: string, name = id): Project => ({
  id: id as ProjectId,
  name,
  createdAt: 1,
  updatedAt: 1,
  lastOpenedAt: null,
});

describe('project list edits', () => {
  const list = [project('a'), project('b'), project('c')];

  it('upsert replaces a listed project in place', () => {
    expect(upsertProject(list, project('b', 'Bee')).map((p) => p.name)).toEqual(['a', 'Bee', 'c']);
  });

  it('upsert puts a new project first', () => {
    expect(upsertProject(list, project('d')).map((p) => p.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('replace never adds', () => {
    expect(replaceProject(list, project('d'))).toEqual(list);
    expect(replaceProject(list, project('a', 'Ay'))[0]?.name).toBe('Ay');
  });

  it('remove drops by id and leaves the input untouched', () => {
    expect(removeProject(list, 'b').map((p) => p.id)).toEqual(['a', 'c']);
    expect(list).toHaveLength(3);
  });
});
