import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageCount } from '../../shared/script/pagination';
import { scriptToPdf } from './script-pdf';
import { sampleScript } from './test-scripts';

describe('scriptToPdf', () => {
  it('writes a title page and the laid-out pages on Letter paper, with metadata', async () => {
    const s = sampleScript();
    const { bytes, pages } = await scriptToPdf(s, { paper: 'letter', sceneNumbers: true });
    expect(pages).toBe(pageCount(s, 'letter'));
    expect(pages).toBeGreaterThanOrEqual(2);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(pages + 1);
    for (const p of doc.getPages()) expect(p.getSize()).toEqual({ width: 612, height: 792 });
    expect(doc.getTitle()).toBe('THE LONG NIGHT');
    expect(doc.getCreator()).toBe('Montage');
    expect(doc.getAuthor()).toBe('Ann Lee');
  });

  it('uses A4 paper and the title given', async () => {
    const { bytes, pages } = await scriptToPdf(sampleScript(), { paper: 'a4', sceneNumbers: false, title: 'Draft 3' });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(pages + 1);
    const size = doc.getPage(0).getSize();
    expect(size.width).toBeCloseTo(595.4, 0);
    expect(size.height).toBeCloseTo(841.7, 0);
    expect(doc.getTitle()).toBe('Draft 3');
  });

  it('prints an empty script as one blank page and replaces characters Courier cannot show', async () => {
    const empty = await scriptToPdf({ titlePage: [], elements: [] }, { paper: 'letter', sceneNumbers: false });
    expect(empty.pages).toBe(0);
    expect((await PDFDocument.load(empty.bytes)).getPageCount()).toBe(1);
    const odd = await scriptToPdf({ titlePage: [], elements: [{ type: 'action', text: 'Tea ☕ and “quotes” — ok\tok', forced: false }] }, { paper: 'letter', sceneNumbers: false });
    expect(odd.pages).toBe(1);
  });
});
