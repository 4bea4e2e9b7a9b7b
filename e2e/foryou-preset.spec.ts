// A generation preset from For you: the settings of kept results (model, temperature, key,
// density) come back as a Preset card in the project; clicking it records the click, opens the
// project's song and sets its Generate panel up with those settings.
import { expect, test } from '@playwright/test';
import { callHost } from './host-api';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

test('a Preset card opens the song with the Generate panel set to the kept settings', async ({ page }, info) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.goto(serve.launchUrl);
  const project = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'Preset Demo' });
  const song = await callHost<{ id: string }>(page, 'documents', 'create', { projectId: project.id, kind: 'song', name: 'Sketch' });
  const model = (await callHost<{ id: string; name: string; kind: string }[]>(page, 'models', 'list', {})).find((m) => m.kind === 'melody');
  expect(model, 'a shipped melody model').toBeTruthy();
  // Three results kept with the same settings, as the Generate panel records them.
  for (let index = 0; index < 3; index++) {
    await callHost(page, 'history', 'record', {
      type: 'generation.kept',
      item: `model:${model!.id}`,
      projectId: project.id,
      data: { mode: 'generate', args: { count: 4, temperature: 0.7, key: { tonic: 9, mode: 'minor' }, density: 4 }, index, via: 'button' },
    });
  }

  await page.goto(`${serve.launchUrl.split('#')[0]}#/projects/${project.id}`);
  const panel = page.getByTestId('foryou-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  const preset = panel.locator('[data-testid="foryou-card"][data-kind="preset"]');
  await expect(preset).toHaveCount(1);
  await expect(preset).toContainText(`${model!.name} · generate · T 0.7 · A minor · 4 per bar`);
  await expect(preset).toContainText('You kept 3 results made with these settings');
  await shot(page, info, 'foryou-preset');
  await preset.getByTestId('foryou-open').click();

  // The song opens with the panel set up.
  await expect(page).toHaveURL(new RegExp(`#/projects/${project.id}/songs/${song.id}`));
  const gen = page.getByTestId('generate-panel');
  await expect(gen).toBeVisible();
  await expect(page.getByTestId('gen-model')).toHaveValue(model!.id);
  await expect(page.getByTestId('gen-temperature')).toHaveValue('0.7');
  await expect(page.getByTestId('gen-key-on')).toBeChecked();
  await expect(page.getByTestId('gen-tonic')).toHaveValue('9');
  await expect(page.getByTestId('gen-scale')).toHaveValue('minor');
  await expect(page.getByTestId('gen-density-on')).toBeChecked();
  await expect(page.getByTestId('gen-density')).toHaveValue('4');
  await shot(page, info, 'foryou-preset-applied');
  const clicks = await callHost<{ item: string }[]>(page, 'history', 'list', { types: ['recommendation.clicked'] });
  expect(clicks.map((c) => c.item)).toEqual([`preset:${model!.id}/generate/t0.7/k9m/d4`]);
  expect(problems).toEqual([]);
});
