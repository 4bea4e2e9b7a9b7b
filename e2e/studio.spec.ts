// The studio as a user meets it in a browser: projects, the benchmark job with its live progress
// and loss plot, persistence across a reload, typed errors in the UI, and the access token.
import { expect, test } from '@playwright/test';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

test('projects, a benchmark with live progress, and persistence across a reload', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await expect(page).toHaveURL(`${serve.origin}/`); // the token moved from the URL into a cookie
  await expect(page.getByTestId('status-connection')).toContainText(/connected/i);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');

  await page.getByTestId('new-project-name').fill('Night Drive EP');
  await page.getByTestId('create-project').click();
  const row = page.getByTestId('project-row').filter({ hasText: 'Night Drive EP' });
  await expect(row).toHaveCount(1);

  await page.getByTestId('new-project-name').fill('night drive ep');
  await page.getByTestId('new-project-name').press('Enter');
  // A duplicate is said at the field, not in a corner toast.
  await expect(page.getByTestId('new-project-error')).toContainText('already exists');
  await expect(page.getByTestId('new-project-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await shot(page, info, 'home-error-at-field');
  await page.getByTestId('new-project-name').fill('');

  await row.getByTestId('project-open').click();
  await expect(page.getByTestId('project-title')).toHaveText('Night Drive EP');
  await shot(page, info, 'project');
  await page.getByTestId('home-link').click();

  await page.getByTestId('start-benchmark').click();
  const panel = page.getByTestId('jobs-panel');
  await expect(panel).toBeVisible();
  const job = panel.getByTestId('job-row').first();
  await expect(job).toHaveAttribute('data-status', 'running');
  const progress = job.getByTestId('job-progress');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  const early = Number(await progress.getAttribute('aria-valuenow'));
  const chart = page.getByTestId('loss-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(early);
  await expect(chart.locator('canvas')).toBeVisible();
  await shot(page, info, 'benchmark-running');

  await expect(job).toHaveAttribute('data-status', 'succeeded', { timeout: 110_000 });
  await expect(page.getByTestId('benchmark-run-row')).toHaveCount(1);
  await expect(page.getByTestId('benchmark-run-row').first()).toContainText('wasm');
  // The result in a user's terms, the technical figures one click away.
  const summary = page.getByTestId('benchmark-summary');
  await expect(summary).toContainText(/trains a small melody model at [\d.]+ steps a second/);
  await expect(summary).toContainText(/four-bar melody model for 1,000 steps would take (about|a few)/);
  await summary.getByText('Details').click();
  await expect(page.getByTestId('benchmark-details')).toContainText('Steps/s');
  await expect(page.getByTestId('benchmark-details')).toContainText('wasm');
  await shot(page, info, 'benchmark-done');

  await page.reload();
  await expect(page.getByTestId('project-row').filter({ hasText: 'Night Drive EP' })).toHaveCount(1);
  await expect(page.getByTestId('benchmark-run-row')).toHaveCount(1);
  await page.getByTestId('jobs-toggle').click();
  await expect(page.getByTestId('jobs-panel').getByTestId('job-row').first()).toHaveAttribute('data-status', 'succeeded');
  await shot(page, info, 'after-reload');
});

test('cancel a running benchmark from the Jobs panel', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await page.getByTestId('start-benchmark').click();
  const job = page.getByTestId('jobs-panel').getByTestId('job-row').first();
  await expect(job).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await job.getByTestId('job-progress').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await job.getByTestId('job-cancel').click();
  await expect(job).toHaveAttribute('data-status', 'cancelled');
  await expect(job.getByTestId('job-cancel')).toHaveCount(0);
  await shot(page, info, 'jobs-cancelled');
});

test('rename and delete a project, with undo and redo', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await page.getByTestId('new-project-name').fill('Pilot');
  await page.getByTestId('create-project').click();
  const rows = page.getByTestId('project-row');
  const named = (name: string) => rows.filter({ has: page.getByText(name, { exact: true }) });
  await named('Pilot').getByTestId('project-rename').click();
  await page.getByTestId('rename-input').fill('Pilot, draft 2');
  await page.getByTestId('rename-input').press('Enter');
  await expect(named('Pilot, draft 2')).toHaveCount(1);

  await named('Pilot, draft 2').getByTestId('project-delete').click();
  await shot(page, info, 'delete-dialog');
  await page.getByTestId('confirm-delete').click();
  await expect(named('Pilot, draft 2')).toHaveCount(0);
  const undo = page.getByTestId('toast').filter({ hasText: 'Deleted “Pilot, draft 2”' }).getByTestId('toast-action');
  await shot(page, info, 'deleted-undo-toast');
  await undo.click();
  await expect(named('Pilot, draft 2')).toHaveCount(1);

  // Keyboard: undo the rename, then redo it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(named('Pilot')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(named('Pilot, draft 2')).toHaveCount(1);
  await page.reload();
  await expect(named('Pilot, draft 2')).toHaveCount(1);

  await named('Pilot, draft 2').getByTestId('project-delete').click();
  await page.getByTestId('confirm-delete').click();
  await expect(named('Pilot, draft 2')).toHaveCount(0);
  await page.reload();
  await expect(rows.filter({ hasText: 'Pilot' })).toHaveCount(0);
});

test('a request without the token is refused', async ({ browser }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const response = await page.goto(serve.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('access token');
  const wrong = await page.goto(`${serve.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
  await stranger.close();
});
