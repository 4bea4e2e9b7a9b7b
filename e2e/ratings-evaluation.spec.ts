// "Evaluate on a ratings file…" in Insights → How For you ranks, as a user meets it: a small
// MovieLens ratings.csv of two taste groups (so item k-NN beats popularity) with two damaged rows is
// picked, its format guessed; popularity and item k-NN run as a job to a table with the best row
// marked, the protocol and an import report of 2 skipped rows with their reasons; the table exports
// as CSV. A second run on a 300,000-row file is cancelled as soon as it shows progress (its upload,
// most often), a third once its job runs: each says so, the first result stays as it was and the
// host keeps no part of the file. A CSV dropped on the
// section gets its columns offered; read as a MovieLens file, the host's refusal is said.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

/** A small PRNG so the files are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two taste groups: users 1–30 rate movies 1–40, users 31–50 rate movies 101–140 (each 12 of them,
 * in time order). Group one is larger, so popularity only serves it; item k-NN serves both.
 * Two damaged rows: one short a field, one with a time that is not a number.
 */
function smallRatings(): string {
  const rnd = random(7);
  const lines = ['userId,movieId,rating,timestamp'];
  let t = 1_000_000_000;
  for (let user = 1; user <= 50; user++) {
    const base = user <= 30 ? 1 : 101;
    const seen = new Set<number>();
    while (seen.size < 12) seen.add(base + Math.floor(rnd() * 40));
    for (const movie of seen) lines.push(`${user},${movie},${(3 + Math.floor(rnd() * 5) / 2).toFixed(1)},${(t += 60)}`);
  }
  lines.splice(40, 0, '7,12,4.0');
  lines.splice(200, 0, '9,15,4.0,yesterday');
  return `${lines.join('\n')}\n`;
}

/** 300,000 rows (about 6 MB) of 6,000 users over 3,000 movies. */
function bigRatings(): Buffer {
  const rnd = random(11);
  const parts = ['userId,movieId,rating,timestamp\n'];
  for (let i = 0; i < 300_000; i++) parts.push(`${1 + Math.floor(i / 50)},${1 + Math.floor(rnd() * 3000)},4.0,${1_100_000_000 + i}\n`);
  return Buffer.from(parts.join(''));
}

const uploadsLeft = (dataDir: string): string[] => {
  const dir = join(dataDir, 'uploads', 'ratings');
  return existsSync(dir) ? readdirSync(dir) : [];
};

