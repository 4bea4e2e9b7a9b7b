// Images as a user meets them: import photos (Debian's darknet samples, and a mirrored, cropped
// copy of the dog) through "Import images…", watch them get tagged, open one and see the
// detector's boxes over it with labels and scores, search by tag, find similar images; a text
// file named .jpg and a JPEG cut short are refused at the control and nothing is added; then give
// images categories, train them (a job in the Jobs panel) and see the next import get one.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { darknetPhoto, photoVariant, truncated } from '../src/main/test/image-fixtures';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'montage-images-e2e-'));
const file = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const dog = darknetPhoto('dog.jpg');
const horses = darknetPhoto('horses.jpg');

const card = (page: Page, name: string) => page.locator(`[data-testid="image-card"][data-name="${name}"]`);
/** Uncaught errors of the page (a React crash blanks the window). */
const pageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
};
const tagged = (page: Page) => page.locator('[data-testid="image-card"][data-state="tagged"]');

test('import images, see their tags and boxes, search by tag, find similar', async ({ page }, info) => {
  const crashes = pageErrors(page);
  await openNewProject(page, serve.launchUrl, 'Location scout');
  await page.getByTestId('import-images-input').setInputFiles([file('dog.jpg', dog), file('horses.jpg', horses), file('dog copy.jpg', photoVariant(dog, 'mirrored-crop'))]);
  await expect(page.getByTestId('image-card')).toHaveCount(3);
  await page.getByTestId('image-grid').scrollIntoViewIfNeeded();
  // Usually still waiting for the session here (not asserted: it may be done already).
  await shot(page, info, 'images-tagging');
  // Tagging runs in the image-tagger session: the first image also waits for it to start.
  await expect(tagged(page)).toHaveCount(3, { timeout: 60_000 });
  await expect(card(page, 'dog.jpg').getByTestId('image-chips')).toContainText('dog');
  await expect(card(page, 'horses.jpg').getByTestId('image-chips')).toContainText('horse');
  await expect(card(page, 'dog.jpg').locator('img')).toHaveJSProperty('complete', true);
  expect(await card(page, 'dog.jpg').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
  await page.getByTestId('image-grid').scrollIntoViewIfNeeded();
  await shot(page, info, 'images-grid');

  // The panel: the photo with its boxes, every tag with its score.
  await card(page, 'dog.jpg').getByRole('button').click();
  const detail = page.getByTestId('image-detail');
  await expect(detail.getByRole('heading', { name: 'dog.jpg' })).toBeFocused();
  await expect(detail.getByTestId('image-full')).toHaveJSProperty('naturalWidth', 768);
  await expect(detail.getByTestId('image-box').filter({ hasText: /^dog \d+ %$/ })).toHaveCount(1);
  expect(await detail.getByTestId('image-box').count()).toBeGreaterThanOrEqual(3);
  await expect(detail.getByTestId('image-tags')).toContainText('bicycle');
  // The dog's box lies over the dog: left half of the photo, lower two thirds.
  const stage = await detail.getByTestId('image-full').boundingBox();
  const box = await detail.getByTestId('image-box').filter({ hasText: /^dog / }).boundingBox();
  if (!stage || !box) throw new Error('the image or its box is not on screen');
  expect(box.x + box.width / 2).toBeLessThan(stage.x + stage.width / 2);
  expect(box.y + box.height / 2).toBeGreaterThan(stage.y + stage.height / 2);
  await detail.scrollIntoViewIfNeeded();
  await shot(page, info, 'image-detail-boxes');

  // Find similar: the mirrored copy first, then the horses.
  await detail.getByTestId('find-similar').click();
  const similar = detail.getByTestId('similar-item');
  await expect(similar).toHaveCount(2);
  await expect(similar.first()).toContainText('dog copy.jpg');
  await expect(similar.nth(1)).toContainText('horses.jpg');
  await expect(similar.first().getByTestId('similar-score')).toHaveText(/^\d+ % similar$/);
  await expect(detail.getByTestId('similar-list')).toBeInViewport();
  await shot(page, info, 'image-find-similar');
  await detail.getByTestId('image-close').click();
  await expect(detail).toHaveCount(0);
  await expect(card(page, 'dog.jpg').getByRole('button')).toBeFocused();

  // Search by tag (a word's start is enough).
  await page.getByTestId('image-search').fill('hor');
  await expect(page.getByTestId('image-card')).toHaveCount(1);
  await expect(page.getByTestId('image-search-status')).toHaveText('1 of 3 images match “hor”.');
  await shot(page, info, 'image-search');
  await page.getByTestId('image-search').fill('zebra');
  await expect(page.getByTestId('image-search-status')).toHaveText('No image is tagged “zebra”.');
  await page.getByTestId('image-search').fill('');
  await expect(page.getByTestId('image-card')).toHaveCount(3);

  // Refusals at the control: the renderer's own check, then the host's.
  await page.getByTestId('import-images-input').setInputFiles([file('notes.jpg', Buffer.from('Call the location manager on Monday.\n')), file('cut.jpg', truncated(dog))]);
  await expect(page.getByTestId('import-images-error')).toContainText('“notes.jpg” is not an image Montage can read (JPEG or PNG).');
  await expect(page.getByTestId('import-images-error')).toContainText('“cut.jpg” is a damaged JPEG image: it is cut short (the end of the image is missing).');
  await expect(page.getByTestId('image-card')).toHaveCount(3);
  await expect(page.getByTestId('audio-row')).toHaveCount(0);
  await shot(page, info, 'images-refused');
  expect(crashes).toEqual([]);
});

test('give images categories, train them, and see the next import tagged', async ({ page }, info) => {
  const crashes = pageErrors(page);
  await openNewProject(page, serve.launchUrl, 'Mood board');
  await page
    .getByTestId('import-images-input')
    .setInputFiles([
      file('dog a.jpg', photoVariant(dog, 'top-left')),
      file('dog b.jpg', photoVariant(dog, 'bottom-right')),
      file('horses a.jpg', photoVariant(horses, 'top-left')),
      file('horses b.jpg', photoVariant(horses, 'bottom-right')),
    ]);
  await expect(tagged(page)).toHaveCount(4, { timeout: 60_000 });
  for (const [name, category] of [
    ['dog a.jpg', 'Dog walk'],
    ['dog b.jpg', 'Dog walk'],
    ['horses a.jpg', 'Ranch'],
    ['horses b.jpg', 'Ranch'],
  ] as const) {
    await card(page, name).getByRole('button').click();
    const detail = page.getByTestId('image-detail');
    await expect(detail.getByRole('heading', { name })).toBeVisible();
    await detail.getByTestId('image-category-input').fill(category);
    await detail.getByTestId('image-category-input').press('Enter');
    await expect(card(page, name).getByTestId('image-chips')).toContainText(category);
  }
  await page.getByTestId('image-close').click();
  await expect(page.getByTestId('image-categories')).toContainText('Your categories: Dog walk (2), Ranch (2)');

  await page.getByTestId('train-categories').click();
  await expect(page.getByTestId('train-categories-result')).toContainText('2 categories from 4 images: right on 4 of 4 images it had not seen (100 %, leave-one-out)', { timeout: 60_000 });
  // A new job opens the Jobs panel (unless it is open already).
  if (!(await page.getByTestId('jobs-panel').isVisible())) await page.getByTestId('jobs-toggle').click();
  const row = page.getByTestId('jobs-panel').getByTestId('job-row').filter({ hasText: 'Train image categories (“Mood board”)' });
  await expect(row).toHaveAttribute('data-status', 'succeeded');
  await expect(row).toContainText('right on 100 % left out');
  await shot(page, info, 'image-categories-trained');
  await page.getByTestId('jobs-toggle').click();
  await expect(page.getByTestId('jobs-panel')).toHaveCount(0);

  await page.getByTestId('import-images-input').setInputFiles([file('dog c.jpg', photoVariant(dog, 'centre'))]);
  await expect(tagged(page)).toHaveCount(5, { timeout: 60_000 });
  await expect(card(page, 'dog c.jpg').getByTestId('image-chips')).toContainText('Dog walk');
  await card(page, 'dog c.jpg').getByRole('button').click();
  await expect(page.getByTestId('image-tags')).toContainText('your category, predicted');
  await page.getByTestId('image-detail').scrollIntoViewIfNeeded();
  await shot(page, info, 'image-custom-tag');
  expect(crashes).toEqual([]);
});
