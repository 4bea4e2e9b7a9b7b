// Jobs as a user meets them: a benchmark queued behind a running one (the chart keeps drawing the
// running one), every Benchmark click in every tab getting a job, "Clear finished", and what a job
// says when the host goes away mid-run and after it comes back.
import { expect, test, type Page } from '@playwright/test';
import { callHost } from './host-api';
import { serveForThisFile, shot, startServe } from './serve-fixture';

const serve = serveForThisFile();

const points = async (page: Page) => Number(await page.getByTestId('loss-chart').getAttribute('data-points'));

test('a queued benchmark waits visibly; every click in every tab gets a job; finished jobs clear', async ({ page, context }, info) => {
  // Five live tabs and a training job share two cores in CI: every step here is slow, none is timed.
  test.setTimeout(300_000);
  await page.goto(serve.launchUrl);
  await expect(page.getByTestId('status-connection')).toContainText(/connected/i);
  const start = page.getByTestId('start-benchmark');
  // A long first run (the button's runs take seconds here), so the others surely queue behind it.
  await callHost(page, 'benchmarks', 'start', { steps: 3000 });
  const rows = page.getByTestId('jobs-panel').getByTestId('job-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'running');
  await expect(rows.first().getByTestId('job-started')).toContainText('Started');
  await expect.poll(() => points(page)).toBeGreaterThanOrEqual(2);

  // A second click queues another one behind it; the chart stays on the running one.
  await expect(start).toHaveText('Queue another benchmark');
  await start.click();
  await expect(rows).toHaveCount(2);
  const queued = page.locator('[data-testid="job-row"][data-status="queued"]');
  await expect(queued.first().getByTestId('job-progress-text')).toContainText('Queued behind “Benchmark');
  await expect(queued.first().getByTestId('job-started')).toContainText('Queued');
  await expect(page.getByTestId('chart-caption')).toHaveText('Live run · 1 more queued');
  const before = await points(page);
  expect(before).toBeGreaterThanOrEqual(2);
  await expect.poll(() => points(page)).toBeGreaterThan(before);
  await expect(page.locator('.loss-chart-empty')).toHaveCount(0);
  await shot(page, info, 'jobs-panel-queued');

  // Five tabs click Benchmark at once: five more jobs, none lost.
  const tabs = [page];
  for (let i = 0; i < 4; i++) {
    const tab = await context.newPage();
    await tab.goto(serve.origin + '/');
    await expect(tab.getByTestId('status-connection')).toContainText(/connected/i);
    // The Jobs panel opens by itself when another tab's job arrives, and narrows the card under the
    // pointer: open it first so every click lands on the button it aimed at.
    const panel = tab.getByTestId('jobs-panel');
    await expect(async () => {
      if (!(await panel.isVisible())) await tab.getByTestId('jobs-toggle').click();
      await expect(panel).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    tabs.push(tab);
  }
  await test.step('five tabs click Benchmark at once', async () => {
    await Promise.all(tabs.map((tab) => tab.getByTestId('start-benchmark').click()));
    // Each tab's start settles first (a refusal shows beside its button), then the host's own list
    // is counted, then this tab's rows: a failure says which of the three went wrong.
    for (const tab of tabs) {
      await expect(tab.getByTestId('start-benchmark')).not.toHaveText('Starting…');
      await expect(tab.getByTestId('benchmark-start-error')).toHaveCount(0);
    }
    await expect.poll(async () => (await callHost<unknown[]>(page, 'jobs', 'list')).length).toBe(7);
    await expect(rows).toHaveCount(7);
  });
  for (const tab of tabs.slice(1)) await tab.close();

  // Cancel them all through the host (the Cancel button has its own test in studio.spec), then
  // clear the finished ones away in the panel.
  for (const job of await callHost<{ id: string; status: string }[]>(page, 'jobs', 'list')) {
    if (job.status === 'queued' || job.status === 'running') await callHost(page, 'jobs', 'cancel', { id: job.id });
  }
  await expect(page.locator('[data-testid="job-row"][data-status="queued"], [data-testid="job-row"][data-status="running"]')).toHaveCount(0);
  await expect(rows).toHaveCount(7);
  const clear = page.getByTestId('jobs-clear-finished');
  await expect(clear).toBeEnabled();
  await clear.click();
  await expect(rows).toHaveCount(0);
  await expect(clear).toBeDisabled();
  await expect(clear).toHaveAttribute('title', 'No finished jobs to clear');
  await page.reload();
  await page.getByTestId('jobs-toggle').click();
  await expect(page.getByTestId('jobs-panel')).toContainText('No jobs yet');
});

test('a running job while the host is gone: status unknown, clock stopped; after a restart, interrupted', async ({ page }, info) => {
  let own = await startServe();
  try {
    await page.goto(own.launchUrl);
    await expect(page.getByTestId('status-connection')).toContainText(/connected/i);
    // Long enough that it is surely still running when the host goes.
    await callHost(page, 'benchmarks', 'start', { steps: 3000 });
    const job = page.getByTestId('jobs-panel').getByTestId('job-row').first();
    await expect(job).toHaveAttribute('data-status', 'running');
    await expect.poll(async () => Number(await job.getByTestId('job-progress').getAttribute('aria-valuenow'))).toBeGreaterThan(0);

    // The host dies mid-run.
    const port = Number(new URL(own.origin).port);
    await own.stop({ keepData: true, signal: 'SIGKILL' });
    await expect(page.getByTestId('connection-banner')).toBeVisible();
    await expect(job).toHaveAttribute('data-display-status', 'unknown');
    await expect(job.getByTestId('job-status')).toHaveText('Status unknown');
    await expect(job.getByTestId('job-progress-text')).toHaveText('Connection lost — status unknown');
    await expect(job.getByTestId('job-cancel')).toBeDisabled();
    await expect(page.getByTestId('chart-caption')).toHaveText('Connection lost — status unknown');
    await expect(page.getByTestId('status-jobs')).toContainText('status unknown');
    // The clock does not tick on (it ticks every second while a job runs).
    const frozen = await job.getByTestId('job-elapsed').textContent();
    await page.waitForTimeout(2500);
    await expect(job.getByTestId('job-elapsed')).toHaveText(frozen ?? '');
    await shot(page, info, 'jobs-connection-lost');

    // The host comes back (a new launch, so a new link): the job was interrupted.
    own = await startServe({ dataDir: own.dataDir, port });
    await page.goto(own.launchUrl);
    await page.getByTestId('jobs-toggle').click();
    const after = page.getByTestId('jobs-panel').getByTestId('job-row').first();
    await expect(after).toHaveAttribute('data-status', 'interrupted');
    await expect(after.getByTestId('job-status')).toHaveText('Interrupted');
    await expect(after.getByTestId('job-interrupted')).toContainText(/interrupted|closed|stopped/i);
    await expect(page.getByTestId('chart-caption')).toHaveText('Latest run · interrupted');
    await shot(page, info, 'jobs-interrupted');
  } finally {
    await own.stop();
  }
});
