import { describe, expect, it } from 'vitest';
import { allowsPermission } from './permissions';

const app = 'file:///opt/montage/dist/renderer/index.html';

describe('Electron permissions', () => {
  it('grants the microphone to the Montage page, on any route', () => {
    expect(allowsPermission('media', { mediaTypes: ['audio'] }, `${app}#/projects/p/scripts/d`, app)).toBe(true);
    expect(allowsPermission('media', { mediaType: 'audio' }, app, app)).toBe(true);
  });

  it('denies the camera, screen capture, other permissions and other pages', () => {
    expect(allowsPermission('media', { mediaTypes: ['audio', 'video'] }, app, app)).toBe(false);
    expect(allowsPermission('media', { mediaTypes: ['video'] }, app, app)).toBe(false);
    expect(allowsPermission('media', { mediaTypes: [] }, app, app)).toBe(false);
    expect(allowsPermission('media', { mediaType: 'video' }, app, app)).toBe(false);
    expect(allowsPermission('media', null, app, app)).toBe(false);
    expect(allowsPermission('notifications', { mediaTypes: ['audio'] }, app, app)).toBe(false);
    expect(allowsPermission('display-capture', {}, app, app)).toBe(false);
    expect(allowsPermission('media', { mediaTypes: ['audio'] }, 'https://example.com/', app)).toBe(false);
    expect(allowsPermission('media', { mediaTypes: ['audio'] }, 'file:///tmp/other.html', app)).toBe(false);
    expect(allowsPermission('media', { mediaTypes: ['audio'] }, undefined, app)).toBe(false);
  });
});
