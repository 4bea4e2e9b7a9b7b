// Inline markup of an element's text, for exports: emphasis (*italic*, **bold**, ***bold italic***,
// _underline_), backslash escapes (\* and \_ are the characters themselves), inline notes [[…]]
// and boneyards /*…*/ (both left out). Emphasis does not carry across a line break; a marker with
// no closing marker later on its line is plain text.

export interface InlineRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** The text without its inline notes and boneyards (an unclosed one stays as written). */
export function stripAsides(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const note = text.indexOf('[[', i);
    const bone = text.indexOf('/*', i);
    if (note === -1 && bone === -1) break;
    const at = note === -1 ? bone : bone === -1 ? note : Math.min(note, bone);
    if (at === note) {
      const close = text.indexOf(']]', at + 2);
      if (close === -1) {
        out += text.slice(i, at + 2);
        i = at + 2;
        continue;
      }
      out += text.slice(i, at);
      i = close + 2;
    } else {
      let depth = 1;
      let j = at + 2;
      while (j < text.length && depth > 0) {
        if (text.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (text.startsWith('*/', j)) {
          depth--;
          j += 2;
        } else j++;
      }
      if (depth > 0) {
        out += text.slice(i, at + 2);
        i = at + 2;
        continue;
      }
      out += text.slice(i, at);
      i = j;
    }
  }
  return out + text.slice(i);
}

/** Splits text into runs of the same emphasis; line breaks stay in the runs' text as \n. */
export function parseInline(text: string): InlineRun[] {
  const runs: InlineRun[] = [];
  const emit = (s: string, bold: boolean, italic: boolean, underline: boolean) => {
    if (s === '') return;
    const last = runs[runs.length - 1];
    if (last && last.bold === bold && last.italic === italic && last.underline === underline) last.text += s;
    else runs.push({ text: s, bold, italic, underline });
  };
  const lines = stripAsides(text).split('\n');
  lines.forEach((line, li) => {
    if (li > 0) emit('\n', false, false, false);
    let bold = false;
    let italic = false;
    let underline = false;
    let buf = '';
    const flush = () => {
      emit(buf, bold, italic, underline);
      buf = '';
    };
    // Whether an unescaped marker character occurs after position `from`.
    const laterMarker = (ch: string, from: number) => {
      for (let k = from; k < line.length; k++) {
        const c = line[k];
        if (c === '\\') k++;
        else if (c === ch) return true;
      }
      return false;
    };
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\' && i + 1 < line.length && '*_\\'.includes(line[i + 1]!)) {
        buf += line[i + 1];
        i++;
      } else if (c === '*') {
        let n = 1;
        while (line[i + n] === '*') n++;
        const k = Math.min(n, 3);
        const closing = (k === 3 && (bold || italic)) || (k === 2 && bold) || (k === 1 && italic);
        if (closing || laterMarker('*', i + n)) {
          flush();
          if (k === 3) {
            bold = !bold;
            italic = !italic;
          } else if (k === 2) bold = !bold;
          else italic = !italic;
          buf += '*'.repeat(n - k);
        } else buf += '*'.repeat(n);
        i += n - 1;
      } else if (c === '_') {
        if (underline || laterMarker('_', i + 1)) {
          flush();
          underline = !underline;
        } else buf += c;
      } else buf += c;
    }
    flush();
  });
  return runs;
}
