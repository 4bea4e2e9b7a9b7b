// "Train on my music" end to end: import a MIDI file into a project, open Train from the project,
// see what would be extracted, train a tiny model (the serve host runs with MONTAGE_TRAIN_TINY=1,
// test-only, so a run takes seconds), start a long run and watch its charts get points, cancel it;
// then the Models screen lists the two shipped models and the trained one, compares them and
// deletes the trained one.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestMidi } from './midi-fixture';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile({ env: { MONTAGE_TRAIN_TINY: '1' } });
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'montage-train-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Eight bars of a wandering eighth-note melody and four bars of a drum groove. */
function writeSong(): string {
  const lead = Array.from({ length: 64 }, (_, i) => ({ midi: 60 + ((i * 5) % 12) + (Math.floor(i / 16) % 2) * 2, ticks: i * 240, durationTicks: 200, velocity: 0.8 }));
  const drums = Array.from({ length: 32 }, (_, i) => ({ midi: [36, 42, 38, 42][i % 4]!, ticks: i * 240, durationTicks: 100, velocity: 0.9 }));
  return writeTestMidi(dir, 'wander', 112, [
    { name: 'Lead', channel: 0, notes: lead },
    { name: 'Drums', channel: 9, notes: drums },
  ]);
}

test('train on a project’s song: preview, a short run, a long run cancelled; then the Models screen', async ({ page }, info) => {
  test.setTimeout(180_000);
  await openNewProject(page, serve.launchUrl, 'Training Room');
  await page.getByTestId('import-midi-input').setInputFiles(writeSong());
  await expect(page.getByTestId('piano-roll')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('project-title')).toHaveText('Training Room');

  // The dialog lists the song and its tracks and previews what would be extracted.
  await page.getByTestId('project-train').click();
  const dialog = page.getByTestId('train-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('train-song')).toHaveCount(1);
  await expect(dialog.getByTestId('train-track')).toHaveCount(2);
  const line = dialog.getByTestId('train-preview-line');
  await expect(line).toContainText(/^Found \d+ two-bar melodies in 1 track/);
  expect(Number(await line.getAttribute('data-examples'))).toBeGreaterThanOrEqual(2);
  await shot(page, info, 'train-dialog-preview');

  // Drums: the drum track's patterns.
  await dialog.getByTestId('train-config-drums-2bar').check();
  await expect(line).toContainText(/^Found \d+ two-bar drum patterns? in 1 track/);
  // Only the lead track ticked: no drum patterns left, and Start says why it is off.
  await dialog.getByTestId('train-track').nth(1).uncheck();
  await expect(dialog.getByTestId('train-preview-blocker')).toContainText('Training needs at least 2 2-bar drum patterns; found 0');
  await expect(dialog.getByTestId('train-start')).toBeDisabled();
  await shot(page, info, 'train-dialog-too-few');
  await dialog.getByTestId('train-track').nth(1).check();
  await dialog.getByTestId('train-config-melody-2bar').check();
  await expect(line).toContainText('two-bar melodies');

  // MIDI files instead: a readable one counts, a text file named .mid is listed as unreadable.
  await dialog.getByTestId('train-source-files').check();
  await expect(dialog.getByTestId('train-preview')).toHaveAttribute('data-state', 'idle');
  const junk = join(dir, 'notes.mid');
  writeFileSync(junk, 'not a MIDI file');
  await dialog.getByTestId('train-files').setInputFiles([join(dir, 'wander.mid'), junk]);
  await expect(line).toContainText(/^Found \d+ two-bar melodies in 1 track.*1 file could not be read/);
  await expect(dialog.getByTestId('train-preview')).toContainText('Unreadable: notes.mid');
  await shot(page, info, 'train-dialog-files');
  await dialog.getByTestId('train-source-songs').check();
  await expect(line).toContainText(/^Found \d+ two-bar melodies in 1 track\.$/);

  // A short run to the end: the model is saved.
  await dialog.getByTestId('train-name').fill('Wander tiny');
  await dialog.getByTestId('train-steps').fill('abc');
  await expect(dialog.getByTestId('train-start')).toBeDisabled();
  await dialog.getByTestId('train-steps').fill('20');
  await dialog.getByTestId('train-start').click();
  await expect(dialog.getByTestId('train-progress')).toBeVisible();
  await expect(dialog.getByTestId('train-done')).toContainText('Wander tiny', { timeout: 90_000 });
  await expect(page.getByTestId('jobs-panel').getByTestId('job-row').first()).toHaveAttribute('data-status', 'succeeded');
  await expect.poll(async () => Number(await dialog.getByTestId('training-charts').getAttribute('data-points'))).toBeGreaterThan(0);
  await shot(page, info, 'train-finished');

  // A long run: watch the charts get points, then cancel.
  await dialog.getByRole('button', { name: 'Train another' }).click();
  await dialog.getByTestId('train-name').fill('Wander long');
  await dialog.getByTestId('train-steps').fill('100000');
  await expect(dialog.getByTestId('train-preview-line')).toBeVisible();
  await dialog.getByTestId('train-start').click();
  const charts = dialog.getByTestId('training-charts');
  // Past the first checkpoint (a tiny run saves one every 10 steps), so it can be resumed.
  await expect.poll(async () => Number(await charts.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
  await expect(dialog.getByTestId('chart-loss')).toBeVisible();
  await expect(dialog.getByTestId('chart-kl')).toBeVisible();
  await expect(dialog.getByTestId('chart-accuracy')).toBeVisible();
  await shot(page, info, 'train-live-charts');
  await dialog.getByTestId('train-cancel').click();
  await expect(dialog.getByTestId('train-progress')).toHaveAttribute('data-status', 'cancelled');
  const longRow = page.getByTestId('jobs-panel').getByTestId('job-row').filter({ hasText: 'Wander long' });
  await expect(longRow).toHaveAttribute('data-status', 'cancelled');
  await shot(page, info, 'train-cancelled');

  // Resume it from its last checkpoint: a new job that goes on past the step it stopped at.
  await expect(longRow.getByTestId('job-resume')).toBeVisible();
  await dialog.getByTestId('train-resume').click();
  await expect(dialog.locator('.job-title')).toContainText('Resume melody-2bar: Wander long');
  await expect(longRow.getByTestId('job-resume')).toHaveCount(0);
  await expect.poll(async () => Number(await charts.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(dialog.getByTestId('training-figures')).toContainText(/step (1[1-9]|[2-9]\d|\d{3,})/);
  await shot(page, info, 'train-resumed');
  await dialog.getByTestId('train-cancel').click();
  await expect(dialog.getByTestId('train-progress')).toHaveAttribute('data-status', 'cancelled');

  // The Models screen: three shipped models (melodies, drums, the scene drafter) and the trained one.
  await dialog.getByTestId('train-open-models').click();
  await expect(page.getByTestId('models-view')).toBeVisible();
  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(4);
  await expect(page.locator('[data-testid="model-row"][data-origin="shipped"]')).toHaveCount(3);
  const trained = page.locator('[data-testid="model-row"][data-origin="trained"]');
  await expect(trained.getByTestId('model-name')).toHaveText('Wander tiny');
  await expect(page.locator('[data-testid="model-row"][data-origin="shipped"]').first().getByTestId('model-delete')).toBeDisabled();

  // Compare the trained model with a shipped one.
  await trained.getByTestId('model-compare').check();
  await page.locator('[data-testid="model-row"][data-origin="shipped"]').first().getByTestId('model-compare').check();
  const compare = page.getByTestId('models-compare');
  await expect(compare).toBeVisible();
  await expect(compare.locator('[data-testid="compare-row"][data-metric="accuracy"]')).toBeVisible();
  await expect.poll(async () => Number(await compare.getByTestId('compare-loss').getAttribute('data-points'))).toBeGreaterThan(0);
  await shot(page, info, 'models-compare');

  // Rename it; a shipped model's name is refused for another melody model.
  await trained.getByTestId('model-rename').click();
  await trained.getByTestId('rename-input').fill('melody-2bar');
  await trained.getByTestId('rename-input').press('Enter');
  await expect(trained.getByTestId('rename-error')).toBeVisible();
  await trained.getByTestId('rename-input').fill('Wander (tiny)');
  await trained.getByTestId('rename-input').press('Enter');
  await expect(trained.getByTestId('model-name')).toHaveText('Wander (tiny)');

  // Delete the trained model.
  await trained.getByTestId('model-delete').click();
  await page.getByTestId('model-delete-confirm').click();
  await expect(rows).toHaveCount(3);
  await expect(page.locator('[data-testid="model-row"][data-origin="trained"]')).toHaveCount(0);
  await shot(page, info, 'models-after-delete');
});

test('evaluate a shipped model on the Models screen: figures, histograms, reconstruction, asked-for keys', async ({ page }, info) => {
  test.setTimeout(240_000);
  await page.goto(serve.launchUrl);
  await page.getByTestId('open-models').click();
  const melody = page.locator('[data-testid="model-row"][data-origin="shipped"]').filter({ hasText: 'melody-2bar' });
  await melody.getByTestId('model-evaluate').click();
  const card = page.getByTestId('model-evaluation');
  await expect(card).toHaveAttribute('data-state', 'running');
  // 128 melodies and 80 more for the key and density checks, on two busy cores: allow minutes.
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(card.locator('[data-testid="evaluation-figure"][data-figure="pitchRange"]')).toBeVisible();
  await expect(card.getByTestId('evaluation-histogram')).toHaveCount(2);
  await expect(card.getByTestId('evaluation-reconstruction')).toContainText(/\d+\.\d % of steps decoded exactly/);
  await expect(card.getByTestId('evaluation-key')).toHaveCount(3);
  await expect(card.getByTestId('evaluation-key').first()).toContainText('C major');
  await shot(page, info, 'models-evaluation');
});
