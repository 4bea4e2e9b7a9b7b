import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('routes', () => {
  it('round-trips the project route', () => {
    const route = { name: 'project', projectId: '0b7e3c0a-1111-4a2b-8c3d-123456789abc' } as const;
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('treats anything else as Home', () => {
    for (const hash of ['', '#', '#/', '#/projects/', '#/nope', '#/projects/a/b', '#/projects/%E0%A4%A']) {
      expect(parseRoute(hash)).toEqual({ name: 'home' });
    }
    expect(routeHash({ name: 'home' })).toBe('#/');
  });
});
