import { describe, expect, it } from 'vitest';
import { decodeScriptFile, ScriptFileError, scriptFormatOf } from './decode';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf16 = (s: string, bigEndian: boolean) => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]));
  }
  return out;
};
const text = 'INT. CAFÉ – DAY\n\nZOË\n“Hello.” 🎬\n';

describe('decodeScriptFile', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeScriptFile(utf8(text))).toBe(text);
    expect(decodeScriptFile(new Uint8Array())).toBe('');
  });

  it('reads UTF-8 with a byte-order mark and drops the mark', () => {
    expect(decodeScriptFile(concat([0xef, 0xbb, 0xbf], utf8(text)))).toBe(text);
  });

  it('reads UTF-16 little- and big-endian with a byte-order mark', () => {
    expect(decodeScriptFile(concat([0xff, 0xfe], utf16(text, false)))).toBe(text);
    expect(decodeScriptFile(concat([0xfe, 0xff], utf16(text, true)))).toBe(text);
  });

  it('refuses broken text after a byte-order mark', () => {
    expect(() => decodeScriptFile(concat([0xff, 0xfe], [0x41, 0x00, 0x42]))).toThrow(/could not tell this file's text encoding/);
    expect(() => decodeScriptFile(concat([0xef, 0xbb, 0xbf], [0x41, 0xc3]))).toThrow(ScriptFileError);
  });

  it('reads Windows-1252 text that is not UTF-8', () => {
    // "CAFÉ “quoted” – 5€" in Windows-1252.
    const bytes = concat(utf8('CAF'), [0xc9, 0x20, 0x93], utf8('quoted'), [0x94, 0x20, 0x96, 0x20, 0x35, 0x80]);
    expect(decodeScriptFile(bytes)).toBe('CAFÉ “quoted” – 5€');
  });

  it('refuses text in an encoding it cannot tell', () => {
    // 0x81 and 0x8D are undefined in Windows-1252 (and this is not UTF-8).
    expect(() => decodeScriptFile(concat(utf8('Hello '), [0x81, 0x8d, 0xe9]))).toThrow(
      "Montage could not tell this file's text encoding; save it as UTF-8 and try again.",
    );
  });

  it('refuses binary data with the byte where it starts', () => {
    const bytes = concat(utf8('x'.repeat(1233)), [0x00, 0x01]);
    expect(() => decodeScriptFile(bytes)).toThrow('This file is not text (it has binary data at byte 1,234).');
    expect(() => decodeScriptFile(concat([0xff, 0x00]))).toThrow(/binary data at byte 2\b/);
  });

  it('refuses text full of control characters but keeps a few', () => {
    const noisy = concat(utf8('abc'), Array.from({ length: 20 }, () => 0x07), utf8('def'));
    expect(() => decodeScriptFile(noisy)).toThrow('This file is not text (it has binary data at byte 4).');
    const few = concat(utf8('a'.repeat(2000)), [0x07, 0x1b], utf8('\t\f\r\n'));
    expect(decodeScriptFile(few)).toHaveLength(2006);
  });

  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], 'a PDF'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00], 'a PNG image'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'a ZIP archive (such as a Word document)'],
    [[0xff, 0xd8, 0xff, 0xe0], 'a JPEG image'],
  ])('refuses a file with a known signature: %j is %s', (bytes, what) => {
    expect(() => decodeScriptFile(Uint8Array.from(bytes))).toThrow(`This file is not a script: it looks like ${what}.`);
  });
});

describe('scriptFormatOf', () => {
  it.each([
    ['Brick & Steel.fountain', 'fountain'],
    ['draft.SPMD', 'fountain'],
    ['/home/me/notes.txt', 'fountain'],
    ['C:\\Scripts\\Pilot.FDX', 'fdx'],
    ['pilot.pdf', null],
    ['fountain', null],
    ['archive.fdx.zip', null],
    ['.fountain/readme', null],
  ])('%s → %s', (name, format) => {
    expect(scriptFormatOf(name)).toBe(format);
  });
});
