// The scene drafter as a writer uses it: open a script with two scenes, open ✦ Suggest (Ctrl+G);
// with no scene model yet it says so and offers "Train on my scripts…", which trains a tiny one on
// the project's scripts (the host runs with MONTAGE_TRAIN_TINY=1, test-only, so it takes seconds)
// with its live charts; then Next scene after the first scene shows candidate cards, one is
// accepted (the script gains its heading and synopsis after that scene; one undo removes it,
// redo puts it back), drafted (the draft is previewed laid out like the editor) and its draft
// accepted under its heading, and one is rejected with the keyboard. The accepts and rejects
// reach the history.
import { expect, test, type Page } from '@playwright/test';
import { parseFountain } from '../src/shared/script/fountain-parse';
import { callHost } from './host-api';
import { openNewProject, serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile({ env: { MONTAGE_TRAIN_TINY: '1' } });

const script = `Title: Night Shift

INT. DINER - NIGHT

= Mara asks Joe for one more coffee.

The diner is empty but for MARA at the counter.

MARA
One more. Then I go.

JOE
You said that an hour ago.

EXT. PARKING LOT - NIGHT

= Joe follows Mara out into the rain.

Rain on the neon. Mara's car will not start.

JOE
Need a ride?

MARA
I need a mechanic.
`;

/** More scenes of the same people, so the tiny model has something to learn from. */
const more = Array.from({ length: 8 }, (_, i) =>
  [
    `${i % 2 ? 'EXT' : 'INT'}. ${['GARAGE', 'DINER', 'STREET', 'MOTEL'][i % 4]} - ${i % 3 ? 'NIGHT' : 'DAY'}`,
    `= ${i % 2 ? 'Joe' : 'Mara'} ${['waits', 'argues', 'leaves', 'returns'][i % 4]}.`,
    `${i % 2 ? 'Joe' : 'Mara'} looks at the clock.`,
    `MARA\n${['Not tonight.', 'Fine.', 'Give me the keys.', 'You again.'][i % 4]}`,
    `JOE\n${['Suit yourself.', 'It is late.', 'Here.', 'Me again.'][i % 4]}`,
  ].join('\n\n'),
).join('\n\n');

const line = (page: Page, kind: string) => page.locator(`[data-testid="script-editor"] .cm-line[data-kind="${kind}"]`);

test('suggest the next scene, accept it (and undo), draft it, reject one', async ({ page }, info) => {
  test.setTimeout(240_000);
  await openNewProject(page, serve.launchUrl, 'Drafts');
  const projectId = decodeURIComponent(/#\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '');
  const doc = await callHost<{ id: string }>(page, 'scripts', 'create', { projectId, name: 'Night Shift', fountain: script });
  await callHost(page, 'scripts', 'create', { projectId, name: 'More nights', fountain: `Title: More nights\n\n${more}\n` });
  await page.evaluate((hash) => (location.hash = hash), `#/projects/${encodeURIComponent(projectId)}/scripts/${encodeURIComponent(doc.id)}`);
  await expect(page.getByTestId('script-screen')).toBeVisible();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. DINER - NIGHT', 'EXT. PARKING LOT - NIGHT']);

  // The cursor in the first scene, then Ctrl+G opens the drafter.
  await line(page, 'action').first().click();
  await page.keyboard.press('Control+g');
  const panel = page.getByTestId('drafter-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('drafter-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('drafter-where')).toContainText('after scene 1, INT. DINER - NIGHT');

  const scenes = await callHost<unknown[]>(page, 'models', 'list', { kind: 'scenes' });
  if (scenes.length === 0) {
    // No scene model: the panel says so and offers to train one on the project's scripts.
    await expect(panel.getByTestId('drafter-no-model')).toBeVisible();
    await shot(page, info, 'drafter-no-model');
    await panel.getByTestId('drafter-train').click();
    const dialog = page.getByTestId('train-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('train-script')).toHaveCount(2);
    await expect(dialog.getByTestId('train-preview-line')).toHaveText(/^Found 10 scenes in 2 scripts/);
    await shot(page, info, 'train-scenes-preview');
    await dialog.getByTestId('train-name').fill('Night scenes');
    await dialog.getByTestId('train-steps').fill('24');
    await dialog.getByTestId('train-start').click();
    await expect(dialog.getByTestId('train-progress')).toBeVisible();
    await expect(dialog.getByTestId('chart-perplexity')).toBeVisible();
    await expect(dialog.getByTestId('train-progress')).toHaveAttribute('data-status', 'succeeded', { timeout: 150_000 });
    await expect(dialog.getByTestId('training-figures')).toContainText('perplexity');
    await shot(page, info, 'train-scenes-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByTestId('drafter-no-model')).toBeHidden();
  }
  await expect(panel.getByTestId('drafter-model')).not.toHaveValue('');
  await expect(panel).toHaveAttribute('data-warm', 'warm', { timeout: 60_000 });

  // Next scene: three candidates after the first scene.
  await panel.getByTestId('drafter-count').fill('3');
  await panel.getByTestId('drafter-next').click();
  const cards = panel.getByTestId('drafter-card');
  await expect(cards).toHaveCount(3, { timeout: 60_000 });
  await expect(panel.getByTestId('drafter-ms')).toContainText(/\d+ (ms|s)/);
  for (const heading of await cards.getByTestId('drafter-heading').allTextContents()) expect(heading).toMatch(/^(INT|EXT|INT\.?\/EXT|I\/E)[. ]/);
  await shot(page, info, 'drafter-candidates');

  // Accept the first: its heading and synopsis go between the two scenes, as one undo step.
  const first = cards.first();
  const heading = (await first.getByTestId('drafter-heading').textContent()) ?? '';
  const beat = (await first.getByTestId('drafter-beat').textContent()) ?? '';
  const hasBeat = !(await first.getByTestId('drafter-beat').evaluate((el) => el.classList.contains('text-faint')));
  await first.getByTestId('drafter-accept').click();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. DINER - NIGHT', heading, 'EXT. PARKING LOT - NIGHT']);
  if (hasBeat) await expect(line(page, 'synopsis').nth(1)).toHaveText(`= ${beat}`);
  await expect(first).toHaveAttribute('data-status', 'accepted');
  await expect(page.getByTestId('script-saving')).toHaveAttribute('data-unsaved', '0');
  await expect(page.getByTestId('script-undo')).toContainText('Add suggested scene');
  await shot(page, info, 'drafter-accepted');
  await page.getByTestId('script-undo').click();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. DINER - NIGHT', 'EXT. PARKING LOT - NIGHT']);
  await page.getByTestId('script-redo').click();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. DINER - NIGHT', heading, 'EXT. PARKING LOT - NIGHT']);

  // Draft it: the draft is previewed like the editor lays it out, then accepted under its heading.
  const characters = await first.getByTestId('drafter-character').allTextContents();
  await first.getByTestId('drafter-draft-card').click();
  const draft = first.getByTestId('drafter-draft');
  await expect(draft).toBeVisible({ timeout: 60_000 });
  await expect(draft.locator('.drafter-line').first()).toHaveAttribute('data-kind', 'sceneHeading');
  const cues = await draft.locator('.drafter-line[data-kind="character"]').allTextContents();
  // A scene with characters is drafted with them speaking (the drafter's constraint).
  if (characters.length > 0) expect(cues.length).toBeGreaterThan(0);
  for (const cue of cues) expect(characters.length === 0 || characters.some((c) => cue.toUpperCase().startsWith(c.toUpperCase()))).toBe(true);
  await shot(page, info, 'drafter-draft');
  // What to find in the script once the draft is in: its first cue, else its first words.
  // (Blank preview lines hold a no-break space: the first line with words is taken.)
  const bodyLines = await draft.locator('.drafter-line:not([data-kind="sceneHeading"])').allTextContents();
  const firstDrafted = cues[0]?.replace(/\s*\(CONT'D\)$/, '') ?? (bodyLines.find((l) => /\S/.test(l)) ?? '').trim().slice(0, 30);
  expect(firstDrafted).not.toBe('');
  // Counted in the stored text: the editor draws only the lines in view.
  const stored = async () => (await callHost<{ content: { fountain: string } }>(page, 'scripts', 'open', { id: doc.id })).content.fountain;
  const count = (fountain: string, type: string) => parseFountain(fountain).script.elements.filter((e) => e.type === type).length;
  const before = await stored();
  await draft.getByTestId('drafter-accept-draft').click();
  await expect(line(page, 'sceneHeading')).toHaveText(['INT. DINER - NIGHT', heading, 'EXT. PARKING LOT - NIGHT']);
  await expect(page.getByTestId('script-undo')).toContainText('Add drafted scene');
  await expect(cards).toHaveCount(2);
  const text = await stored();
  expect(count(text, 'character')).toBe(count(before, 'character') + cues.length);
  if (cues.length > 0) expect(count(text, 'dialogue')).toBeGreaterThan(count(before, 'dialogue'));
  // The drafted lines sit in the new scene: after its heading, before the next. Whitespace is
  // compared loosely: the preview lays a paragraph out on one line that the text may break.
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.indexOf(heading);
  const cueAt = flat.indexOf(firstDrafted.replace(/\s+/g, ' ').trim(), at);
  expect(at).toBeGreaterThan(0);
  expect(cueAt).toBeGreaterThan(at);
  expect(cueAt).toBeLessThan(flat.indexOf('EXT. PARKING LOT - NIGHT'));
  await shot(page, info, 'drafter-draft-accepted');

  // Reject one with the keyboard: focus the list, arrow down, Delete.
  await cards.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toBeFocused();

  // The accepts and the reject are in the history.
  const history = await callHost<{ type: string; data: { scene?: unknown; args?: { writer?: string } } }[]>(page, 'history', 'list', { projectId, types: ['scene.accepted', 'scene.rejected'], limit: 50 });
  expect(history.filter((h) => h.type === 'scene.accepted').length).toBeGreaterThanOrEqual(2);
  expect(history.filter((h) => h.type === 'scene.rejected').length).toBeGreaterThanOrEqual(1);
  // A scene suggestion's record says what the scene was like, for ordering later ones by taste.
  expect(history.find((h) => h.type === 'scene.rejected' && h.data.args?.writer === 'scene')?.data.scene).toMatchObject({ intExt: expect.stringMatching(/^(INT|EXT|INT\/EXT)$/) });

  // Escape with the focus in the panel closes it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await shot(page, info, 'drafter-closed');
});

test('train a scene model on the project’s scripts from the project screen', async ({ page }, info) => {
  test.setTimeout(200_000);
  await openNewProject(page, serve.launchUrl, 'Scene school');
  const projectId = decodeURIComponent(/#\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '');
  await callHost(page, 'scripts', 'create', { projectId, name: 'Night Shift', fountain: script });
  await callHost(page, 'scripts', 'create', { projectId, name: 'More nights', fountain: `Title: More nights\n\n${more}\n` });
  await page.reload();
  await expect(page.getByTestId('project-title')).toHaveText('Scene school');
  await page.getByTestId('project-train-scenes').click();
  const dialog = page.getByTestId('train-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('train-script')).toHaveCount(2);
  await expect(dialog.getByTestId('train-preview-line')).toHaveText(/^Found 10 scenes in 2 scripts/);
  // One script unticked: its scenes go from the count.
  const moreNights = dialog.locator('label', { hasText: 'More nights' }).getByTestId('train-script');
  await moreNights.uncheck();
  await expect(dialog.getByTestId('train-preview-line')).toHaveText(/^Found 2 scenes in 1 script/);
  await moreNights.check();
  await shot(page, info, 'train-scenes-preview');
  await dialog.getByTestId('train-name').fill('Night scenes');
  await dialog.getByTestId('train-steps').fill('24');
  await dialog.getByTestId('train-start').click();
  await expect(dialog.getByTestId('train-progress')).toBeVisible();
  await expect(dialog.getByTestId('chart-perplexity')).toBeVisible();
  await expect(dialog.getByTestId('train-progress')).toHaveAttribute('data-status', 'succeeded', { timeout: 150_000 });
  await expect(dialog.getByTestId('training-figures')).toContainText('perplexity');
  await shot(page, info, 'train-scenes-done');
  const models = await callHost<{ name: string; kind: string }[]>(page, 'models', 'list', { kind: 'scenes' });
  expect(models.map((m) => m.name)).toContain('Night scenes');
  // The Models screen lists it as a scene model.
  await dialog.getByTestId('train-open-models').click();
  await expect(page.getByText('Night scenes').first()).toBeVisible();
  // Its evaluation card gives the scene figures in words (not the music histograms).
  await page.locator('tr', { hasText: 'Night scenes' }).getByTestId('model-evaluate').click();
  const evaluation = page.getByTestId('model-evaluation');
  await expect(evaluation).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(evaluation.getByTestId('evaluation-figures')).toContainText('Valid headings');
  await expect(evaluation.getByTestId('evaluation-histogram')).toHaveCount(0);
  await shot(page, info, 'models-scenes');
});
