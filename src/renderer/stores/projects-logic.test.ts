import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/api';
import type { ProjectId } from '../../shared/ids';
import { joinPages, moreToShow, projectPageSize, removeProject, replaceProject, upsertProject } from './projects-logic';

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

describe('project pages', () => {
  it('joins pages in order without repeating a project that moved between them', () => {
    const a = { id: 'a' } as Project;
    const b = { id: 'b' } as Project;
    const c = { id: 'c' } as Project;
    expect(joinPages([[a, b], [b, c]]).map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('says how many the next page adds and how many are left', () => {
    expect(moreToShow(450, projectPageSize)).toEqual({ next: projectPageSize, left: 250 });
    expect(moreToShow(230, projectPageSize)).toEqual({ next: 30, left: 30 });
    expect(moreToShow(10, 10)).toEqual({ next: 0, left: 0 });
  });
});
