// The PDF export read back with poppler-utils (pdfinfo, pdftotext, pdftoppm), as a reader would see it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptToPdf } from './script-pdf';
import { sampleScript } from './test-scripts';

// poppler-utils is installed by .ci/run (and named in the README): without it this fails, never skips.
beforeAll(() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('These tests read PDFs back with poppler-utils: install it (apt-get install poppler-utils).');
  }
});

const dir = mkdtempSync(join(tmpdir(), 'montage-script-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(name: string, paper: 'letter' | 'a4', sceneNumbers: boolean): Promise<{ file: string; pages: number }> {
  const { bytes, pages } = await scriptToPdf(sampleScript(), { paper, sceneNumbers });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, pages };
}
const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('script PDF read back by poppler', () => {
  it('has the page count and Letter page size', async () => {
    const { file, pages } = await write('letter.pdf', 'letter', true);
    const out = info(file);
    expect(out).toMatch(new RegExp(`^Pages:\\s+${pages + 1}$`, 'm'));
    expect(out).toMatch(/^Page size:\s+612 x 792 pts \(letter\)/m);
    expect(out).toMatch(/^Title:\s+THE LONG NIGHT$/m);
    expect(out).toMatch(/^Creator:\s+Montage$/m);
  });

  it('shows the dialogue, (MORE) at the foot of page 1 and the cue with (CONT\'D) on page 2', async () => {
    const { file } = await write('letter.pdf', 'letter', true);
    const [title, page1, page2] = text(file).split('\f') as [string, string, string];
    expect(title).toMatch(/^\s+THE LONG NIGHT\s*$/m);
    expect(title).toMatch(/^\s+Written by\s*$/m);
    expect(title).toMatch(/^12 Harbour Road\s+June 1, 2025\s*$/m);
    expect(page1).toMatch(/^1\s+INT\. KITCHEN - NIGHT\s+1$/m);
    expect(page1).toMatch(/^\s+BOB \(O\.S\.\)$/m);
    expect(page1).toMatch(/This is sentence number 1 of the\s+long/);
    expect(page1.trimEnd()).toMatch(/\(MORE\)$/);
    expect(page1).not.toMatch(/^\s*1\.\s*$/m);
    const lines2 = page2.split('\n').filter((l) => l.trim());
    expect(lines2[0]).toMatch(/^\s+2\.$/);
    expect(lines2[1]).toMatch(/^\s+BOB \(O\.S\.\) \(CONT'D\)$/);
    expect(page2).toMatch(/sentence number 20\s+of the\s+long speech\./);
    expect(page2).toMatch(/CUT TO:/);
    expect(page2).toMatch(/ANN\s+BOB/);
    expect(page2).toMatch(/Left\.\s+Right\./);
    expect(page2).toMatch(/THE END/);
  });

  it('lays out A4 pages', async () => {
    const { file, pages } = await write('a4.pdf', 'a4', false);
    const out = info(file);
    expect(out).toMatch(new RegExp(`^Pages:\\s+${pages + 1}$`, 'm'));
    expect(out).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
    expect(text(file)).not.toMatch(/^1\s+INT\./m);
  });

  it('renders a page', async () => {
    const { file } = await write('letter.pdf', 'letter', true);
    const prefix = join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '2', '-l', '2', '-singlefile', file, prefix]);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.MONTAGE_SCRIPT_PDF_SHOT) writeFileSync(process.env.MONTAGE_SCRIPT_PDF_SHOT, png);
  });

  it('prints characters Courier lacks (Polish, Greek, Cyrillic) in DejaVu Sans Mono, on the same grid', async () => {
    const action = (t: string) => ({ type: 'action' as const, text: t, forced: false });
    const script = { titlePage: [], elements: [action('Łódź, Ελλάδα, Москва — café.'), action('0123456789ABCDEFGHIJ'), action('ŁŁŁŁŁŁŁŁŁŁ0123456789')] };
    const { bytes } = await scriptToPdf(script, { paper: 'letter', sceneNumbers: false });
    const file = join(dir, 'unicode.pdf');
    writeFileSync(file, bytes);
    const out = text(file);
    expect(out).toContain('Łódź, Ελλάδα, Москва — café.');
    expect(out).not.toContain('?');
    // The fallback glyphs keep the 10-per-inch grid: the digits after ten Ł sit where the letters
    // after ten digits do.
    const lines = out.split('\n');
    const latin = lines.find((l) => l.includes('0123456789ABCDEFGHIJ')) ?? '';
    const polish = lines.find((l) => l.includes('ŁŁŁŁŁŁŁŁŁŁ')) ?? '';
    expect(polish.indexOf('Ł')).toBe(latin.indexOf('0'));
    expect(polish.indexOf('0')).toBe(latin.indexOf('A'));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSansMono/);
    // A script Courier can print whole embeds no font file.
    const plain = join(dir, 'plain.pdf');
    writeFileSync(plain, (await scriptToPdf({ titlePage: [], elements: [action('Tea “quotes” — café')] }, { paper: 'letter', sceneNumbers: false })).bytes);
    expect(execFileSync('pdffonts', [plain], { encoding: 'utf8' })).not.toMatch(/DejaVu/);
  });
});
