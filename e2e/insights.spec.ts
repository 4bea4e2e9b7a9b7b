// For you and Insights as a user meets them: a project with two songs and a script and some
// history (opens, a kept and a discarded generation at two temperatures, a suggestion shown) gives
// For you cards on Home with their reasons; clicking one records recommendation.clicked and opens
// the song; the song editor's Suggested list adds a track with a suggested instrument. Insights
// draws its charts (keep rate by model and temperature among them), exports a chart's figures as
// CSV and its picture as PNG, and runs "How For you ranks".
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { callHost } from './host-api';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

interface Doc {
  id: string;
  rev: number;
}

test('For you on Home, a recorded click, Suggested instruments, Insights charts and exports', async ({ page }, info) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  await page.setViewportSize({ width: 1440, height: 1000 });

  await page.goto(serve.launchUrl);
  const project = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'Insights Demo' });
  const songA = await callHost<{ id: string }>(page, 'documents', 'create', { projectId: project.id, kind: 'song', name: 'Night Drive' });
  const songB = await callHost<{ id: string }>(page, 'documents', 'create', { projectId: project.id, kind: 'song', name: 'Morning Loop' });
  const opened = await callHost<{ info: Doc }>(page, 'documents', 'open', { id: songA.id });
  await callHost(page, 'documents', 'edit', {
    id: songA.id,
    baseRev: opened.info.rev,
    label: 'Set up',
    ops: [
      { type: 'addTrack', track: { id: 'bass', name: 'Bass', program: 33, isDrum: false, mute: false, solo: false, volume: 0.8, pan: 0, notes: [] } },
      { type: 'setTempos', tempos: [{ tick: 0, bpm: 96 }] },
      { type: 'setKeySignatures', keySignatures: [{ tick: 0, tonic: 9, mode: 'minor' }] },
    ],
  });
  const script = await callHost<{ id: string }>(page, 'scripts', 'create', {
    projectId: project.id,
    name: 'Pilot',
    fountain: 'INT. KITCHEN - NIGHT\n\nBRICK\nHello.\n\nMARA\nHi.\n\nBRICK\nAgain.\n\nEXT. ROOF - DAY\n\nMARA\nUp here.\n',
  });
  const models = await callHost<{ id: string; name: string }[]>(page, 'models', 'list', {});
  const model = models[0] ?? { id: '00000000-0000-4000-8000-000000000001', name: 'A deleted model' };
  const record = (args: Record<string, unknown>) => callHost(page, 'history', 'record', args);
  for (const item of [`song:${songA.id}`, `song:${songB.id}`, `script:${script.id}`, `song:${songA.id}`]) {
    await record({ type: 'document.opened', item, projectId: project.id });
  }
  await record({ type: 'generation.kept', item: `model:${model.id}`, projectId: project.id, data: { mode: 'generate', args: { temperature: 0.8 } } });
  await record({ type: 'generation.discarded', item: `model:${model.id}`, projectId: project.id, data: { mode: 'generate', args: { temperature: 1.2 }, index: 1 } });
  await record({ type: 'recommendation.shown', item: `song:${songB.id}`, data: { position: 0, model: 'popularity' } });

  // Home: the For you panel with cards, each with a kind and a reason.
  await page.reload();
  const panel = page.getByTestId('foryou-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  const cards = panel.getByTestId('foryou-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(1);
  await expect(panel.getByTestId('foryou-because').first()).not.toBeEmpty();
  await expect(panel.locator('.kind-pill').first()).toHaveText(/^(Song|Script|Model|Instrument|Project)$/);
  // The cards shown were recorded (once each).
  await expect
    .poll(async () => (await callHost<unknown[]>(page, 'history', 'list', { types: ['recommendation.shown'], limit: 100 })).length)
    .toBeGreaterThanOrEqual(1 + (await cards.count()));
  await shot(page, info, 'home-for-you');

  // Click a song card: the click is recorded, and the editor opens.
  const songCard = cards.and(page.locator('[data-kind="song"]')).first();
  const item = await songCard.getAttribute('data-item');
  expect(item).toMatch(/^song:/);
  await songCard.getByTestId('foryou-open').click();
  await expect(page).toHaveURL(new RegExp(`#/projects/${project.id}/songs/${item?.slice(5)}$`));
  await expect(page.getByTestId('song-title')).toBeVisible();
  await expect
    .poll(async () => (await callHost<{ item: string; data: Record<string, unknown> }[]>(page, 'history', 'list', { types: ['recommendation.clicked'], limit: 10 })).map((e) => e.item))
    .toEqual([item]);
  const [clicked] = await callHost<{ data: Record<string, unknown> }[]>(page, 'history', 'list', { types: ['recommendation.clicked'], limit: 1 });
  expect(clicked?.data).toMatchObject({ position: expect.any(Number), model: expect.any(String) });

  // The song editor's Suggested instruments: the bass taken up elsewhere is offered and added.
  const tracks = page.getByTestId('track-row');
  const before = await tracks.count();
  await page.getByTestId('add-suggested-track').click();
  const suggested = page.getByTestId('suggested-instrument');
  await expect(suggested.first()).toBeVisible();
  await shot(page, info, 'song-suggested');
  const label = (await suggested.first().locator('span').first().textContent()) ?? '';
  await suggested.first().click();
  await expect(tracks).toHaveCount(before + 1);
  await expect(tracks.last().getByTestId('track-instrument')).toContainText(label);

  // Insights, from the app bar.
  await page.getByTestId('open-insights').click();
  await expect(page).toHaveURL(/#\/insights$/);
  const view = page.getByTestId('insights-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('insight-activity').locator('canvas').first()).toBeVisible();
  const keep = page.getByTestId('insight-keep-rate');
  await expect(keep.locator('canvas')).toBeVisible();
  await expect(keep.getByTestId('chart-row')).toHaveCount(2);
  await expect(keep.getByTestId('chart-row').first()).toContainText(model.name);
  await expect(page.getByTestId('insight-click-through').getByTestId('chart-row').first()).toContainText('Songs');
  await expect(page.getByTestId('insight-characters').getByTestId('chart-row').first()).toContainText('BRICK');
  await expect(page.getByTestId('insight-locations').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('insight-keys').getByTestId('chart-row')).not.toHaveCount(0);
  await expect(page.getByTestId('insight-instruments').getByTestId('chart-row')).not.toHaveCount(0);
  for (const span of [7, 90, 365, 30]) {
    await page.getByTestId(`insights-span-${span}`).click();
    await expect(view).toHaveAttribute('data-days', String(span));
    await expect(view).toHaveAttribute('data-loading', 'false');
  }
  await expect(page.getByTestId('insight-activity').locator('canvas').first()).toBeVisible();

  // Export CSV of the keep rate.
  const csvDownload = page.waitForEvent('download');
  await keep.getByTestId('export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^montage-insights-keep-rate-by-model-and-temperature-30d-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await csv.path()) as string, 'utf8');
  expect(text.split('\r\n')[0]).toBe('model,model id,temperature,kept,discarded,keep rate');
  expect(text).toContain(`${model.id},0.8,1,0,1`);
  expect(text).toContain(`${model.id},1.2,0,1,0`);

  // Export PNG of the activity chart.
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('insight-activity').getByTestId('export-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path()) as string);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(1000);

  // How For you ranks.
  const ranking = page.getByTestId('ranking-evaluation');
  await ranking.getByTestId('ranking-run').click();
  await expect(ranking.getByTestId('ranking-table')).toBeVisible({ timeout: 60_000 });
  await expect(ranking.getByTestId('ranking-row')).toHaveCount(4);
  await expect(ranking.getByTestId('ranking-reason')).not.toBeEmpty();
  await expect(ranking.locator('.ranking-chosen')).toHaveCount(1);
  // The whole screen at once, for the record.
  await page.setViewportSize({ width: 1440, height: 2400 });
  await expect(ranking.getByTestId('ranking-table')).toBeVisible();
  await shot(page, info, 'insights');
  await page.setViewportSize({ width: 900, height: 2800 });
  await shot(page, info, 'insights-narrow');

  expect(problems).toEqual([]);
});
