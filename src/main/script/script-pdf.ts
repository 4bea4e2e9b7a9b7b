// A script as a PDF in standard screenplay layout: the pages laid out by pagination.ts drawn in
// the standard Courier faces (no font files), with the title page, scene numbers in both margins
// when asked, page numbers ("2.") top right from the second page, and underlines for `_…_`.
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

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
  chars: Set<number>;
}

const fontFor = (f: Fonts, r: TextRun) => (r.bold ? (r.italic ? f.boldItalic : f.bold) : r.italic ? f.italic : f.regular);

/** The standard fonts encode WinAnsi only: anything else prints as '?'. */
function printable(f: Fonts, text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    out += code === 9 ? ' ' : f.chars.has(code) ? ch : '?';
  }
  return out;
}

function drawText(page: PDFPage, f: Fonts, text: string, xIn: number, row: number, r?: TextRun): void {
  const s = printable(f, text);
  if (!s) return;
  const y = page.getHeight() - (topMargin * pt + (row * pt) / linesPerInch + baseline);
  const x = xIn * pt;
  page.drawText(s, { x, y, size: fontSize, font: r ? fontFor(f, r) : f.regular, color: rgb(0, 0, 0) });
  if (r?.underline && s.trim()) {
    page.drawLine({ start: { x, y: y - 1.5 }, end: { x: x + (s.length * pt) / charsPerInch, y: y - 1.5 }, thickness: 0.6, color: rgb(0, 0, 0) });
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
  const fonts: Fonts = {
    regular,
    bold: await doc.embedFont(StandardFonts.CourierBold),
    italic: await doc.embedFont(StandardFonts.CourierOblique),
    boldItalic: await doc.embedFont(StandardFonts.CourierBoldOblique),
    chars: new Set(regular.getCharacterSet()),
  };
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
