// A script as a PDF in standard screenplay layout: the pages laid out by pagination.ts drawn in
// the standard Courier faces (no font files), with the title page, scene numbers in both margins
// when asked, page numbers ("2.") top right from the second page, and underlines for `_…_`.
//
// The standard faces encode WinAnsi (Western European) only. A script with other characters
// (Polish, Czech, Greek, Cyrillic, …) has those drawn in DejaVu Sans Mono of the same style, from
// the dejavu-fonts-ttf package, embedded as a subset of the glyphs used; each such character is
// placed on the page's 10-per-inch grid, so the monospaced layout holds. What neither font has
// prints as '?'.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  charsPerInch,
  linesPerInch,
  pageNumberTop,
  paginate,
  paperSizes,
  textLeft,
  textRight,
  topMargin,
  type LayoutLine,
  type Paper,
  type TextRun,
} from '../../shared/script/pagination';
import type { Script } from '../../shared/script/script';

export interface ScriptPdfOptions {
  paper: Paper;
  sceneNumbers: boolean;
  /** Document title in the PDF's metadata; defaults to the title page's Title. */
  title?: string;
  /** (CONT'D) on a cue when the same character speaks again after only action. Default true. */
  contd?: boolean;
}

const pt = 72;
const fontSize = 12;
/** Baseline below the top of a 12 pt row. */
const baseline = 9;

type Style = 'regular' | 'bold' | 'italic' | 'boldItalic';

interface Face {
  fonts: Record<Style, PDFFont>;
  chars: Set<number>;
}

interface Fonts {
  courier: Face;
  /** DejaVu Sans Mono, when the script has characters Courier cannot print. */
  fallback: Face | null;
}

const styleOf = (r?: TextRun): Style => (r?.bold ? (r.italic ? 'boldItalic' : 'bold') : r?.italic ? 'italic' : 'regular');

const dejaVuFiles: Record<Style, string> = {
  regular: 'DejaVuSansMono.ttf',
  bold: 'DejaVuSansMono-Bold.ttf',
  italic: 'DejaVuSansMono-Oblique.ttf',
  boldItalic: 'DejaVuSansMono-BoldOblique.ttf',
};

async function embedDejaVu(doc: PDFDocument): Promise<Face> {
  doc.registerFontkit(fontkit);
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const fonts = {} as Record<Style, PDFFont>;
  for (const style of Object.keys(dejaVuFiles) as Style[]) fonts[style] = await doc.embedFont(await readFile(join(dir, dejaVuFiles[style])), { subset: true });
  return { fonts, chars: new Set(fonts.regular.getCharacterSet()) };
}

/** Whether any text of the laid-out script is outside the standard faces' set. */
function needsFallback(courier: Set<number>, lines: readonly LayoutLine[]): boolean {
  const outside = (text: string) => [...text].some((ch) => !courier.has(ch.codePointAt(0) ?? 63) && ch !== '\t');
  const check = (l: LayoutLine): boolean => l.runs.some((r) => outside(r.text)) || (l.right ? check(l.right) : false) || outside(l.sceneNumber ?? '');
  return lines.some(check);
}

/** Consecutive characters drawn in one face ('?' for those neither has); tabs are spaces. */
function faceRuns(f: Fonts, text: string): { face: Face; text: string; at: number }[] {
  const runs: { face: Face; text: string; at: number }[] = [];
  let at = 0;
  for (const raw of text) {
    const ch = raw === '\t' ? ' ' : raw;
    const code = ch.codePointAt(0) ?? 63;
    const inCourier = f.courier.chars.has(code);
    const face = !inCourier && f.fallback?.chars.has(code) ? f.fallback : f.courier;
    const shown = inCourier || face !== f.courier ? ch : '?';
    const last = runs[runs.length - 1];
    // A fallback character stands alone, on its own cell of the grid.
    if (last && last.face === face && face === f.courier) last.text += shown;
    else runs.push({ face, text: shown, at });
    at += raw.length;
  }
  return runs;
}

function drawText(page: PDFPage, f: Fonts, text: string, xIn: number, row: number, r?: TextRun): void {
  if (!text) return;
  const y = page.getHeight() - (topMargin * pt + (row * pt) / linesPerInch + baseline);
  const x = xIn * pt;
  const style = styleOf(r);
  for (const run of faceRuns(f, text)) {
    page.drawText(run.text, { x: x + (run.at * pt) / charsPerInch, y, size: fontSize, font: run.face.fonts[style], color: rgb(0, 0, 0) });
  }
  if (r?.underline && text.trim()) {
    page.drawLine({ start: { x, y: y - 1.5 }, end: { x: x + (text.length * pt) / charsPerInch, y: y - 1.5 }, thickness: 0.6, color: rgb(0, 0, 0) });
  }
}

function drawLine(page: PDFPage, f: Fonts, line: LayoutLine, row: number): void {
  let x = line.x;
  for (const r of line.runs) {
    drawText(page, f, r.text, x, row, r);
    x += r.text.length / charsPerInch;
  }
}

function drawRow(page: PDFPage, f: Fonts, line: LayoutLine, row: number): void {
  drawLine(page, f, line, row);
  if (line.right) drawLine(page, f, line.right, row);
  if (line.sceneNumber) {
    const n = line.sceneNumber;
    drawText(page, f, n, textLeft - 0.25 - n.length / charsPerInch, row);
    drawText(page, f, n, textRight + 0.25, row);
  }
}

export async function scriptToPdf(script: Script, options: ScriptPdfOptions): Promise<{ bytes: Uint8Array; pages: number }> {
  const laid = paginate(script, { paper: options.paper, sceneNumbers: options.sceneNumbers, contd: options.contd ?? true });
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Courier);
  const courier: Face = {
    fonts: {
      regular,
      bold: await doc.embedFont(StandardFonts.CourierBold),
      italic: await doc.embedFont(StandardFonts.CourierOblique),
      boldItalic: await doc.embedFont(StandardFonts.CourierBoldOblique),
    },
    chars: new Set(regular.getCharacterSet()),
  };
  const allLines = [...(laid.titlePage?.lines ?? []), ...laid.pages.flatMap((p) => p.lines)];
  const fonts: Fonts = { courier, fallback: needsFallback(courier.chars, allLines) ? await embedDejaVu(doc) : null };
  const size = paperSizes[options.paper];
  const newPage = () => doc.addPage([size.width * pt, size.height * pt]);

  if (laid.titlePage) {
    const page = newPage();
    for (const line of laid.titlePage.lines) drawLine(page, fonts, line, line.row);
  }
  for (const p of laid.pages) {
    const page = newPage();
    if (p.number > 1) {
      const label = `${p.number}.`;
      const row = ((pageNumberTop - topMargin) * linesPerInch);
      drawText(page, fonts, label, textRight - label.length / charsPerInch, row);
    }
    p.lines.forEach((line, row) => drawRow(page, fonts, line, row));
  }
  if (doc.getPageCount() === 0) newPage();

  const titleEntry = script.titlePage.find((e) => e.key.trim().toLowerCase() === 'title');
  const title = options.title ?? titleEntry?.value.replace(/[*_]/g, '').replace(/\s*\n\s*/g, ' ').trim();
  if (title) doc.setTitle(title);
  const author = script.titlePage.find((e) => /^authors?$/i.test(e.key.trim()));
  if (author) doc.setAuthor(author.value.replace(/\s*\n\s*/g, ', ').trim());
  doc.setCreator('Montage');
  doc.setProducer('Montage');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const bytes = await doc.save();
  return { bytes, pages: laid.pages.length };
}
