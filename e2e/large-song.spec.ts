// A 10,000-note song (the bench's: four tracks, 6,000 dense chord notes on the first) opens in the
// editor and its notes are drawn: the roll's count of drawn notes matches what its geometry says is
// on screen, computed here from the song itself, before and after scrolling, and the canvas shows
// note colour where a note is and row colour where none is. No timing is asserted (see
// `npm run bench` for the figures).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { largeSong } from '../bench/renderer-bench';
import type { Note } from '../src/shared/music/note-sequence';
import { callHost } from './host-api';
import { serveForThisFile, shot } from './serve-fixture';

const serve = serveForThisFile();

interface Shown {
  drawn: number;
  /** Notes of `notes` that the roll's geometry puts on screen, by the roll's rule (scroll rounded to whole pixels). */
  expected: Note[];
  /** The page point at the middle of a note's body, and a note-less cell's. */
  at: (tick: number, pitch: number) => { x: number; y: number };
  view: { t0: number; t1: number; low: number; high: number };
}

async function shown(roll: Locator, notes: readonly Note[]): Promise<Shown> {
  const box = await roll.boundingBox();
  if (!box) throw new Error('the piano roll is not on screen');
  const num = async (name: string) => Number(await roll.getAttribute(`data-${name}`));
  const [ppt, scrollX, scrollY, rowHeight, high, keys, ruler, lane, drawn] = await Promise.all(
    ['px-per-tick', 'scroll-x', 'scroll-y', 'row-height', 'high-pitch', 'keys-width', 'ruler-height', 'lane-height', 'visible-notes'].map(num),
  ) as number[] as [number, number, number, number, number, number, number, number, number];
  if (!(ppt > 0 && rowHeight > 0 && keys > 0 && ruler > 0 && lane > 0)) throw new Error('the piano roll does not state its geometry (data-px-per-tick, -row-height, -keys-width, -ruler-height, -lane-height)');
  const width = Math.floor(box.width);
  const height = Math.floor(box.height);
  const sx = Math.round(scrollX);
  const sy = Math.round(scrollY);
  const t0 = Math.max(0, sx / ppt);
  const t1 = (width - keys + sx) / ppt;
  const pitchAt = (y: number) => high - Math.floor((y - ruler + sy) / rowHeight);
  const low = Math.max(0, pitchAt(height - lane - 1));
  const top = Math.min(high, pitchAt(ruler));
  const expected = notes.filter((n) => n.start < t1 && n.start + n.duration > t0 && n.pitch >= low && n.pitch <= top);
  return {
    drawn,
    expected,
    view: { t0, t1, low, high: top },
    at: (tick, pitch) => ({ x: box.x + keys + Math.round(tick * ppt - sx), y: box.y + ruler + (high - pitch) * rowHeight - sy + rowHeight / 2 }),
  };
}

/** The canvas pixel at a page point, as [r, g, b]. */
async function pixel(page: Page, point: { x: number; y: number }): Promise<[number, number, number]> {
  return page.evaluate(({ x, y }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="piano-roll"]');
    const rect = canvas?.getBoundingClientRect();
    const ctx = canvas?.getContext('2d');
    if (!canvas || !rect || !ctx) throw new Error('no piano roll canvas');
    const scale = canvas.width / rect.width;
    const d = ctx.getImageData(Math.floor((x - rect.left) * scale), Math.floor((y - rect.top) * scale), 1, 1).data;
    return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] as [number, number, number];
  }, point);
}

/** Note bodies are the note blue mixed with the dark row: clearly bluer than any row, key or grid colour. */
const isNoteColour = ([r, , b]: [number, number, number]) => b - r > 60;

test('a 10,000-note song opens and its visible notes are drawn, before and after scrolling', async ({ page }, info) => {
  const song = largeSong(10_000);
  const keys = song.tracks[0]?.notes ?? [];
  expect(song.tracks.reduce((sum, t) => sum + t.notes.length, 0)).toBe(10_000);

  await page.goto(serve.launchUrl);
  await expect(page.getByTestId('status-connection')).toHaveText(/connected/i);
  const project = await callHost<{ id: string }>(page, 'projects', 'create', { name: 'Large song' });
  await callHost(page, 'documents', 'create', { projectId: project.id, kind: 'song', name: 'Ten thousand notes', content: song });
  await page.goto(new URL(`/#/projects/${project.id}`, page.url()).href);
  await page.getByTestId('song-row').filter({ hasText: 'Ten thousand notes' }).getByTestId('song-open').click();

  const roll = page.getByTestId('piano-roll');
  await expect(page.getByTestId('track-row')).toHaveCount(4);
  await expect(roll).toHaveAttribute('data-track-notes', '6000');
  await expect.poll(async () => Number(await roll.getAttribute('data-visible-notes'))).toBeGreaterThan(0);

  const check = async (label: string, pixels = true) => {
    // The count is written after each paint; poll until the paint for the current scroll is in.
    await expect.poll(async () => {
      const s = await shown(roll, keys);
      return s.drawn === s.expected.length;
    }, { message: `${label}: the roll draws the notes its geometry puts on screen` }).toBe(true);
    const s = await shown(roll, keys);
    expect(s.expected.length, `${label}: some notes are on screen`).toBeGreaterThan(20);
    expect(s.expected.length, `${label}: not all of them`).toBeLessThan(keys.length);
    if (!pixels) return;
    // A note well inside the view: its body is note-coloured on the canvas.
    const inside = s.expected.find((n) => n.start > s.view.t0 + 480 && n.start + n.duration < s.view.t1 - 480 && n.pitch > s.view.low && n.pitch < s.view.high);
    if (!inside) throw new Error(`${label}: no note well inside the view`);
    expect(isNoteColour(await pixel(page, s.at(inside.start + inside.duration / 2, inside.pitch))), `${label}: note ${inside.id} is drawn`).toBe(true);
    // A visible row with no Keys note anywhere near: row-coloured.
    const empty = [s.view.high - 1, s.view.low + 1].find((p) => !keys.some((n) => n.pitch === p));
    if (empty !== undefined) expect(isNoteColour(await pixel(page, s.at(inside.start + inside.duration / 2, empty))), `${label}: row ${empty} is empty`).toBe(false);
  };

  await check('opened');
  await shot(page, info, 'large-song-opened');

  const box = await roll.boundingBox();
  if (!box) throw new Error('the piano roll is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = Number(await roll.getAttribute('data-scroll-x'));
  for (let i = 0; i < 20; i++) await page.mouse.wheel(150, 0);
  await expect.poll(async () => Number(await roll.getAttribute('data-scroll-x'))).toBeGreaterThan(before + 1000);
  await check('scrolled sideways');

  // Zoomed out, far more notes are on screen, and all of them are drawn (two pixels wide: no
  // body colour to look for).
  for (let i = 0; i < 6; i++) await page.getByTestId('zoom-out').click();
  await check('zoomed out', false);
  const zoomed = await shown(roll, keys);
  expect(zoomed.drawn).toBeGreaterThan(500);
  await shot(page, info, 'large-song-zoomed-out');
});
