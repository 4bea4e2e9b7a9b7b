// Reading a script file someone picked (import, `montage script report`): which format its name
// says, and its bytes as text. Scripts come from many writing apps and systems, so the text may be
// UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or old Windows-1252 text; anything
// that is not text (a PDF, an image, a word-processor archive) is refused with a message that says
// what it looks like.

/** A file that cannot be read as a script's text; the message is for the writer. */
export class ScriptFileError extends Error {
  override name = 'ScriptFileError';
}

export type ScriptFormat = 'fountain' | 'fdx';

/** The format a file's extension names: .fountain, .spmd and .txt are Fountain, .fdx is Final Draft; null for anything else. */
export function scriptFormatOf(fileName: string): ScriptFormat | null {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  const ext = match?.[1]?.toLowerCase();
  if (ext === 'fountain' || ext === 'spmd' || ext === 'txt') return 'fountain';
  if (ext === 'fdx') return 'fdx';
  return null;
}

// TextDecoder exists in every runtime Montage runs in (browsers, Node), but src/shared compiles
// without DOM or Node types, so its shape is declared here.
declare const TextDecoder: new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => { decode(input: Uint8Array): string };

/** Files that start with these bytes are not scripts, whatever their name says. */
const signatures: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF' }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' }, // GIF8
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (such as a Word document)' }, // PK\3\4
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office document' },
];

const couldNotTell = "Montage could not tell this file's text encoding; save it as UTF-8 and try again.";

/**
 * The text of a script file. A byte-order mark decides the encoding (UTF-8, UTF-16 LE or BE);
 * without one the bytes must be valid UTF-8, or else they are read as Windows-1252 when they look
 * like text. Throws ScriptFileError for binary files and text whose encoding cannot be told.
 */
export function decodeScriptFile(bytes: Uint8Array): string {
  for (const { bytes: signature, what } of signatures) {
    if (startsWith(bytes, signature)) throw new ScriptFileError(`This file is not a script: it looks like ${what}.`);
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeOrRefuse('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return decodeOrRefuse('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return decodeOrRefuse('utf-16be', bytes.subarray(2));

  const binaryAt = firstBinaryByte(bytes);
  if (binaryAt !== null) {
    throw new ScriptFileError(`This file is not text (it has binary data at byte ${(binaryAt + 1).toLocaleString('en-US')}).`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Not UTF-8: text from an older Windows or Mac writing app is usually Windows-1252. The five
    // byte values that encoding leaves undefined mean it is something else.
    return decodeWindows1252(bytes);
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F (0 where it defines none); every other byte is its own code point. */
const cp1252High = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

// Decoded here rather than with TextDecoder: some runtimes read the label "windows-1252" as Latin-1.
function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (const b of bytes) {
    const code = b >= 0x80 && b < 0xa0 ? cp1252High[b - 0x80]! : b;
    if (code === 0) throw new ScriptFileError(couldNotTell);
    chars.push(String.fromCharCode(code));
  }
  return chars.join('');
}

function decodeOrRefuse(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ScriptFileError(couldNotTell);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Where a file stops looking like text (0-based), or null: the first NUL byte, or, when more than
 * 1% of the bytes (and more than 8) are control characters other than tab, line feed, form feed and
 * carriage return, the first of those.
 */
function firstBinaryByte(bytes: Uint8Array): number | null {
  let controls = 0;
  let firstControl = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) return i;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) {
      controls++;
      if (firstControl < 0) firstControl = i;
    }
  }
  return controls > 8 && controls > bytes.length / 100 ? firstControl : null;
}