async function openInsights(page: Page): Promise<void> {
  await page.goto(serve.launchUrl);
  await page.getByTestId('open-insights').click();
  await expect(page).toHaveURL(/#\/insights$/);
}

test('evaluate two models on a ratings file, export the table, then cancel a big run', async ({ page }, info) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openInsights(page);

  const section = page.getByTestId('ranking-evaluation');
  const flow = section.getByTestId('ratings-file');
  await expect(flow.getByTestId('ratings-choose')).toHaveText('Evaluate on a ratings file…');

  // Pick the small file: the format is guessed from its header, all six models are ticked.
  await flow.getByTestId('ratings-file-input').setInputFiles({ name: 'ratings-small.csv', mimeType: 'text/csv', buffer: Buffer.from(smallRatings()) });
  await expect(flow.getByTestId('ratings-chosen-name')).toHaveText('ratings-small.csv');
  await expect(flow.getByTestId('ratings-format')).toHaveValue('movielens-csv');
  await expect(flow.getByTestId('ratings-format-warning')).toHaveCount(0);
  for (const m of ['popularity', 'itemknn', 'als', 'bpr', 'ease', 'neumf']) await expect(flow.getByTestId(`ratings-model-${m}`)).toBeChecked();
  await expect(flow).toContainText('NeuMF and EASE take the longest');

  // Only popularity and item k-NN.
  for (const m of ['als', 'bpr', 'ease', 'neumf']) await flow.getByTestId(`ratings-model-${m}`).uncheck();
  for (const m of ['popularity', 'itemknn']) await flow.getByTestId(`ratings-model-${m}`).uncheck();
  await expect(flow.getByTestId('ratings-run')).toBeDisabled();
  await expect(flow.getByTestId('ratings-blocker')).toHaveText('Choose at least one model.');
  for (const m of ['popularity', 'itemknn']) await flow.getByTestId(`ratings-model-${m}`).check();
  await expect(flow.getByTestId('ratings-blocker')).toHaveCount(0);
  await flow.getByTestId('ratings-run').click();

  // The job runs and finishes: the table with both rows, item k-NN marked best.
  const table = flow.getByTestId('ratings-table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  await expect(flow.getByTestId('ratings-progress')).toHaveCount(0);
  await expect(flow.getByTestId('ratings-outcome')).toHaveCount(0);
  const rows = table.getByTestId('ratings-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-model', 'popularity');
  await expect(rows.nth(1)).toHaveAttribute('data-model', 'itemknn');
  await expect(rows.nth(1)).toHaveAttribute('data-best', 'true');
  await expect(rows.nth(1).locator('th')).toContainText('Item k-NN');
  await expect(rows.nth(1).locator('th')).toContainText('Best');
  const ndcg = async (i: number) => Number(await rows.nth(i).locator('td').nth(1).textContent());
  expect(await ndcg(1)).toBeGreaterThan(await ndcg(0));
  await expect(flow.getByTestId('ratings-result-title')).toHaveText('Results on “ratings-small.csv”');
  const small = smallRatings();
  const items = new Set(small.split('\n').slice(1).map((l) => l.split(',')[1]).filter((m) => m)).size;
  await expect(flow.getByTestId('ratings-protocol')).toContainText(`50 users × ${items} items`);
  await expect(flow.getByTestId('ratings-protocol')).toContainText('600 interactions');
  await expect(flow.getByTestId('ratings-protocol')).toContainText(/seed \d+/);
  // The import report: 2 skipped, each reason with its line.
  await expect(flow.getByTestId('ratings-import-line')).toContainText('602 rows read · 600 imported · 2 skipped');
  const skips = flow.getByTestId('ratings-skip');
  await expect(skips).toHaveCount(2);
  await expect(skips.nth(0)).toContainText('wrong number of fields (expected 4)');
  await expect(skips.nth(0)).toContainText('1 row, line 41');
  await expect(skips.nth(1)).toContainText('time is not a number');
  await expect(skips.nth(1)).toContainText('1 row, line 201');
  await expect.poll(() => uploadsLeft(serve.dataDir)).toEqual([]);
  await shot(page, info, 'ratings-evaluation-result');
  await section.screenshot({ path: info.outputPath('ratings-evaluation-section.png') });

  // Export CSV of the table.
  const [csv] = await Promise.all([page.waitForEvent('download'), flow.getByTestId('ratings-export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^montage-ratings-evaluation-ratings-small-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toBe('model,model id,HR@10,NDCG@10,fit seconds,best');
  expect(csvText).toMatch(/\r\nItem k-NN,itemknn,[\d.]+,[\d.]+,[\d.]+,yes\r\n/);

  // A second run on a big file, cancelled as soon as it shows progress.
  const before = await flow.getByTestId('ratings-result').innerText();
  await flow.getByTestId('ratings-file-input').setInputFiles({ name: 'ratings-big.csv', mimeType: 'text/csv', buffer: bigRatings() });
  await expect(flow.getByTestId('ratings-chosen-name')).toHaveText('ratings-big.csv');
  for (const m of ['als', 'bpr', 'ease', 'neumf']) await flow.getByTestId(`ratings-model-${m}`).check();
  await flow.getByTestId('ratings-run').click();
  const progress = flow.getByTestId('ratings-progress');
  await expect(progress).toBeVisible();
  const phase = await progress.getAttribute('data-phase');
  await flow.getByTestId('ratings-cancel').click();
  info.annotations.push({ type: 'cancelled during', description: phase ?? '?' });
  const outcome = flow.getByTestId('ratings-outcome');
  await expect(outcome).toHaveAttribute('data-tone', 'cancelled', { timeout: 60_000 });
  await expect(outcome).toContainText(/“ratings-big\.csv”.* cancelled/);
  await expect(outcome).toContainText('The result below is from the previous run.');
  await expect(progress).toHaveCount(0);
  // Nothing else changed: the same result, and the host kept no part of the file.
  expect(await flow.getByTestId('ratings-result').innerText()).toBe(before);
  await expect.poll(() => uploadsLeft(serve.dataDir)).toEqual([]);
  await expect(flow.getByTestId('ratings-run')).toBeEnabled();
  await shot(page, info, 'ratings-evaluation-cancelled');

  // Once more, cancelled while the job runs (after the whole file went up): the job says Cancelled.
  await flow.getByTestId('ratings-run').click();
  await expect(progress).toHaveAttribute('data-phase', 'running', { timeout: 60_000 });
  await expect(flow.getByTestId('ratings-job-bar')).toBeVisible();
  await expect(flow.getByTestId('ratings-job-text')).not.toBeEmpty();
  await section.screenshot({ path: info.outputPath('ratings-evaluation-running.png') });
  await flow.getByTestId('ratings-cancel').click();
  await expect(outcome).toHaveText('Evaluation of “ratings-big.csv” cancelled. The result below is from the previous run.', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('job-row').filter({ hasText: 'ratings-big.csv' }).first()).toHaveAttribute('data-status', 'cancelled');
  expect(await flow.getByTestId('ratings-result').innerText()).toBe(before);
  await expect.poll(() => uploadsLeft(serve.dataDir)).toEqual([]);

  // A CSV of other columns dropped on the section: its columns are offered, guessed by name.
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['listener,track,played_at\na,x,1\n'], 'plays.csv', { type: 'text/csv' }));
    return dt;
  });
  await section.dispatchEvent('dragenter', { dataTransfer: drop });
  await expect(section).toHaveClass(/is-drop-target/);
  await section.screenshot({ path: info.outputPath('ratings-evaluation-drop.png') });
  await section.dispatchEvent('drop', { dataTransfer: drop });
  await expect(section).not.toHaveClass(/is-drop-target/);
  await expect(flow.getByTestId('ratings-chosen-name')).toHaveText('plays.csv');
  await expect(flow.getByTestId('ratings-format')).toHaveValue('csv');
  await expect(flow.getByTestId('ratings-column-user')).toHaveValue('listener');
  await expect(flow.getByTestId('ratings-column-item')).toHaveValue('track');
  await expect(flow.getByTestId('ratings-column-time')).toHaveValue('played_at');
  await expect(flow.getByTestId('ratings-result')).toBeVisible();
  await section.screenshot({ path: info.outputPath('ratings-evaluation-csv-columns.png') });

  // Read as a MovieLens file instead, it is warned about, and the host's refusal is said as text.
  await flow.getByTestId('ratings-format').selectOption('movielens-csv');
  await expect(flow.getByTestId('ratings-format-warning')).toContainText('does not look like a MovieLens ratings.csv');
  await flow.getByTestId('ratings-run').click();
  await expect(outcome).toHaveAttribute('data-tone', 'error', { timeout: 60_000 });
  await expect(outcome).toContainText(/^Could not evaluate: “plays\.csv” is not a .*MovieLens ratings\.csv: there is no column "userId"/);
  expect(await flow.getByTestId('ratings-result').innerText()).toBe(before);
  await section.screenshot({ path: info.outputPath('ratings-evaluation-error.png') });

  expect(problems).toEqual([]);
});
