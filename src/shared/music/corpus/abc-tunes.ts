// ABC tunes for the melody corpus: which tunes of which Debian packages we may train on, and the
// split of a multi-tune ABC file into one text per tune (by its X: reference lines) for abc2midi.
//
// Only tunes whose *composition* is public domain (traditional, or a composer dead long enough)
// are listed. The transcriptions are files of the package, under its licence (recorded with each
// entry): GPL permits any use of them, training included; the corpus only records that they were
// read from the installed package and never copies them into the repository. Feature demos of the
// packages (scales, decorations, temperament tests) and copyrighted songs (abcm2ps's examples carry
// "Yesterday", "Song for a guy" and "Green Island Serenade") are deliberately left out.

export interface AbcTuneSource {
  /** Debian package that ships the file. */
  package: string;
  /** Path of the installed file. */
  path: string;
  /** The X: reference number of the tune in the file. */
  x: number;
  title: string;
  /** Who wrote the music, and why it is public domain. */
  origin: string;
  /** Licence of the transcription (the package's debian/copyright for the file). */
  licence: string;
}

const abcmidi = '/usr/share/doc/abcmidi/examples';
const abcm2ps = '/usr/share/doc/abcm2ps/examples';
const gpl2 = 'GPL-2+ (abcmidi debian/copyright, Files: *)';
const gpl3 = 'GPL-3+ (abcm2ps debian/copyright, Files: *)';

const t = (pkg: string, dir: string, file: string, x: number, title: string, origin: string, licence: string): AbcTuneSource => ({
  package: pkg,
  path: `${dir}/${file}`,
  x,
  title,
  origin,
  licence,
});

/** The permitted tunes (Debian 12 versions of abcmidi 2023-02-08 and abcm2ps 8.14). */
export const permittedAbcTunes: readonly AbcTuneSource[] = Object.freeze([
  t('abcmidi', abcmidi, 'araber.abc', 47, 'Araber tants', 'traditional klezmer', gpl2),
  t('abcmidi', abcmidi, 'baym_rebin.abc', 63, "Baym Rebin's Sude", 'traditional klezmer', gpl2),
  t('abcmidi', abcmidi, 'boys.abc', 3, 'The Boys of Carrigallen', 'traditional Irish', gpl2),
  t('abcmidi', abcmidi, 'coleraine.abc', 8, 'Coleraine', 'traditional Irish', gpl2),
  t('abcmidi', abcmidi, 'daramud.abc', 1, 'Daramad of Shur', 'traditional Persian (radif)', gpl2),
  t('abcmidi', abcmidi, 'dergasn.abc', 145, 'der Gasn Nigun', 'traditional klezmer', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 1, 'Horses Branle', 'traditional (Arbeau, 1589)', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 2, 'Trumpet Hornpipe', 'traditional', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 3, 'Smash the Windows', 'traditional Irish', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 4, 'Candlemas Eve', 'traditional English', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 5, 'Oh You New York Girls', 'traditional sea shanty', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 6, 'The Friendly Visit', 'traditional Irish', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 8, 'Roddy McCawley', 'traditional Irish', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 10, 'Heights of Alma', 'traditional', gpl2),
  t('abcmidi', abcmidi, 'demo.abc', 12, "Cuckoo's Nest", 'traditional', gpl2),
  t('abcm2ps', abcm2ps, 'accordion.abc', 3, 'Andro à Patrice Corbel', 'traditional Breton', gpl3),
  t('abcm2ps', abcm2ps, 'accordion.abc', 51, 'Jeune fille de quinze ans', 'traditional French', gpl3),
  t('abcm2ps', abcm2ps, 'sample4.abc', 4, 'Fantaisie', 'Camille Saint-Saëns (d. 1921)', gpl3),
  t('abcm2ps', abcm2ps, 'sample5.abc', 2, 'Romance sans paroles', 'Felix Mendelssohn (d. 1847)', gpl3),
  t('abcm2ps', abcm2ps, 'sample5.abc', 3, 'Fugue II (WTC II)', 'J. S. Bach (d. 1750)', gpl3),
  t('abcm2ps', abcm2ps, 'voices.abc', 2, '8th Sonata for piano', 'Ludwig van Beethoven (d. 1827)', gpl3),
  t('abcm2ps', abcm2ps, 'voices.abc', 3, 'Praeludium II (WTC II)', 'J. S. Bach (d. 1750)', gpl3),
  t('abcm2ps', abcm2ps, 'voices.abc', 4, 'Allegro grazioso', 'Robert Schumann (d. 1856)', gpl3),
  t('abcm2ps', abcm2ps, 'voices.abc', 6, 'Wär Gott nicht mit uns diese Zeit', 'Johann Nicolaus Hanff (d. 1711)', gpl3),
  t('abcm2ps', abcm2ps, 'voices.abc', 7, 'Qui Tollis (Trio)', 'André Raison (d. 1719)', gpl3),
]);

export interface AbcTune {
  /** The X: reference number. */
  x: number;
  /** The first T: line, or "" when there is none. */
  title: string;
  /** A complete single-tune ABC text: the file header (lines before the first X:) and the tune. */
  text: string;
}

/**
 * The tunes of an ABC file, in file order. A tune starts at an `X:` line and runs to the next one;
 * lines before the first tune (the file header: %% directives, defaults) are copied in front of
 * every tune. An X: line without a number is numbered after the tune before it.
 */
export function splitAbcTunes(text: string): AbcTune[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header: string[] = [];
  const tunes: { x: number; lines: string[] }[] = [];
  for (const line of lines) {
    const xMatch = /^X:\s*(\d*)/.exec(line);
    if (xMatch) {
      const previous = tunes[tunes.length - 1];
      const x = xMatch[1] ? Number(xMatch[1]) : previous ? previous.x + 1 : 1;
      tunes.push({ x, lines: [`X:${x}`] });
    } else if (tunes.length > 0) (tunes[tunes.length - 1] as { lines: string[] }).lines.push(line);
    else header.push(line);
  }
  const head = header.filter((l) => l.trim() !== '').join('\n');
  return tunes.map(({ x, lines: tuneLines }) => {
    while (tuneLines.length > 1 && (tuneLines[tuneLines.length - 1] as string).trim() === '') tuneLines.pop();
    const titleLine = tuneLines.find((l) => /^T:/.test(l));
    return { x, title: titleLine ? titleLine.slice(2).trim() : '', text: (head ? head + '\n\n' : '') + tuneLines.join('\n') + '\n' };
  });
}
