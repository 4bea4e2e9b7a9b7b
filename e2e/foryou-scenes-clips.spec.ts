// Scenes and audio clips in For you: a writer goes to a scene from the board and a musician plays a
// clip; in another project both come back as cards with their project; the Scene card opens the
// script at that scene, and the clip's card opens the project whose Audio section holds it. History
// names the scene by its heading.
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sineWav } from '../src/main/test/wav-fixture';
import { callHost } from './host-api';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-foryou-e2e-'));
const fountain = ['Title: Pilot', '', 'INT. KITCHEN - NIGHT', '', 'Ana pours tea.', '', 'EXT. ROOF - DAY', '', 'Wind in the aerials.', '', 'INT. STAIRWELL - NIGHT', '', 'Footsteps.', ''].join('\n');

test('a scene gone to and a clip played come back in For you, and open where they are', async ({ page }, info) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(serve.launchUrl);
  const base = serve.launchUrl.split('#')[0];
  const project = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'Night Shift' });
  const { document: script } = await callHost<{ document: { id: string } }>(page, 'scripts', 'importFile', { projectId: project.id, name: 'Pilot', format: 'fountain', data: Buffer.from(fountain).toString('base64') });

  // The writer goes to the roof scene from the board.
  await page.goto(`${base}#/projects/${project.id}/scripts/${script.id}`);
  await page.getByTestId('script-view-board').click();
  await page.getByTestId('scene-card').filter({ hasText: 'EXT. ROOF - DAY' }).click();
  await expect(page.getByTestId('script-screen')).toHaveAttribute('data-view', 'editor');

  // The musician imports a clip and plays it.
  await page.goto(`${base}#/projects/${project.id}`);
  const wav = join(dir, 'Rain.wav');
  writeFileSync(wav, sineWav(2, 330, 44_100));
  await page.getByTestId('import-audio-input').setInputFiles(wav);
  const row = page.getByTestId('audio-row');
  await expect(row).toContainText('Rain.wav');
  await row.getByTestId('audio-select').click();
  await expect(page.getByTestId('waveform-duration')).toHaveText('0:02.00');
  await page.getByTestId('waveform-play').click();
  await expect.poll(async () => (await callHost<{ item: string }[]>(page, 'history', 'list', { types: ['clip.played'] })).length).toBe(1);

  // In another project, For you offers both, with where they are.
  const other = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'Day Shift' });
  await page.goto(`${base}#/projects/${other.id}`);
  const panel = page.getByTestId('foryou-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  const scene = panel.locator('[data-testid="foryou-card"][data-kind="scene"]');
  const clip = panel.locator('[data-testid="foryou-card"][data-kind="asset"]');
  await expect(scene).toContainText('EXT. ROOF - DAY · Pilot');
  await expect(scene).toContainText('Night Shift');
  await expect(clip).toContainText('Rain.wav');
  await shot(page, info, 'foryou-scene-and-clip');

  // The Scene card opens the script at the roof scene.
  await scene.getByTestId('foryou-open').click();
  await expect(page).toHaveURL(new RegExp(`#/projects/${project.id}/scripts/${script.id}`));
  await expect(page.locator('[data-testid="outline-scene"][aria-current="location"]')).toContainText('EXT. ROOF - DAY');

  // The clip's card opens its project.
  await page.goto(`${base}#/projects/${other.id}`);
  await expect(panel).toHaveAttribute('data-state', 'ready');
  await clip.getByTestId('foryou-open').click();
  await expect(page).toHaveURL(new RegExp(`#/projects/${project.id}$`));
  await expect(page.getByTestId('audio-row')).toContainText('Rain.wav');

  // History names the scene by its heading.
  await page.goto(`${base}#/history`);
  await expect(page.getByTestId('history-view')).toContainText('Opened scene “EXT. ROOF - DAY”');
  const clicks = await callHost<{ item: string }[]>(page, 'history', 'list', { types: ['recommendation.clicked'] });
  expect(clicks.map((c) => c.item).sort()).toEqual([`asset:${(await callHost<{ id: string }[]>(page, 'assets', 'list', { projectId: project.id }))[0]!.id}`, `scene:${script.id}/EXT.%20ROOF%20-%20DAY`].sort());
  expect(problems).toEqual([]);
});
