import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, routeProjectId } from './route';

describe('routes', () => {
  it('round-trips the project route', () => {
    const route = { name: 'project', projectId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc' } as const;
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('round-trips the song route, under its project', () => {
    const route = { name: 'song', projectId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc', docId: '5f2e3c0a-2222-4a2b-8c3d-123456789abc' } as const;
    expect(routeHash(route)).toBe(`#/projects/${route.projectId}/songs/${route.docId}`);
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeProjectId(route)).toBe(route.projectId);
    expect(routeProjectId({ name: 'home' })).toBeNull();
  });

  it('round-trips the script route, under its project', () => {
    const route = { name: 'script', projectId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc', docId: '7a2e3c0a-3333-4a2b-8c3d-123456789abc' } as const;
    expect(routeHash(route)).toBe(`#/projects/${route.projectId}/scripts/${route.docId}`);
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeProjectId(route)).toBe(route.projectId);
    expect(parseRoute('#/projects/p/scripts/a%20b')).toEqual({ name: 'script', projectId: 'p', docId: 'a b' });
  });

  it('has a Models screen outside every project', () => {
    expect(routeHash({ name: 'models' })).toBe('#/models');
    expect(parseRoute('#/models')).toEqual({ name: 'models' });
    expect(routeProjectId({ name: 'models' })).toBeNull();
  });

  it('has a History screen outside every project', () => {
    expect(routeHash({ name: 'history' })).toBe('#/history');
    expect(parseRoute('#/history')).toEqual({ name: 'history' });
    expect(routeProjectId({ name: 'history' })).toBeNull();
    expect(parseRoute('#/history/x')).toEqual({ name: 'home' });
  });

  it('has a Settings screen outside every project', () => {
    expect(routeHash({ name: 'settings' })).toBe('#/settings');
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(routeProjectId({ name: 'settings' })).toBeNull();
  });

  it('has an Insights screen outside every project', () => {
    expect(routeHash({ name: 'insights' })).toBe('#/insights');
    expect(parseRoute('#/insights')).toEqual({ name: 'insights' });
    expect(routeProjectId({ name: 'insights' })).toBeNull();
    expect(parseRoute('#/insights/x')).toEqual({ name: 'home' });
  });

  it('treats anything else as Home', () => {
    for (const hash of ['', '#', '#/', '#/projects/', '#/nope', '#/projects/a/b', '#/projects/a/songs/', '#/projects/a/songs/b/c', '#/projects/a/scripts/', '#/projects/a/scripts/b/c', '#/projects/a/films/b', '#/projects/%E0%A4%A']) {
      expect(parseRoute(hash)).toEqual({ name: 'home' });
    }
    expect(routeHash({ name: 'home' })).toBe('#/');
  });
});
