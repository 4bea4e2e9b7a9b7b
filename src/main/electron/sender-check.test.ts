import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppPage } from './sender-check';

// As main.ts builds it: pathToFileURL(<rendererDir>/index.html).href.
const app = pathToFileURL('/opt/Montage/resources/app/dist/renderer/index.html').href;
const spaced = pathToFileURL('/home/ana/My Apps/montage/dist/renderer/index.html').href;
const projectId = '3f1c9a4e-2b7d-4c1a-9e8f-0a1b2c3d4e5f';
// The hashes src/renderer/stores/route.ts produces (routeHash); the host may not import the renderer.
const routeHash = (r: { name: 'home' } | { name: 'project'; projectId: string }): string =>
  r.name === 'project' ? `#/projects/${encodeURIComponent(r.projectId)}` : '#/';

describe('isAppPage', () => {
  it('accepts the page on every route the renderer produces', () => {
    expect(isAppPage(app, app)).toBe(true);
    expect(isAppPage(app + routeHash({ name: 'home' }), app)).toBe(true);
    expect(isAppPage(app + routeHash({ name: 'project', projectId }), app)).toBe(true);
    expect(isAppPage(app + routeHash({ name: 'project', projectId: 'a b/c?d#e' }), app)).toBe(true);
    expect(isAppPage(`${app}#`, app)).toBe(true);
    expect(isAppPage(`${app}?v=2#/projects/${projectId}`, app)).toBe(true);
    expect(isAppPage(spaced + routeHash({ name: 'project', projectId }), spaced)).toBe(true);
    expect(isAppPage('file:///C:/Users/Ana/AppData/Local/Montage/resources/app/dist/renderer/index.html#/', 'file:///C:/Users/Ana/AppData/Local/Montage/resources/app/dist/renderer/index.html')).toBe(true);
  });

  it('refuses other files, look-alike names, other folders and hosts', () => {
    for (const url of [
      'file:///opt/Montage/resources/app/dist/renderer/other.html',
      'file:///opt/Montage/resources/app/dist/renderer/index.html.evil',
      'file:///opt/Montage/resources/app/dist/renderer/index.html/',
      'file:///opt/Montage/resources/app/dist/renderer/index.html%23/projects/x',
      'file:///opt/Montage/resources/app/dist/renderer/INDEX.html',
      'file:///opt/Montage/resources/app/dist/index.html',
      'file:///opt/Montage/resources/app/dist/renderer/sub/index.html',
      'file:///tmp/evil/dist/renderer/index.html',
      'file:///tmp/opt/Montage/resources/app/dist/renderer/index.html',
      'file://evil-host/opt/Montage/resources/app/dist/renderer/index.html',
      'file://user:pw@/opt/Montage/resources/app/dist/renderer/index.html',
    ]) {
      expect(isAppPage(url, app), url).toBe(false);
    }
  });

  it('refuses web pages, other schemes and junk', () => {
    for (const url of [
      'http://127.0.0.1/opt/Montage/resources/app/dist/renderer/index.html',
      'https://evil.example/opt/Montage/resources/app/dist/renderer/index.html',
      'http://m-0123456789ab.localhost:4000/#/projects/x',
      'data:text/html,<script>montage.call()</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome-error://chromewebdata/',
      '',
      'index.html',
      '/opt/Montage/resources/app/dist/renderer/index.html',
      null,
      undefined,
    ]) {
      expect(isAppPage(url, app), String(url)).toBe(false);
    }
  });

  it('accepts only a file:// app URL', () => {
    expect(isAppPage('http://127.0.0.1:4000/', 'http://127.0.0.1:4000/')).toBe(false);
    expect(isAppPage(app, 'not a url')).toBe(false);
  });
});
