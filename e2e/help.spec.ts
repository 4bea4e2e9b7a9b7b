// Help and the name fields, as a user meets them: the app's name and icon, the shortcuts overlay
// (built from the command registry) and About; creating and renaming projects with every problem
// said at the field; and a long project list shown a page at a time.
import { expect, test } from '@playwright/test';
import { callHost } from './host-api';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

test('the app name, favicon, shortcuts overlay and About', async ({ page }, info) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(serve.launchUrl);
  await expect(page.getByTestId('status-connection')).toContainText(/connected/i);
  await expect(page.getByTestId('app-name')).toHaveText('Montage');

  // The favicon is a same-origin file the server hands out.
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  // Fetched by the page itself: the launch host may be a `*.localhost` name only browsers resolve.
  const icon = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, type: r.headers.get('content-type') ?? '' };
  }, href ?? '');
  expect(icon.status).toBe(200);
  expect(icon.type).toContain('image/svg+xml');

  // ? opens the overlay, Escape closes it; Ctrl+/ too, even from a text field, where ? is typing.
  await page.locator('body').click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('Shift+?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay).toBeVisible();
  const jobsRow = overlay.locator('[data-command="jobs.togglePanel"]');
  await expect(jobsRow).toContainText('Show or hide the Jobs panel');
  await expect(jobsRow.locator('kbd')).toHaveText(['Ctrl', 'J']);
  await expect(overlay.locator('[data-command="edit.redo"] kbd')).toHaveText(['Ctrl', 'Shift', 'Z', 'Ctrl', 'Y']);
  await expect(overlay.locator('[data-command="help.shortcuts"]')).toBeVisible();
  await shot(page, info, 'shortcuts-overlay');
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);

  const name = page.getByTestId('new-project-name');
  await name.click();
  await page.keyboard.type('What?');
  await expect(name).toHaveValue('What?');
  await expect(overlay).toHaveCount(0);
  await page.keyboard.press('Control+/');
  await expect(overlay).toBeVisible();
  await page.keyboard.press('Control+/');
  await expect(overlay).toHaveCount(0);
  await name.fill('');

  // The header's buttons lead to the same places for those who don't know the keys.
  await page.getByTestId('open-shortcuts').click();
  await expect(overlay).toBeVisible();
  await overlay.getByTestId('dialog-close').click();
  await expect(overlay).toHaveCount(0);

  await page.getByTestId('open-about').click();
  const about = page.getByTestId('about-dialog');
  await expect(about).toBeVisible();
  await expect(about.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(about.getByTestId('about-data-dir')).toContainText(serve.dataDir.split('/').pop() ?? '');
  await expect(about).toContainText('MIT');
  const credits = about.getByTestId('about-credits');
  for (const lib of ['React', 'zustand', 'uPlot', 'TensorFlow.js', 'better-sqlite3', 'ws', 'zod', 'Tone.js']) await expect(credits).toContainText(lib);
  await expect(credits.locator('li', { hasText: 'TensorFlow.js' })).toContainText('Apache-2.0');
  await expect(about.getByTestId('about-models')).toContainText('Salamander Grand Piano V3 samples by Alexander Holm');
  await expect(about.getByTestId('about-models')).toContainText('CC BY 3.0');
  await shot(page, info, 'about');
  await page.keyboard.press('Escape');
  await expect(about).toHaveCount(0);
  expect(cspErrors).toEqual([]);
});

test('F2 renames the open project; Escape cancels the rename, then goes back', async ({ page }) => {
  await page.goto(serve.launchUrl);
  await page.getByTestId('new-project-name').fill('Keys');
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-row').filter({ hasText: 'Keys' }).getByTestId('project-open').click();
  await expect(page.getByTestId('project-title')).toHaveText('Keys');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('rename-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project-title')).toHaveText('Keys');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('new-project-name')).toBeVisible();
});

test('new project: double-click, long paste and duplicates are all handled at the field', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  const name = page.getByTestId('new-project-name');
  const error = page.getByTestId('new-project-error');
  const rows = page.getByTestId('project-row');

  // Double-click Create: one project, no complaint about the field the success cleared.
  await name.fill('Double');
  await page.getByTestId('create-project').dblclick();
  await expect(rows.filter({ hasText: 'Double' })).toHaveCount(1);
  // A late second click (the host answered between the two) must not complain either.
  await page.getByTestId('create-project').click();
  await expect(error).toHaveCount(0);
  await expect(name).toHaveAttribute('aria-invalid', 'false');

  // A long paste is kept whole; the field says the limit and the count, live.
  await name.click();
  await page.keyboard.insertText('n'.repeat(250));
  await expect(name).toHaveValue('n'.repeat(250));
  await expect(page.getByTestId('new-project-count')).toHaveText('250 / 120');
  await expect(error).toContainText('at most 120 characters');
  await expect(error).toContainText('remove 130');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  expect(await name.getAttribute('aria-describedby')).toContain('new-project-error');
  await shot(page, info, 'name-too-long');
  await name.press('Enter');
  await expect(error).toContainText('at most 120 characters');
  await expect(rows.filter({ hasText: 'nnnnnnnnnn' })).toHaveCount(0);
  await name.fill('n'.repeat(120));
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('new-project-count')).toHaveText('120 / 120');
  await name.fill('');

  // The host's "already exists" is said at the field, not in a toast.
  await name.fill('double');
  await name.press('Enter');
  await expect(error).toContainText('already exists');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`#${describedBy.split(' ')[0]}`)).toContainText('already exists');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await name.fill('Other');
  await expect(error).toHaveCount(0);
  await name.press('Enter');
  await expect(rows.filter({ hasText: 'Other' })).toHaveCount(1);

  // Same at the inline rename field.
  await rows.filter({ hasText: 'Other' }).getByTestId('project-rename').click();
  const rename = page.getByTestId('rename-input');
  await rename.fill('DOUBLE');
  await rename.press('Enter');
  await expect(page.getByTestId('rename-error')).toContainText('already exists');
  await expect(rename).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await shot(page, info, 'rename-duplicate');
  await rename.fill('x'.repeat(130));
  await expect(page.getByTestId('rename-count')).toHaveText('130 / 120');
  await expect(page.getByTestId('rename-error')).toContainText('at most 120 characters');
  await rename.press('Escape');
  await expect(rows.filter({ hasText: 'Other' })).toHaveCount(1);
});

test('a long project list shows a page at a time', async ({ page }, info) => {
  await page.goto(serve.launchUrl);
  await expect(page.getByTestId('status-connection')).toContainText(/connected/i);
  const existing = await callHost<{ total: number }>(page, 'projects', 'list', { limit: 1 });
  const wanted = 230 - existing.total;
  for (let i = 0; i < wanted; i++) await callHost(page, 'projects', 'create', { name: `Bulk ${String(i).padStart(3, '0')}` });
  await page.reload();
  const rows = page.getByTestId('project-row');
  await expect(rows).toHaveCount(200);
  await expect(page.locator('.count-pill')).toHaveText('230');
  const more = page.getByTestId('projects-show-more');
  await expect(more).toHaveText('Show more (30 more)');
  await shot(page, info, 'projects-paged');
  await more.click();
  await expect(rows).toHaveCount(230);
  await expect(more).toHaveCount(0);
});
